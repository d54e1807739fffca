"""Staff's daily tasks in a real browser: enrol by phone someone who exists and someone new,
export an edition, issue its certificates after a preview, revoke one, merge two records of
one person. Each task counts its
clicks (the README's table of clicks before and after)."""

import csv
import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from attendance.models import Attendance
from certificates.models import Certificate
from enrolment import services
from enrolment.models import Enrolment
from roles.groups import STAFF
from roles.services import ensure_role_permissions
from tests.e2e.test_curation_journey import assert_accessible, log_in_to_admin, make_user
from tests.factories import make_course, make_edition, make_person

pytestmark = pytest.mark.e2e


class Clicks:
    """Click through a counter: what staff do with the mouse or a tap, typing not included."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def check(self, locator):
        self.count += 1
        locator.check()

    def select(self, locator, value):
        self.count += 1
        locator.select_option(value)


def named(email, first_name, last_name):
    person = make_person(email)
    person.first_name, person.last_name = first_name, last_name
    person.save()
    return person


def confirm(edition, person):
    enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    joined_at = edition.starts_at - timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    return enrolment


@pytest.fixture
def staff_day(offer):
    ensure_role_permissions()
    staff = make_user("medewerker@example.org", STAFF)
    maria = services.create_person_without_account(
        first_name="Maria", last_name="Janssens", phone="0470 12 34 56", by=staff
    )
    twice = services.create_person_without_account(
        first_name="Maria", last_name="Janssens", phone="011 11 11 11", by=staff
    )
    course = make_course(offer["basic"], title="Lokale politiek voor beginners", attendance_threshold=100)
    past = make_edition(course, sessions=2, starts_in_days=-30, province="limburg")
    full, half = (
        confirm(past, named("an@example.org", "An", "Aerts")),
        confirm(past, named("bo@example.org", "Bo", "Bosmans")),
    )
    sessions = list(past.sessions.order_by("starts_at"))
    for session in sessions:
        Attendance.objects.create(enrolment=full, session=session, status=Attendance.Status.PRESENT)
    Attendance.objects.create(enrolment=half, session=sessions[0], status=Attendance.Status.PRESENT)
    return {"edition": offer["edition"], "past": past, "maria": maria, "twice": twice, "staff": staff}


def open_menu(page, live_server, clicks, path):
    """One click on the admin's menu, which Wagtail renders with JavaScript."""
    clicks.count += 1
    page.goto(live_server.url + path)


