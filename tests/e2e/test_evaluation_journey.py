"""A participant answers the evaluation of an edition on a phone, from Mijn academie."""

import re

import pytest
from playwright.sync_api import expect

from evaluations.models import Answer, Invitation, Response
from evaluations.selectors import evaluation_token
from evaluations.services import invite_attendees
from tests.e2e.test_attendance_journey import PASSWORD, assert_accessible, confirm, make_account
from tests.evaluations.conftest import ended_edition, mark
from tests.factories import make_course

pytestmark = pytest.mark.e2e

COURSE = "Lokale politiek voor beginners"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def assert_fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture
def invited(offer):
    edition = ended_edition(make_course(offer["basic"], title=COURSE))
    participant = make_account("an.peeters@example.org", "An", "Peeters")
    mark(confirm(edition, participant))
    invite_attendees()
    return edition


def test_a_participant_answers_the_evaluation_on_a_phone(browser, browser_context_args, live_server, invited):
    context = browser.new_context(**browser_context_args, **PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/account/login/")
        page.get_by_label("E-mail").fill("an.peeters@example.org")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page).to_have_url(re.compile("/mijn/$"))

        page.get_by_role("link", name=f"Geef je mening over {COURSE}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Je mening over “{COURSE}”")
        assert_accessible(page)
        assert_fits_the_screen(page)

        # Sent without a score: every score question says what is missing.
        page.get_by_role("button", name="Evaluatie versturen").click()
        expect(page.get_by_role("alert")).to_contain_text("Er is iets niet in orde")
        expect(page.get_by_text("Kies een score van 1 tot 5.")).to_have_count(4)
        assert_accessible(page)
        assert_fits_the_screen(page)
        assert not Response.objects.exists()

        scores = {
            "Welke algemene score geef je deze vorming?": "5 – uitstekend",
            "Hoe bruikbaar is wat je leerde voor je werk of je engagement?": "4",
            "Hoe goed vond je de lesgever?": "5 – uitstekend",
            "Hoe goed was de vorming georganiseerd (plaats, uren, info vooraf)?": "3",
        }
        for question, score in scores.items():
            page.get_by_role("group", name=question).get_by_label(score, exact=True).check()
        page.get_by_label("Wat kan beter? (optioneel)").fill("Een langere pauze.")
        page.get_by_role("button", name="Evaluatie versturen").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor je mening")
        assert_accessible(page)
        page.goto(live_server.url + "/mijn/")
        expect(page.get_by_text("Geef je mening over")).to_have_count(0)

        page.goto(f"{live_server.url}/evaluatie/{evaluation_token(Invitation.objects.get())}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Deze evaluatie is al ingevuld")
        assert_accessible(page)

        page.goto(live_server.url + "/evaluatie/dit-is-geen-geldige-link/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Deze link kennen we niet")
        assert_accessible(page)
        assert_fits_the_screen(page)
    finally:
        context.close()

    assert sorted(Answer.objects.exclude(score=None).values_list("score", flat=True)) == [3, 4, 5, 5]
    assert list(Answer.objects.exclude(text="").values_list("text", flat=True)) == ["Een langere pauze."]
