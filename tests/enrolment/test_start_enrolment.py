"""From "Inschrijven" on an edition, through a new account and its confirmation mail, to the seat."""

import re
from decimal import Decimal

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from courses.models import Edition
from enrolment.models import Enrolment
from tests.accounts.conftest import PASSWORD
from tests.accounts.test_signup import SIGNUP
from tests.factories import fill_edition


def start_url(edition):
    return f"/mijn/inschrijven/{edition.pk}/starten/"


def card_url(offer):
    return f"{offer['course'].url}#editie-{offer['edition'].pk}"


def sign_up_from_the_edition(client, edition):
    """Press "Inschrijven" without a login, then "Account maken en inschrijven", and fill in the form."""
    start = client.get(start_url(edition))
    assert start.status_code == 200
    signup_href = re.search(r'href="([^"]*/account/signup/[^"]*)"', start.content.decode()).group(1)
    signup_url = signup_href.replace("&amp;", "&")
    assert client.get(signup_url).status_code == 200
    response = client.post(signup_url, {**SIGNUP, "next": start_url(edition)})
    assert response.status_code == 302
    [message] = mail.outbox
    return re.search(r"http://localhost(/account/confirm-email/\S+)", message.body).group(1)


def test_anonymous_inschrijven_asks_for_an_account_and_remembers_the_edition(client, offer):
    page = client.get(offer["course"].url).content.decode()
    assert f'href="{start_url(offer["edition"])}">Inschrijven' in page

    response = client.get(start_url(offer["edition"]))

    html = response.content.decode()
    assert "Inschrijven voor “Hoe werkt de gemeente?”" in html
    assert "Account maken en inschrijven" in html and "Inloggen en inschrijven" in html
    assert f'href="/account/signup/?next=%2Fmijn%2Finschrijven%2F{offer["edition"].pk}%2Fstarten%2F"' in html
    assert f'href="/account/login/?next=%2Fmijn%2Finschrijven%2F{offer["edition"].pk}%2Fstarten%2F"' in html
    assert not Enrolment.objects.exists()


def test_newcomer_signs_up_confirms_and_lands_enrolled_on_the_edition(client, offer):
    link = sign_up_from_the_edition(client, offer["edition"])
    assert "_auth_user_id" not in client.session

    # The confirmation page keeps where the person was going; confirming logs them in.
    confirm_page = client.get(link).content.decode()
    assert f'name="next" value="{start_url(offer["edition"])}"' in confirm_page
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == start_url(offer["edition"])
    person = get_user_model().objects.get(email="fatima@example.org")
    assert client.session["_auth_user_id"] == str(person.pk)

    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == card_url(offer)
    enrolment = Enrolment.objects.get(person=person)
    assert (enrolment.edition, enrolment.status) == (offer["edition"], Enrolment.Status.CONFIRMED)

    page = client.get(offer["course"].url).content.decode()
    assert "Je bent ingeschreven. Je krijgt een bevestiging per e-mail." in page
    assert "Je bent ingeschreven voor deze editie." in page
    # The person is named as they signed up, never by the username allauth made up.
    assert "Je bent nu ingelogd als Fatima El Amrani." in page
    assert not re.search(r"\bfatima\b(?!@)", page)


def test_confirmation_opened_in_another_browser_needs_one_login_and_lands_enrolled(client, offer):
    link = sign_up_from_the_edition(client, offer["edition"])
    other_browser = Client()

    response = other_browser.post(link)

    # Not logged in there: the edition's start page asks to log in, and the login comes back.
    assert response["Location"] == start_url(offer["edition"])
    start = other_browser.get(start_url(offer["edition"]))
    assert "Inloggen en inschrijven" in start.content.decode()
    response = other_browser.post(
        f"/account/login/?next={start_url(offer['edition'])}",
        {"login": "fatima@example.org", "password": PASSWORD, "next": start_url(offer["edition"])},
    )
    assert response["Location"] == start_url(offer["edition"])
    assert other_browser.get(response["Location"])["Location"] == card_url(offer)
    assert Enrolment.objects.get(person__email="fatima@example.org").edition == offer["edition"]


def test_confirmation_mail_link_carries_the_edition(client, offer):
    link = sign_up_from_the_edition(client, offer["edition"])

    assert link.endswith(f"?next=%2Fmijn%2Finschrijven%2F{offer['edition'].pk}%2Fstarten%2F")
    body = mail.outbox[0].body
    assert "Fatima El Amrani" in body
    assert "gebruiker fatima" not in body


@pytest.mark.parametrize("method", ["get", "head"])
def test_a_logged_in_visit_without_pressing_inschrijven_enrols_nobody(client, offer, person, method):
    client.force_login(person)

    response = getattr(client, method)(start_url(offer["edition"]))

    assert response.status_code == 302
    assert response["Location"] == card_url(offer)
    assert not Enrolment.objects.exists()


def test_a_logged_in_visit_shows_the_button_to_confirm(client, offer, person):
    client.force_login(person)

    page = client.get(start_url(offer["edition"]), follow=True).content.decode()

    assert "Bevestig je inschrijving met de knop “Inschrijven”." in page
    assert f'action="/mijn/inschrijven/{offer["edition"].pk}/"' in page


def test_a_paid_edition_asks_for_the_rate_after_signing_up(client, offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(price=Decimal("40"))
    link = sign_up_from_the_edition(client, offer["edition"])
    client.post(link)

    page = client.get(start_url(offer["edition"]), follow=True).content.decode()

    assert "Kies hieronder je tarief en bevestig je inschrijving." in page
    assert "Welk tarief betaal je?" in page
    assert not Enrolment.objects.exists()


def test_an_edition_the_public_cannot_see_is_not_found(client, offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(status=Edition.Status.DRAFT)

    assert client.get(start_url(offer["edition"])).status_code == 404
    assert client.post(start_url(offer["edition"])).status_code == 405


def test_a_full_edition_puts_the_newcomer_on_its_waitlist(client, offer):
    fill_edition(offer["edition"])
    link = sign_up_from_the_edition(client, offer["edition"])

    response = client.get(client.post(link)["Location"])

    assert response["Location"] == card_url(offer)
    enrolment = Enrolment.objects.get(person__email="fatima@example.org")
    assert enrolment.status == Enrolment.Status.WAITLISTED
    page = client.get(offer["course"].url).content.decode()
    assert "Deze editie is volzet: je staat op de wachtlijst." in page
