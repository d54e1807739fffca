"""A newcomer on a phone, by visible Dutch labels only: from the home page to a seat and back.

Home, the catalogue ("Aanbod" in the menu), a filter, the course, "Inschrijven", a new
account, the confirmation mail, the seat, the calendar, cancelling: with JavaScript on and
off, and axe at every step.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from django.core import mail

from enrolment.models import Enrolment
from tests.e2e.test_enrolment_journey import assert_accessible, fill_in_signup

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["met-javascript", "zonder-javascript"])
def javascript(request):
    return request.param


@pytest.fixture
def phone(javascript, browser, browser_context_args):
    context = browser.new_context(**browser_context_args, viewport=PHONE, java_script_enabled=javascript)
    yield context.new_page()
    context.close()


@pytest.fixture
def check_accessible(javascript, browser, browser_context_args):
    """Run axe on the page; without JavaScript (axe is a script), on the same URL opened
    with the same cookies in a phone-sized browser that runs scripts."""

    def check(page):
        if javascript:
            assert_accessible(page)
            return
        context = browser.new_context(
            **browser_context_args, viewport=PHONE, storage_state=page.context.storage_state()
        )
        try:
            twin = context.new_page()
            twin.goto(page.url)
            assert_accessible(twin)
        finally:
            context.close()

    return check


def open_filters_if_folded(page):
    """Unfold the filters where small screens fold them (a <details>, no script needed)."""
    folded = page.locator("details").filter(has=page.get_by_label("Provincie"))
    if folded.count() and folded.first.get_attribute("open") is None:
        folded.first.locator("summary").click()


def test_newcomer_goes_from_home_to_a_seat_and_cancels_it(phone, check_accessible, live_server, catalogue_offer):
    page = phone
    edition = catalogue_offer["edition"]

    page.goto(live_server.url + "/")
    check_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanbod").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbod")
    check_accessible(page)

    open_filters_if_folded(page)
    page.get_by_label("Provincie").select_option("limburg")
    page.get_by_role("button", name="Toon resultaten").click()
    expect(page.get_by_role("heading", level=2, name="1 vorming gevonden")).to_be_visible()
    check_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Hoe werkt de gemeente?").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe werkt de gemeente?")
    check_accessible(page)

    page.get_by_role("link", name=re.compile("^Inschrijven")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inschrijven voor “Hoe werkt de gemeente?”")
    check_accessible(page)

    page.get_by_role("link", name="Account maken en inschrijven").click()
    check_accessible(page)
    fill_in_signup(page, "Fatima", "El Amrani", "fatima@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("e-mailadres", re.I))
    check_accessible(page)

    [verification] = [message for message in mail.outbox if message.to == ["fatima@example.org"]]
    link = urlsplit(re.search(r"https?://\S+/account/confirm-email/\S+", verification.body).group(0))
    page.goto(f"{live_server.url}{link.path}?{link.query}")
    check_accessible(page)
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()

    # Logged in without typing the password again, on the edition, with the seat taken.
    expect(page).to_have_url(re.compile(f"{re.escape(catalogue_offer['course'].url)}#editie-{edition.pk}$"))
    expect(page.get_by_text("Je bent ingeschreven. Je krijgt een bevestiging per e-mail.")).to_be_in_viewport()
    expect(page.get_by_text("Je bent ingeschreven voor deze editie.")).to_be_in_viewport()
    expect(page.get_by_text("Je bent nu ingelogd als Fatima El Amrani.")).to_be_visible()
    assert Enrolment.objects.get(person__email="fatima@example.org").edition == edition
    check_accessible(page)

    calendar = page.get_by_role("link", name=re.compile("^Zet in je agenda"))
    answer = page.request.get(live_server.url + calendar.get_attribute("href"))
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in answer.text()

    page.get_by_role("link", name=re.compile("^Uitschrijven")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wil je je echt uitschrijven?")
    check_accessible(page)
    page.get_by_role("button", name="Ja, uitschrijven").click()
    expect(page.get_by_text("Je inschrijving is geannuleerd.")).to_be_visible()
    check_accessible(page)
    assert not Enrolment.objects.get(person__email="fatima@example.org").is_active
