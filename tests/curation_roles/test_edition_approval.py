"""The steering group approves editions in the admin, by HTTP: who may take each step,
what it changes, and that a refused step changes nothing."""

import pytest

from django.contrib.messages import get_messages

from wagtail.models import ModelLogEntry

from courses import services
from courses.models import Edition, EditionReview
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests.courses.test_edition_admin import edit_data, local
from tests.factories import make_edition, make_person, make_venue

Status = Edition.Status


@pytest.fixture
def round_(roles, make_member):
    """A trainer's draft edition of the offer's course, and a member of the steering group."""
    own = make_member("lesgever@example.org", TRAINERS, trainer=True)
    roles["course"].trainers.set([own.trainer_profile])
    roles["course"].save()
    draft = make_edition(roles["course"], status=Status.DRAFT, province="limburg", label="Genk, najaar")
    draft.trainers.set([own.trainer_profile])
    steering = make_member("stuurgroep@example.org", STEERING_GROUP)
    return {**roles, "own": own, "draft": draft, "steering": steering}


def submit_url(edition):
    return f"/admin/editions/submit/{edition.pk}/"


def review_url(edition):
    return f"/admin/editions/review/{edition.pk}/"


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def status_of(edition):
    return Edition.objects.get(pk=edition.pk).status


def test_trainer_submits_their_draft(client, round_):
    draft = round_["draft"]
    client.force_login(round_["own"])
    edit_page = client.get(f"/admin/editions/edit/{draft.pk}/").content.decode()
    assert submit_url(draft) in edit_page

    response = client.post(submit_url(draft))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/editions/edit/{draft.pk}/"
    assert status_of(draft) == Status.SUBMITTED
    assert ModelLogEntry.objects.for_instance(draft).get().action == services.SUBMIT_ACTION


def test_another_trainer_cannot_submit_an_edition_they_do_not_teach(client, round_, make_member):
    client.force_login(make_member("andere@example.org", TRAINERS, trainer=True))

    response = client.post(submit_url(round_["draft"]))

    assert response["Location"] == "/admin/"
    assert status_of(round_["draft"]) == Status.DRAFT


def test_steering_group_approves_and_the_edition_opens_for_enrolment(
    client, round_, django_capture_on_commit_callbacks
):
    draft = round_["draft"]
    services.submit_edition(draft, by=round_["own"])
    assert "Genk, najaar" not in client.get("/aanbod/").content.decode()
    client.force_login(round_["steering"])

    dashboard = client.get("/admin/").content.decode()
    assert "Edities die wachten op je goedkeuring" in dashboard
    assert review_url(draft) in dashboard
    assert "Genk, najaar" in client.get(review_url(draft)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(draft), {"decision": "goedkeuren", "comment": ""})

    assert response.status_code == 302
    assert texts(response) == ["‘Hoe werkt de gemeente? (Genk, najaar)’ is goedgekeurd en staat in het aanbod."]
    assert status_of(draft) == Status.APPROVED
    assert [entry.action for entry in ModelLogEntry.objects.for_instance(draft).order_by("timestamp", "pk")] == [
        services.SUBMIT_ACTION,
        services.APPROVE_ACTION,
    ]

    client.logout()
    assert "Genk, najaar" in client.get("/aanbod/").content.decode()
    participant = make_person("deelnemer@example.org")
    client.force_login(participant)
    client.post(f"/mijn/inschrijven/{draft.pk}/")
    assert Enrolment.objects.get(person=participant, edition=draft).status == Enrolment.Status.CONFIRMED


def test_asking_for_changes_without_a_comment_is_refused_in_dutch(client, round_):
    draft = round_["draft"]
    services.submit_edition(draft, by=round_["own"])
    client.force_login(round_["steering"])

    response = client.post(review_url(draft), {"decision": "wijzigingen", "comment": "  "})

    assert response.status_code == 200
    assert "Schrijf erbij welke wijzigingen de stuurgroep vraagt." in response.content.decode()
    assert status_of(draft) == Status.SUBMITTED
    assert not EditionReview.objects.exclude(step=EditionReview.Step.SUBMITTED).exists()
    assert [entry.action for entry in ModelLogEntry.objects.for_instance(draft)] == [services.SUBMIT_ACTION]


