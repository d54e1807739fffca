import re

from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Profile
from tests.accounts.conftest import PASSWORD, log_in

SIGNUP = {
    "first_name": "Fatima",
    "last_name": "El Amrani",
    "email": "fatima@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "consent": "on",
}


def test_signup_page_is_dutch_in_the_site_layout(client, site):
    response = client.get("/account/signup/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and "Registreren" in html
    assert 'for="id_first_name">Voornaam' in html
    assert 'for="id_consent"' in html
    assert 'class="skip-link"' in html  # the site's base.html


def test_signup_without_consent_is_refused_with_dutch_message(client, site):
    response = client.post("/account/signup/", {**SIGNUP, "consent": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Zonder jouw toestemming om je gegevens te verwerken kunnen we geen account voor je maken." in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


def test_signup_validation_errors_are_dutch(client, site):
    response = client.post(
        "/account/signup/", {**SIGNUP, "first_name": "", "email": "geen-adres", "password2": "iets-anders"}
    )

    html = response.content.decode()
    assert "Dit is een verplicht veld." in html
    assert "Voer een geldig e-mailadres in." in html
    assert "Je moet hetzelfde wachtwoord twee keer intoetsen." in html
    assert not get_user_model().objects.exists()


def test_signup_sends_verification_mail_and_login_waits_for_it(client, site):
    response = client.post("/account/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    user = get_user_model().objects.get(email="fatima@example.org")
    assert (user.first_name, user.last_name) == ("Fatima", "El Amrani")
    profile = Profile.objects.get(user=user)
    assert profile.consent_given and profile.consent_given_at is not None
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["fatima@example.org"]
    assert "Bevestig" in message.subject

    # Logging in before confirming sends the person back to the confirmation step.
    response = log_in(client, "fatima@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_verification_link_confirms_the_address_and_then_login_works(client, site):
    client.post("/account/signup/", SIGNUP)
    link = re.search(r"http://localhost(/account/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "Bevestig" in confirm_page.content.decode()
    response = client.post(link)
    assert response.status_code == 302

    response = log_in(client, "fatima@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(email="fatima@example.org").pk)


def test_signup_is_rate_limited_per_address(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for number in range(2):
        response = client.post("/account/signup/", {**SIGNUP, "email": f"persoon{number}@example.org"})
        assert response.status_code == 302

    response = client.post("/account/signup/", {**SIGNUP, "email": "persoon3@example.org"})

    assert response.status_code == 429
    assert "Er werden vanaf dit netwerk te veel accounts aangemaakt." in response.content.decode()
    assert not get_user_model().objects.filter(email="persoon3@example.org").exists()
