"""A trainer proposes a course with the dates of its first edition; one decision of the
steering group in the moderation workflow approves both, or sends both back."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from courses.models import CoursePage, Edition, EditionReview, PartnerOrganisation, Theme, Trainer, Venue
from roles.groups import STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests.factories import make_member, make_venue

# Wagtail 8.0's moderation notifications still call django.core.mail.get_connection(),
# deprecated in Django 6.1; the mail itself goes out.
pytestmark = pytest.mark.filterwarnings(
    "ignore:get_connection\\(\\) is deprecated:django.utils.deprecation.RemovedInDjango2028Warning"
)


@pytest.fixture
def roles(offer):
    ensure_role_permissions()
    return offer


@pytest.fixture
def trainer(roles):
    user = make_member(TRAINERS)
    Trainer.objects.create(name="Lies Lesgever", user=user)
    return user


def proposal(roles, **extra):
    day = timezone.localdate() + timedelta(days=40)
    return {
        "title": "Samen besturen in de gemeente",
        "summary": "Hoe een gemeenteraad werkt, voor wie er morgen in zit.",
        "place": roles["basic"].pk,
        "format": "studiedag",
        "themes": [Theme.objects.get_or_create(name="Lokale democratie", defaults={"slug": "lokale-democratie"})[0].pk],
        "partner_organisations": [
            PartnerOrganisation.objects.get_or_create(name="Femma", defaults={"slug": "femma"})[0].pk
        ],
        "date": day.isoformat(),
        "more_dates": (day + timedelta(days=7)).isoformat(),
        "starts_at": "19:00",
        "ends_at": "21:30",
        "venue": (Venue.objects.first() or make_venue(province="limburg")).pk,
        "label": "Hasselt, voorjaar",
        "province": "limburg",
        "scope": "lokaal",
        "capacity": "18",
        **extra,
    }


def moderate(client, course, action, comment=""):
    task_state = course.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{course.pk}/{action}/{task_state.pk}/", {"comment": comment})


def test_trainer_proposes_a_course_and_its_dates_in_one_form(client, roles, trainer):
    client.force_login(trainer)
    data = proposal(roles)

    page = client.get("/lesgever/voorstel/").content.decode()
    response = client.post("/lesgever/voorstel/", data)

    assert 'type="checkbox" name="themes"' in page and 'type="checkbox" name="partner_organisations"' in page
    assert response.status_code == 302 and response["Location"] == "/lesgever/"
    course = CoursePage.objects.get(title="Samen besturen in de gemeente")
    assert not course.live and course.workflow_in_progress
    assert course.get_parent().pk == roles["basic"].pk and course.owner == trainer
    assert [t.user for t in course.trainers.all()] == [trainer]
    assert [theme.name for theme in course.themes.all()] == ["Lokale democratie"]
    edition = Edition.objects.get(course=course)
    assert (edition.status, edition.capacity, edition.label) == (Edition.Status.SUBMITTED, 18, "Hasselt, voorjaar")
    starts = [timezone.localtime(s.starts_at).strftime("%H:%M") for s in edition.sessions.order_by("starts_at")]
    assert starts == ["19:00", "19:00"]
    assert edition.enrolment_closes_at == edition.starts_at
    assert "Samen besturen" not in Client().get("/aanbod/").content.decode()


def test_one_approval_by_the_steering_group_approves_course_and_edition(client, roles, trainer):
    client.force_login(trainer)
    client.post("/lesgever/voorstel/", proposal(roles))
    course = CoursePage.objects.get(title="Samen besturen in de gemeente")
    client.force_login(make_member(STEERING_GROUP))

    response = moderate(client, course, "approve")

    assert response.status_code == 302
    course.refresh_from_db()
    edition = Edition.objects.get(course=course)
    assert course.live and edition.status == Edition.Status.APPROVED
    assert Edition.objects.public().filter(pk=edition.pk).exists()
    assert "Samen besturen in de gemeente" in Client().get(course.url).content.decode()


def test_requested_changes_send_both_back_with_the_comment(client, roles, trainer):
    client.force_login(trainer)
    client.post("/lesgever/voorstel/", proposal(roles))
    course = CoursePage.objects.get(title="Samen besturen in de gemeente")
    client.force_login(make_member(STEERING_GROUP))

    moderate(client, course, "reject", comment="Liever op zaterdag.")

    course.refresh_from_db()
    edition = Edition.objects.get(course=course)
    assert not course.live and edition.status == Edition.Status.DRAFT
    assert edition.reviews.first().step == EditionReview.Step.CHANGES_REQUESTED
    assert edition.reviews.first().comment == "Liever op zaterdag."


def test_an_incomplete_proposal_saves_nothing_and_says_why_in_dutch(client, roles, trainer):
    client.force_login(trainer)

    past = client.post("/lesgever/voorstel/", proposal(roles, date="2020-01-01"))
    nowhere = client.post("/lesgever/voorstel/", proposal(roles, venue="", online_url=""))
    backwards = client.post("/lesgever/voorstel/", proposal(roles, ends_at="18:00", more_dates="volgende week"))

    assert "Kies een datum in de toekomst." in past.content.decode()
    assert "Kies een locatie of geef een onlinelink op." in nowhere.content.decode()
    assert "Een sessie eindigt na haar begin." in backwards.content.decode()
    assert "‘volgende’ is geen datum" in backwards.content.decode()
    assert not CoursePage.objects.filter(title="Samen besturen in de gemeente").exists()
    assert not Edition.objects.filter(label="Hasselt, voorjaar").exists()


def test_who_may_not_add_courses_gets_404(client, roles, trainer):
    client.force_login(trainer)
    assert 'href="/lesgever/voorstel/"' in client.get("/lesgever/").content.decode()
    client.force_login(get_user_model().objects.create_user(username="an", email="an@example.org"))

    assert 'href="/lesgever/voorstel/"' not in client.get("/lesgever/").content.decode()
    assert client.get("/lesgever/voorstel/").status_code == 404
    assert client.post("/lesgever/voorstel/", proposal(roles)).status_code == 404
    assert not CoursePage.objects.filter(title="Samen besturen in de gemeente").exists()
