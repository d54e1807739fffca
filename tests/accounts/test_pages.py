import pytest

from tests.accounts.conftest import log_in


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/account/login/", "Inloggen"),
        ("/account/signup/", "Registreren"),
        ("/account/password/reset/", "Nieuw wachtwoord"),
        ("/account/password/reset/done/", "Nieuw wachtwoord"),
        ("/account/confirm-email/", "Verifieer je e-mailadres"),
    ],
)
def test_anonymous_account_pages_are_dutch_in_the_site_layout(client, site, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert 'class="skip-link"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/account/email/", "E-mailadressen"),
        ("/account/password/change/", "Wachtwoord wijzigen"),
        ("/account/2fa/", "Twee-factor-authenticatie"),
        ("/account/logout/", "Uitloggen"),
        ("/account/profiel/", "Mijn profiel"),
    ],
)
def test_own_account_pages_are_dutch_in_the_site_layout(client, participant, url, heading):
    log_in(client, "an@example.org")

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert 'class="skip-link"' in html
