"""A member lets their organisation see their participation; the organisation's contact
finds them on a phone, with the counts, and downloads the list."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from partner_contacts.services import assign_partner_contact
from roles.services import ensure_role_permissions
from tests import factories
from tests.e2e.test_attendance_journey import PASSWORD, assert_accessible, log_in
from tests.partner_contacts.conftest import enrol, make_member

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def can_log_in(person):
    person.set_password(PASSWORD)
    person.save()
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    return person


def test_member_consents_and_the_contact_sees_them_on_a_phone(browser, browser_context_args, live_server, offer):
    ensure_role_permissions()
    acv = factories.make_partner("ACV")
    member = can_log_in(make_member("mira@example.org", acv, first_name="Mira", last_name="Maes"))
    enrol(member, offer["edition"])
    enrol(make_member("stil@example.org", acv, first_name="Stille", last_name="Deelnemer"), offer["edition"])
    contact = can_log_in(factories.make_person("contact@acv.example.org"))
    assign_partner_contact(contact, organisation=acv, by=None)

    member_context = browser.new_context(**browser_context_args, **PHONE)
    member_page = member_context.new_page()
    log_in(member_page, live_server, "mira@example.org")
    member_page.goto(live_server.url + "/account/profiel/")
    member_page.get_by_label(re.compile("toestemming om mijn gegevens")).check()
    member_page.get_by_label("Mijn organisatie mag zien aan welke vormingen ik deelneem").check()
    member_page.get_by_role("button", name="Profiel bewaren").click()
    expect(member_page.get_by_text("Je profiel is bewaard.")).to_be_visible()
    expect(member_page.get_by_text(re.compile("Je gaf deze toestemming op"))).to_be_visible()

    member_context.close()
    context = browser.new_context(**browser_context_args, **PHONE)
    page = context.new_page()
    log_in(page, live_server, "contact@acv.example.org")
    page.get_by_role("link", name="Deelname van de leden van ACV").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deelname van de leden van ACV")
    expect(page.get_by_role("heading", name="Mira Maes")).to_be_visible()
    expect(page.get_by_text("Stille")).to_have_count(0)
    course_row = page.get_by_role("row", name=re.compile("Hoe werkt de gemeente"))
    expect(course_row.get_by_role("cell")).to_have_text(["2", "0", "0"])
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Leden met toestemming (CSV voor Excel)").click()
    with open(download.value.path(), "rb") as file:
        content = file.read()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "Mira Maes;mira@example.org;Hoe werkt de gemeente?" in content.decode("utf-8-sig")
    context.close()