def test_asking_for_changes_sends_it_back_to_the_trainer_with_the_comment(client, round_):
    draft = round_["draft"]
    services.submit_edition(draft, by=round_["own"])
    client.force_login(round_["steering"])

    response = client.post(review_url(draft), {"decision": "wijzigingen", "comment": "Kies een zaal met lift."})

    assert response.status_code == 302
    assert status_of(draft) == Status.DRAFT
    assert ModelLogEntry.objects.for_instance(draft).filter(action=services.REQUEST_CHANGES_ACTION).exists()
    client.logout()
    assert "Genk, najaar" not in client.get("/aanbod/").content.decode()

    client.force_login(round_["own"])
    edit_page = client.get(f"/admin/editions/edit/{draft.pk}/").content.decode()
    assert "Kies een zaal met lift." in edit_page
    assert submit_url(draft) in edit_page


APPROVE_REFUSED = ["anonymous", "participant", "trainer of this edition", "another trainer", "staff"]


@pytest.mark.parametrize("role", APPROVE_REFUSED)
def test_only_the_steering_group_approves(client, round_, make_member, role):
    draft = round_["draft"]
    services.submit_edition(draft, by=round_["own"])
    users = {
        "anonymous": None,
        "participant": make_person("deelnemer@example.org"),
        "trainer of this edition": round_["own"],
        "another trainer": make_member("andere@example.org", TRAINERS, trainer=True),
        "staff": make_member("medewerker@example.org", STAFF),
    }
    if users[role] is not None:
        client.force_login(users[role])

    responses = [
        client.get(review_url(draft)),
        client.post(review_url(draft), {"decision": "goedkeuren", "comment": ""}),
        client.post(review_url(draft), {"decision": "wijzigingen", "comment": "Nee."}),
    ]

    for response in responses:
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response["Location"].startswith(("/admin/", "/account/login/"))
    assert status_of(draft) == Status.SUBMITTED
    assert EditionReview.objects.count() == 1


def test_a_steering_group_member_does_not_approve_an_edition_they_teach(client, round_, make_member):
    draft = round_["draft"]
    teaching_member = make_member("beide@example.org", STEERING_GROUP, trainer=True)
    draft.trainers.add(teaching_member.trainer_profile)
    services.submit_edition(draft, by=round_["own"])
    client.force_login(teaching_member)

    response = client.post(review_url(draft), {"decision": "goedkeuren", "comment": ""})

    assert response["Location"] == "/admin/"
    assert status_of(draft) == Status.SUBMITTED
    assert review_url(draft) not in client.get("/admin/").content.decode()


def test_nobody_approves_through_the_edit_form(client, round_, make_member):
    draft = round_["draft"]
    client.force_login(make_member("medewerker@example.org", STAFF))
    data = edit_data(draft, 25)
    data["status"] = Status.APPROVED

    response = client.post(f"/admin/editions/edit/{draft.pk}/", data)

    assert response.status_code == 200
    edition = Edition.objects.get(pk=draft.pk)
    assert (edition.status, edition.capacity) == (Status.DRAFT, 20)


def test_staff_change_capacity_venue_and_dates_of_an_approved_edition_without_a_new_round(client, round_, make_member):
    edition = make_edition(round_["course"], province="brussel", label="Brussel, voorjaar")
    assert edition.status == Status.APPROVED
    new_venue = make_venue(province="limburg", name="Zaal met lift")
    session = edition.sessions.get()
    client.force_login(make_member("medewerker@example.org", STAFF))
    data = edit_data(edition, 30)
    data.update(
        {
            "sessions-0-venue": str(new_venue.pk),
            "sessions-0-starts_at": local(session.starts_at.replace(hour=9, minute=0)),
            "sessions-0-ends_at": local(session.starts_at.replace(hour=16, minute=0)),
        }
    )

    response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    session.refresh_from_db()
    assert edition.status == Status.APPROVED
    assert edition.capacity == 30
    assert session.venue == new_venue
    assert edition.starts_at == session.starts_at
    assert ModelLogEntry.objects.for_instance(edition).filter(action="wagtail.edit").exists()
    assert edition in Edition.objects.in_catalogue()


def test_the_steering_group_finds_the_submitted_editions_in_the_listing(client, round_):
    draft = round_["draft"]
    services.submit_edition(draft, by=round_["own"])
    client.force_login(round_["steering"])

    html = client.get("/admin/editions/?status=ingediend").content.decode()

    assert "Genk, najaar" in html
    assert review_url(draft) in html
