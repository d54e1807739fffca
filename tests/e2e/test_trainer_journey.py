"""A trainer's daily tasks on a phone, counted in taps: the roll call of the running session,
material for a session, a course proposed with its dates."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.utils import timezone

from attendance.models import Attendance
from courses.models import CoursePage, Edition, Session, Theme, Trainer
from courses.services import refresh_edition_schedule
from materials.models import CourseMaterial
from roles.groups import TRAINERS
from roles.services import ensure_role_permissions
from tests.e2e.test_attendance_journey import PASSWORD, assert_accessible, confirm, make_account
from tests.factories import make_course, make_edition, make_partner

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
COURSE = "Lokale politiek voor beginners"


@pytest.fixture
def day(offer):
    """A session going on now, taught by a trainer of the Lesgevers role, with two participants."""
    ensure_role_permissions()
    course = make_course(offer["basic"], title=COURSE)
    edition = make_edition(course, sessions=1, starts_in_days=7, label="Hasselt")
    now = timezone.now()
    running = Session.objects.create(
        edition=edition,
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
        venue=edition.sessions.get().venue,
    )
    edition = refresh_edition_schedule(edition)
    trainer = make_account("lesgever@example.org", "Lies", "Lesgever")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    edition.trainers.add(Trainer.objects.create(name="Lies Lesgever", user=trainer))
    an = confirm(edition, make_account("an.peeters@example.org", "An", "Peeters"))
    bo = confirm(edition, make_account("bo.zee@example.org", "Bo", "Zee"))
    Theme.objects.create(name="Lokale democratie")
    make_partner("Femma")
    return {"edition": edition, "running": running, "an": an, "bo": bo}


class Taps:
    """Count what the trainer touches: every click, check and choice."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator, action="click", *args, **kwargs):
        self.count += 1
        getattr(locator, action)(*args, **kwargs)


def test_trainer_takes_the_roll_call_adds_material_and_proposes_a_course_on_a_phone(browser, live_server, day, offer):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    tap = Taps()

    # Roll call of the running session: log in, one tap to the roll call.
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill("lesgever@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    tap(page.get_by_role("button", name="Inloggen"))
    expect(page).to_have_url(re.compile("/lesgever/$"))
    now = page.get_by_role("region", name="Nu bezig")
    expect(now).to_contain_text(COURSE)
    assert_accessible(page)
    tap(now.get_by_role("link", name="Aanwezigheden"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanwezigheden")
    assert_accessible(page)
    # The last choice of the last person: nothing floats over it.
    tap(page.get_by_role("group", name="Bo Zee").get_by_label("Afwezig", exact=True), "check")
    tap(page.get_by_role("button", name="Bewaren, en wie niet aangeduid is: aanwezig"))
    expect(page.get_by_text("De aanwezigheden zijn bewaard: 2 wijzigingen.")).to_be_visible()
    roll_call_taps = tap.count
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    marks = dict(Attendance.objects.filter(session=day["running"]).values_list("enrolment_id", "status"))
    assert marks == {day["an"].pk: "aanwezig", day["bo"].pk: "afwezig"}

    # The code on the projector, from the roll call.
    tap.count = 0
    tap(page.get_by_role("link", name="Code en QR-code op groot scherm"))
    expect(page.locator(".projector-code")).to_have_text(re.compile("^[A-Z2-9]{6}$"))
    assert_accessible(page)

    # Material for a session: from the trainer's page, sessions named by date.
    page.goto(live_server.url + "/lesgever/")
    tap.count = 0
    tap(page.get_by_role("link", name=re.compile(f"^Lesmateriaal – {COURSE}")))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lesmateriaal")
    assert_accessible(page)
    session_label = timezone.localtime(day["running"].starts_at).strftime("%H:%M")
    options = page.get_by_label("Bij welke sessie?").locator("option").all_inner_texts()
    assert len(options) == 3 and any(session_label in option for option in options)
    tap(page.get_by_label("Bij welke sessie?"), "select_option", str(day["running"].pk))
    page.get_by_label(re.compile(r"^Titel:?$")).fill("Slides van vandaag")
    tap(page.get_by_role("radio", name="Link", exact=True), "check")
    page.locator("#id_link_url").fill("https://example.org/slides")
    tap(page.get_by_role("button", name="Materiaal toevoegen"))
    expect(page.get_by_text("‘Slides van vandaag’ is toegevoegd.")).to_be_visible()
    material_taps = tap.count
    material = CourseMaterial.objects.get()
    assert (material.session, material.link_url) == (day["running"], "https://example.org/slides")

    # A course proposed with its dates, in one form.
    page.goto(live_server.url + "/lesgever/")
    tap.count = 0
    tap(page.get_by_role("link", name="Een vorming voorstellen"))
    assert_accessible(page)
    page.get_by_label("Titel van de vorming").fill("Samen besturen in de gemeente")
    page.get_by_label("Samenvatting").fill("Hoe een gemeenteraad werkt.")
    tap(page.get_by_label(re.compile("› Pakket")).first, "check")
    tap(page.get_by_label("Lokale democratie"), "check")
    tap(page.get_by_label("Femma"), "check")
    first_day = timezone.localdate() + timedelta(days=40)
    page.get_by_label("Datum van de eerste sessie").fill(first_day.isoformat())
    page.get_by_label(re.compile(r"^Van:?$")).fill("19:00")
    page.get_by_label(re.compile(r"^Tot:?$")).fill("21:30")
    tap(page.get_by_label(re.compile(r"^Locatie:?$")), "select_option", index=1)
    tap(page.get_by_label(re.compile(r"^Provincie:?$")), "select_option", "limburg")
    tap(page.get_by_role("button", name="Voorstel indienen"))
    expect(page.get_by_text(re.compile("Je voorstel ‘Samen besturen in de gemeente’ is ingediend"))).to_be_visible()
    proposal_taps = tap.count
    course = CoursePage.objects.get(title="Samen besturen in de gemeente")
    assert course.workflow_in_progress
    assert Edition.objects.get(course=course).status == Edition.Status.SUBMITTED
    context.close()

    print(f"\ntaps: roll call {roll_call_taps}, material {material_taps}, proposal {proposal_taps}")
    assert (roll_call_taps, material_taps, proposal_taps) == (4, 4, 7)
