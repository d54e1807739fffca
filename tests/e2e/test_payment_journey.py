"""A participant enrols in a paid edition and sees it "betaald" once staff import the bank statement."""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from payments.models import Payment
from roles.groups import STAFF
from roles.services import ensure_role_permissions
from tests.e2e.test_curation_journey import PASSWORD, log_in_to_admin, make_user, new_context
from tests.e2e.test_enrolment_journey import assert_accessible
from tests.payments.conftest import IBAN, set_bank_account

pytestmark = pytest.mark.e2e


def test_paid_enrolment_from_the_button_to_betaald(browser, browser_context_args, live_server, offer):
    ensure_role_permissions()
    edition = offer["edition"]
    edition.price = Decimal("25.00")
    edition.save()
    set_bank_account()
    participant = make_user("betaler@example.org")
    EmailAddress.objects.create(user=participant, email=participant.email, verified=True, primary=True)
    make_user("staf@example.org", STAFF)

    participant_context = new_context(browser, browser_context_args)
    page = participant_context.new_page()
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill(participant.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile("/mijn/$"))

    page.goto(live_server.url + offer["course"].url)
    expect(page.get_by_text("Kansentarief: € 12,50").first).to_be_visible()
    page.get_by_role("radio", name=re.compile("Kansentarief")).check()
    page.get_by_role("button", name=re.compile("^Inschrijven")).click()
    expect(page.get_by_role("heading", name="Je inschrijving betalen")).to_be_visible()
    payment = Payment.objects.get(enrolment__person=participant)
    expect(page.get_by_text(payment.formatted_reference)).to_be_visible()
    expect(page.get_by_text(IBAN)).to_be_visible()
    expect(page.locator(".epc-qr svg")).to_be_visible()
    assert_accessible(page)

    staff_context = new_context(browser, browser_context_args)
    staff_page = staff_context.new_page()
    log_in_to_admin(staff_page, live_server, "staf@example.org")
    staff_page.goto(live_server.url + "/admin/betalingen/inlezen/")
    staff_page.get_by_label("Soort bestand").select_option("csv")
    statement = (
        "Datum;Bedrag;Mededeling;Naam tegenpartij;Rekening tegenpartij\n"
        f"20/11/2026;12,50;{payment.reference[:3]} {payment.reference[3:7]} {payment.reference[7:]};"
        "Vera Betaler;BE71096123456769\n"
    )
    staff_page.get_by_label("Rekeninguittreksel").set_input_files(
        files=[{"name": "uittreksel.csv", "mimeType": "text/csv", "buffer": statement.encode()}]
    )
    staff_page.get_by_role("button", name="Inlezen").click()
    expect(staff_page.get_by_text(re.compile("1 gekoppeld aan een betaling"))).to_be_visible()
    staff_context.close()

    page.goto(live_server.url + "/mijn/")
    expect(page.get_by_text("betaald", exact=True)).to_be_visible()
    assert_accessible(page)
    participant_context.close()