def test_staff_enrol_by_phone_export_issue_with_preview_and_revoke(page, live_server, staff_day):
    edition, maria = staff_day["edition"], staff_day["maria"]
    log_in_to_admin(page, live_server, "medewerker@example.org")
    counted = {}

    # 1. Maria calls again: she exists (no e-mail address), she is found by her phone number.
    clicks = Clicks()
    open_menu(page, live_server, clicks, "/admin/enrolments/")
    clicks.click(page.get_by_role("link", name="Iemand inschrijven"))
    clicks.select(page.get_by_label("Editie"), str(edition.pk))
    page.get_by_label("Zoek een persoon").fill("0470 12 34 56")
    clicks.click(page.locator("#main").get_by_role("button", name="Zoeken"))
    assert_accessible(page)
    clicks.check(page.get_by_role("radio", name="Maria Janssens – 0470 12 34 56"))
    clicks.click(page.locator("#main").get_by_role("button", name="Inschrijven"))
    expect(page.get_by_text("Maria Janssens is ingeschreven")).to_be_visible()
    counted["enrol an existing person by phone"] = clicks.count
    assert Enrolment.objects.get(edition=edition).person == maria

    # 2. Someone new: the search finds nobody, then the new person is made and enrolled.
    clicks = Clicks()
    open_menu(page, live_server, clicks, "/admin/enrolments/")
    clicks.click(page.get_by_role("link", name="Iemand inschrijven"))
    clicks.select(page.get_by_label("Editie"), str(edition.pk))
    page.get_by_label("Zoek een persoon").fill("Pieters")
    clicks.click(page.locator("#main").get_by_role("button", name="Zoeken"))
    expect(page.get_by_text("Niemand gevonden voor ‘Pieters’")).to_be_visible()
    page.get_by_label("Voornaam").fill("Jan")
    page.get_by_label("Familienaam").fill("Pieters")
    page.get_by_label("Telefoonnummer").fill("011 22 33 44")
    clicks.click(page.locator("#main").get_by_role("button", name="Inschrijven"))
    expect(page.get_by_text("Jan Pieters is ingeschreven")).to_be_visible()
    counted["enrol a new person by phone"] = clicks.count
    assert Enrolment.objects.filter(edition=edition).count() == 2

    # 3. The edition's list for the venue, as Belgian Excel opens it: the enrolment left the
    # listing filtered on the edition.
    clicks = Clicks()
    clicks.click(page.get_by_role("button", name="Acties"))
    with page.expect_download() as download:
        clicks.click(page.get_by_role("link", name="Download CSV"))
    counted["export an edition's enrolments (CSV)"] = clicks.count
    with open(download.value.path(), "rb") as exported:
        data = exported.read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert "Telefoonnummer" in rows[0] and "Aanwezig (sessies)" in rows[0]
    assert any("0470 12 34 56" in row for row in rows[1:])

    # 4. The certificates of the past edition, after reading who gets one and who misses it.
    past = staff_day["past"]
    clicks = Clicks()
    open_menu(page, live_server, clicks, "/admin/certificates/")
    clicks.click(page.get_by_role("button", name="Acties"))
    clicks.click(page.get_by_role("link", name="Attesten van een editie uitreiken"))
    clicks.select(page.get_by_label("Editie"), str(past.pk))
    clicks.click(page.locator("#main").get_by_role("button", name="Deelnemers tonen"))
    expect(page.get_by_text("1 van 2 sessies aanwezig (50 %); de vorming vraagt 100 %.")).to_be_visible()
    assert_accessible(page)
    clicks.click(page.locator("#main").get_by_role("button", name="Uitreiken"))
    expect(page.get_by_text("worden op de achtergrond uitgereikt")).to_be_visible()
    counted["issue an edition's certificates with a preview"] = clicks.count
    certificate = Certificate.objects.get(edition=past)
    assert certificate.holder_name == "An Aerts"

    # 5. Revoke it, with the reason the holder reads in a mail.
    clicks = Clicks()
    open_menu(page, live_server, clicks, "/admin/certificates/")
    clicks.click(page.get_by_role("button", name=re.compile("^Meer opties voor")).first)
    clicks.click(page.get_by_role("link", name="Intrekken"))
    page.get_by_label("Reden van intrekking").fill("Dubbel uitgereikt")
    clicks.click(page.locator("#main").get_by_role("button", name="Intrekken"))
    expect(page.get_by_text("is ingetrokken")).to_be_visible()
    counted["revoke a certificate (the holder is mailed)"] = clicks.count
    certificate.refresh_from_db()
    assert certificate.is_revoked

    # 6. The second Maria, made by phone long ago, is the same person: merge her into the first.
    twice = staff_day["twice"]
    clicks = Clicks()
    open_menu(page, live_server, clicks, "/admin/personen/samenvoegen/")
    page.get_by_label("Zoek een persoon").fill("Maria Janssens")
    clicks.click(page.locator("#main").get_by_role("button", name="Zoeken"))
    clicks.check(page.locator(f'input[name="kept"][value="{maria.pk}"]'))
    clicks.check(page.locator(f'input[name="duplicate"][value="{twice.pk}"]'))
    clicks.click(page.get_by_role("button", name="Toon wat er verplaatst wordt"))
    expect(page.get_by_text("Alles van Maria Janssens gaat naar Maria Janssens.")).to_be_visible()
    assert_accessible(page)
    clicks.click(page.locator("#main").get_by_role("button", name="Samenvoegen"))
    expect(page.get_by_text("Maria Janssens is samengevoegd in Maria Janssens.")).to_be_visible()
    counted["merge two records of one person"] = clicks.count
    twice.refresh_from_db()
    assert not twice.is_active

    print("\nclicks per task:", counted)
    assert counted == {
        "enrol an existing person by phone": 6,
        "enrol a new person by phone": 5,
        "export an edition's enrolments (CSV)": 2,
        "issue an edition's certificates with a preview": 6,
        "revoke a certificate (the holder is mailed)": 4,
        "merge two records of one person": 6,
    }
