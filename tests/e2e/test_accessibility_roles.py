"""WCAG 2.2 AA (axe-core) on the pages of the roles: the course-request form with and
without errors, a trainer's pages, a session's material and the steering group's
Signalen report and edition review in the admin."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from courses import services as course_services
from courses.models import Edition, Trainer
from enrolment import services
from materials.models import CourseMaterial
from roles.groups import STEERING_GROUP, TRAINERS
from tests import factories
from tests.e2e.test_catalogue_journey import WCAG_TAGS, format_violations
from tests.e2e.test_curation_journey import log_in_to_admin, make_user

pytestmark = pytest.mark.e2e


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, format_violations(page.url, violations)


@pytest.fixture
def people(offer):
    """A trainer of the offer's edition with a confirmed participant, a submitted edition,
    a session with material and a member of the steering group."""
    from roles.services import ensure_role_permissions

    ensure_role_permissions()
    trainer = make_user("lesgever@example.org", TRAINERS)
    profile = Trainer.objects.create(name="Lien Lesgever", user=trainer)
    offer["edition"].trainers.set([profile])
    participant = factories.make_person("deelnemer@example.org")
    services.enrol(offer["edition"], person=participant)
    submitted = factories.make_edition(offer["course"], status=Edition.Status.DRAFT, label="Genk, najaar")
    submitted.trainers.set([profile])
    course_services.submit_edition(submitted, by=trainer)
    session = offer["edition"].sessions.order_by("starts_at").first()
    CourseMaterial.objects.create(
        course=offer["course"], session=session, title="Leeslijst", kind="text", body="<p>Lees dit.</p>"
    )
    CourseMaterial.objects.create(
        course=offer["course"],
        session=session,
        title="Open link",
        kind="link",
        link_url="https://example.org",
        visibility="openbaar",
    )
    steering = make_user("stuurgroep@example.org", STEERING_GROUP)
    return {**offer, "trainer": trainer, "submitted": submitted, "session": session, "steering": steering}


def test_course_request_form_with_and_without_errors(page, live_server, site):
    page.goto(live_server.url + "/vormingsvraag/")
    assert_accessible(page)

    page.get_by_role("button", name="Vraag versturen").click()
    page.wait_for_load_state()
    assert page.locator("[aria-invalid='true']").count() > 0
    assert_accessible(page)


def test_trainers_pages(page, live_server, people):
    log_in_to_admin(page, live_server, "lesgever@example.org")

    for path in ("/lesgever/", f"/lesgever/edities/{people['edition'].pk}/deelnemers/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert_accessible(page)


def test_session_material_page(page, live_server, people):
    log_in_to_admin(page, live_server, "lesgever@example.org")

    response = page.goto(live_server.url + f"/materiaal/sessie/{people['session'].pk}/")

    assert response.status == 200
    assert page.get_by_text("Leeslijst").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/admin/signalen/", "review"])
def test_steering_groups_admin_pages(page, live_server, people, path):
    log_in_to_admin(page, live_server, "stuurgroep@example.org")
    if path == "review":
        path = f"/admin/editions/review/{people['submitted'].pk}/"

    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert_accessible(page)
