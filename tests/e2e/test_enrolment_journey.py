"""A volunteer signs up, enrols, cancels, and the next person on the waitlist gets the seat."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.core import mail

from courses.models import Edition
from enrolment import services
from enrolment.models import Enrolment
from tests.e2e.test_catalogue_journey import WCAG_TAGS, format_violations
from tests.factories import make_person

pytestmark = pytest.mark.e2e

PASSWORD = "Vorming-voor-iedereen-2026"


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, format_violations(page.url, violations)


def fill_in_signup(page, first_name, last_name, email):
    """Fill in the sign-up form by its labels, consent included, and send it."""
    page.get_by_label("Voornaam").fill(first_name)
    page.get_by_label("Familienaam").fill(last_name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.get_by_label(re.compile("toestemming")).check()
    page.get_by_role("button", name="Registreren").click()


def sign_up_and_verify(page, live_server):
    page.goto(live_server.url + "/account/signup/")
    assert_accessible(page)
    fill_in_signup(page, "Vera", "Vrijwilliger", "vera@example.org")

    [verification] = [message for message in mail.outbox if message.to == ["vera@example.org"]]
    path = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", verification.body).group(1)
    page.goto(live_server.url + path)
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()

    # Confirming logs the person in: no second password prompt.
    expect(page).to_have_url(re.compile("/mijn/$"))
    expect(page.get_by_text("Je bent nu ingelogd als Vera Vrijwilliger.")).to_be_visible()


def test_sign_up_enrol_cancel_and_the_waitlist_moves_up(page, live_server, offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(capacity=1)
    # A volunteer's phone.
    page.set_viewport_size({"width": 390, "height": 844})

    sign_up_and_verify(page, live_server)
    assert_accessible(page)

    page.goto(live_server.url + offer["course"].url)
    page.get_by_role("button", name=re.compile("^Inschrijven")).click()
    expect(page).to_have_url(re.compile(f"#editie-{offer['edition'].pk}$"))
    # The message and the new state are beside the card the page lands on, not scrolled away.
    expect(page.get_by_text("Je bent ingeschreven. Je krijgt een bevestiging per e-mail.")).to_be_in_viewport()
    expect(page.get_by_text("Je bent ingeschreven voor deze editie.")).to_be_in_viewport()
    assert_accessible(page)

    waiting = make_person("wachtende@example.org")
    assert services.enrol(offer["edition"], person=waiting).is_waitlisted

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn academie").click()
    expect(page.get_by_role("heading", name="Hoe werkt de gemeente?")).to_be_visible()
    expect(page.get_by_text("Bevestigd")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Uitschrijven")).click()

    # Cancelling asks first, and one tap on the way back changes nothing.
    expect(page.get_by_role("heading", name="Wil je je echt uitschrijven?")).to_be_visible()
    expect(page.get_by_text("Iemand van de wachtlijst krijgt ze meteen.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nee, terug").click()
    expect(page).to_have_url(re.compile("/mijn/$"))
    assert Enrolment.objects.get(person=waiting).status == Enrolment.Status.WAITLISTED
    page.get_by_role("link", name=re.compile("^Uitschrijven")).click()
    page.get_by_role("button", name="Ja, uitschrijven").click()

    expect(page.get_by_text("Je inschrijving is geannuleerd.")).to_be_visible()
    expect(page.get_by_text("Je bent nergens voor ingeschreven.")).to_be_visible()
    expect(page.get_by_role("region", name="Geschiedenis")).to_contain_text("geannuleerd")
    assert Enrolment.objects.get(person=waiting).status == Enrolment.Status.CONFIRMED
    assert any(
        message.to == ["wachtende@example.org"] and message.subject.startswith("Er is een plaats vrij")
        for message in mail.outbox
    )
