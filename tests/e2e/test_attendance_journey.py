"""A trainer takes the roll call; the participant gets the certificate, downloads and verifies it."""

import io
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from django.contrib.auth import get_user_model
from django.utils import timezone

from attendance.models import Attendance
from attendance.services import ensure_check_in_code
from certificates.models import Certificate
from courses.models import Session, Trainer
from courses.services import refresh_edition_schedule
from enrolment.models import Enrolment
from tests.e2e.test_catalogue_journey import WCAG_TAGS, format_violations
from tests.factories import make_course, make_edition

pytestmark = pytest.mark.e2e

PASSWORD = "Vorming-voor-iedereen-2026"
COURSE = "Lokale politiek voor beginners"


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, format_violations(page.url, violations)


def make_account(email, first_name, last_name):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def log_in(page, live_server, email, *, lands_on="/mijn/"):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(f"{lands_on}$"))


def confirm(edition, person):
    enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    joined_at = edition.starts_at - timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    return enrolment


@pytest.fixture
def journey(offer):
    """An edition of two sessions, the first a week ago and the second going on now, with
    its trainer and one participant; the course asks every session.
    """
    course = make_course(offer["basic"], title=COURSE, attendance_threshold=100)
    edition = make_edition(course, sessions=1, starts_in_days=-7)
    now = timezone.now()
    Session.objects.create(
        edition=edition,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        venue=edition.sessions.get().venue,
    )
    edition = refresh_edition_schedule(edition)
    trainer = make_account("lesgever@example.org", "Lies", "Lesgever")
    edition.trainers.add(Trainer.objects.create(name="Lies Lesgever", user=trainer))
    participant = make_account("an.peeters@example.org", "An", "Peeters")
    enrolment = confirm(edition, participant)
    return {"edition": edition, "participant": participant, "enrolment": enrolment}


def test_trainer_takes_the_roll_call_and_the_participant_verifies_the_certificate(
    browser, browser_context_args, live_server, journey
):
    edition = journey["edition"]
    sessions = list(edition.sessions.order_by("starts_at"))

    trainer_context = browser.new_context(**browser_context_args)
    try:
        page = trainer_context.new_page()
        # A trainer lands on their own page.
        log_in(page, live_server, "lesgever@example.org", lands_on="/lesgever/")
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn edities als lesgever").click()
        page.get_by_role("link", name=re.compile("^Aanwezigheden per sessie")).click()
        for session in sessions:
            page.locator(f'a[href="/lesgever/sessies/{session.pk}/aanwezigheden/"]').click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Aanwezigheden")
            person = page.get_by_role("group", name="An Peeters")
            person.get_by_label("Aanwezig", exact=True).check()
            assert_accessible(page)
            page.get_by_role("button", name="Aanwezigheden bewaren").click()
            expect(page.get_by_text("De aanwezigheden zijn bewaard: 1 wijziging.")).to_be_visible()
            expect(person.get_by_label("Aanwezig", exact=True)).to_be_checked()
            page.get_by_role("link", name=f"Deelnemers van {COURSE}").click()
    finally:
        trainer_context.close()

    assert set(Attendance.objects.values_list("status", flat=True)) == {Attendance.Status.PRESENT}
    certificate = Certificate.objects.get()
    assert certificate.person == journey["participant"]

    participant_context = browser.new_context(**browser_context_args, accept_downloads=True)
    try:
        page = participant_context.new_page()
        log_in(page, live_server, "an.peeters@example.org")
        certificates = page.get_by_role("region", name="Je attesten")
        expect(certificates).to_contain_text(COURSE)
        with page.expect_download() as download_info:
            certificates.get_by_role("link", name=re.compile("^Download \\(pdf\\)")).click()
        with open(download_info.value.path(), "rb") as downloaded:
            pdf = downloaded.read()
        assert pdf.startswith(b"%PDF")
        text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages)
        assert "An Peeters" in text and COURSE in text

        certificates.get_by_role("link", name=re.compile("^Controlepagina")).click()
        expect(page).to_have_url(re.compile(f"/attest/{certificate.code}/$"))
        expect(page.get_by_text("Dit attest is geldig.")).to_be_visible()
        expect(page.get_by_text("An Peeters")).to_be_visible()
        assert_accessible(page)

        # The session going on now: the participant was marked present, the check-in page says so.
        page.goto(f"{live_server.url}/inchecken/{ensure_check_in_code(sessions[1])}/")
        expect(page.get_by_text("Je bent ingecheckt voor deze sessie.")).to_be_visible()
        assert_accessible(page)
    finally:
        participant_context.close()


def test_a_participant_checks_in_with_the_code_during_the_session(page, live_server, journey):
    session = journey["edition"].sessions.order_by("starts_at").last()
    code = ensure_check_in_code(session)

    page.goto(f"{live_server.url}/inchecken/{code}/")
    expect(page).to_have_url(re.compile("/account/login/"))
    page.get_by_label("E-mail").fill("an.peeters@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(re.compile(f"/inchecken/{code}/$"))
    expect(page.get_by_role("heading", name=COURSE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ik ben aanwezig").click()

    expect(page.get_by_text("Je bent ingecheckt. Fijne sessie!")).to_be_visible()
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.source) == (session, Attendance.Source.CHECK_IN)

    page.goto(live_server.url + "/inchecken/")
    assert_accessible(page)
