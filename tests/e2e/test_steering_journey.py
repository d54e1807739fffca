"""The steering group's daily work in the admin, by visible labels: review and decide on a
course proposal, open a signal, triage a course request. axe on each of our own screens."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from courses.models import CoursePage, Edition, Trainer
from curation.models import CourseRequest
from enrolment.models import Enrolment
from roles.groups import STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests import factories
from tests.academy.test_admin_pages import CUSTOM_ADMIN_PAGES
from tests.curation.factories import make_request
from tests.e2e.test_accessibility_roles import assert_accessible
from tests.e2e.test_curation_journey import PASSWORD, log_in_to_admin, make_user

pytestmark = [
    pytest.mark.e2e,
    # Wagtail 8.0's moderation notifications still call django.core.mail.get_connection(),
    # deprecated in Django 6.1; the mail itself goes out.
    pytest.mark.filterwarnings(
        "ignore:get_connection\\(\\) is deprecated:django.utils.deprecation.RemovedInDjango2028Warning"
    ),
]


@pytest.fixture
def steering_work(offer):
    ensure_role_permissions()
    trainer = make_user("lesgever@example.org", TRAINERS)
    trainer.first_name, trainer.last_name = "Luc", "Lesgever"
    trainer.save()
    Trainer.objects.create(name="Luc Lesgever", user=trainer)
    steering = make_user("stuurgroep@example.org", STEERING_GROUP)
    EmailAddress.objects.create(user=steering, email=steering.email, primary=True, verified=True)
    proposal = factories.make_course(offer["basic"], title="Lokaal bestuur voor beginners")
    proposal.unpublish()
    proposal.save_revision(user=trainer)
    proposal.get_workflow().start(proposal, trainer)
    crowded = factories.make_edition(offer["course"], capacity=2, label="Gent, voorjaar")
    factories.fill_edition(crowded)
    for _ in range(6):
        Enrolment.objects.create(person=factories.make_person(), edition=crowded, status=Enrolment.Status.WAITLISTED)
    request = make_request(subject="Begroting lezen in Genk", is_public=True)
    return {**offer, "steering": steering, "proposal": proposal, "crowded": crowded, "request": request}


def log_in_on_the_site(page, live_server, email):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_steering_group_reviews_opens_a_signal_and_triages_a_request(page, live_server, steering_work):
    proposal, crowded, request = steering_work["proposal"], steering_work["crowded"], steering_work["request"]
    log_in_on_the_site(page, live_server, "stuurgroep@example.org")

    # Review and decide: Beheer, the proposal on the dashboard, the decision (3 clicks).
    page.get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name=f"{proposal.title} beoordelen").click()
    expect(page.get_by_role("button", name="Goedkeuren en publiceren")).to_be_visible()
    expect(page.get_by_role("button", name="Wijzigingen vragen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Welke wijzigingen vraag je? (verplicht)").fill("Voeg de leerdoelen toe.")
    page.get_by_role("button", name="Wijzigingen vragen").click()
    expect(page.get_by_text(re.compile("Je vroeg wijzigingen aan"))).to_be_visible()
    assert not CoursePage.objects.get(pk=proposal.pk).live
    # Wagtail fades its message in: axe reads the colours once it is there.
    page.wait_for_timeout(1000)
    assert_accessible(page)

    # Open a signal: Signalen in the menu, the edition it names (2 clicks from the admin).
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("heading", name="Lange wachtlijsten")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("region", name="Lange wachtlijsten").get_by_role("link", name=str(crowded)).click()
    expect(page.get_by_text("Gent, voorjaar").first).to_be_visible()
    expect(page.get_by_text("Sorry")).to_have_count(0)
    assert_accessible(page)

    # Triage a request: Vormingsvragen in the menu, the request, status and answer, save.
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Vormingsvragen").click()
    page.get_by_role("link", name="Begroting lezen in Genk").click()
    page.get_by_role("combobox", name=re.compile("^Status")).select_option(label="In behandeling")
    answer = page.get_by_role("combobox", name=re.compile("^Beantwoord met vorming"))
    expect(answer.locator("option", has_text=proposal.title)).to_have_count(0)
    answer.select_option(label=steering_work["course"].title)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_be_visible()
    request.refresh_from_db()
    assert request.status == CourseRequest.Status.IN_REVIEW
    assert request.answered_by_course_id == steering_work["course"].pk
    assert Edition.objects.filter(pk=crowded.pk).exists()


def test_the_projects_own_admin_pages_pass_axe(page, live_server, steering_work):
    get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", PASSWORD)
    log_in_to_admin(page, live_server, "beheer@example.org")
    pages = [
        *CUSTOM_ADMIN_PAGES,
        f"/admin/voorstellen/{steering_work['proposal'].pk}/",
        f"/admin/editions/inspect/{steering_work['crowded'].pk}/",
        f"/admin/course_requests/inspect/{steering_work['request'].pk}/",
    ]
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)
