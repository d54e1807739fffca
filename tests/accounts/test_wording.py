"""One way of saying things: "Inloggen"/"Uitloggen" for the account, "Inchecken" at a session, "je"."""

import re

import pytest

from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.accounts.conftest import log_in
from tests.accounts.test_signup import SIGNUP

# "Aanmelden"/"afmelden" in any form: the academy logs in and out, and checks in at a session.
FORBIDDEN = re.compile(r"\bUw\b|\buw\b|\bU bent\b|\bu\b|[Aa]anmeld|[Aa]fmeld|angemeld|fgemeld")


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def assert_plain_words(response):
    assert response.status_code == 200
    text = visible_text(response)
    assert not FORBIDDEN.findall(text), (response.request["PATH_INFO"], FORBIDDEN.findall(text))


@pytest.mark.parametrize(
    "url",
    [
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/account/password/reset/done/",
        "/account/confirm-email/",
        "/account/logout/",
        "/inchecken/",
    ],
)
def test_anonymous_account_pages_say_inloggen_and_je(client, site, url):
    response = client.get(url, follow=True)

    assert_plain_words(response)


def test_login_page_and_menu_say_inloggen(client, site):
    html = client.get("/account/login/").content.decode()

    assert re.search(r"<h1>\s*Inloggen\s*</h1>", html)
    assert '<li><a href="/account/login/">Inloggen</a></li>' in html
    assert re.search(r"<button[^>]*>\s*Inloggen\s*</button>", html)


def test_signup_with_a_weak_password_answers_in_je_form(client, site):
    response = client.post("/account/signup/", {**SIGNUP, "password1": "12345678", "password2": "12345678"})

    assert_plain_words(response)
    assert "Dit wachtwoord is te algemeen." in response.content.decode()


def test_failed_login_answers_in_je_form(client, participant):
    assert_plain_words(log_in(client, "an@example.org", "verkeerd"))


def test_password_reset_journey_answers_in_je_form(client, participant):
    client.post("/account/password/reset/", {"email": "an@example.org"})
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]

    assert_plain_words(client.get(form_url))
    assert_plain_words(client.post(form_url, {"password1": "kort", "password2": "kort"}))
    assert not FORBIDDEN.findall(mail.outbox[0].body)


@pytest.mark.parametrize(
    "url", ["/account/password/change/", "/account/email/", "/account/profiel/", "/account/logout/", "/mijn/"]
)
def test_own_account_pages_say_uitloggen_and_je(client, participant, url):
    log_in(client, "an@example.org")

    assert_plain_words(client.get(url))


def test_password_change_with_a_wrong_old_password_answers_in_je_form(client, participant):
    log_in(client, "an@example.org")

    response = client.post(
        "/account/password/change/",
        {"oldpassword": "fout", "password1": "Nieuw-Wachtwoord-77", "password2": "Nieuw-Wachtwoord-77"},
    )

    assert_plain_words(response)


def test_menu_has_a_logout_button_that_works_without_javascript(client, participant):
    log_in(client, "an@example.org")

    html = client.get("/mijn/").content.decode()

    form = re.search(r'<form class="logout-form" method="post" action="/account/logout/">(.*?)</form>', html, re.S)
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert '<button type="submit">Uitloggen</button>' in form.group(1)
    assert client.post("/account/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert '<a href="/account/login/">Inloggen</a>' in client.get("/aanbod/").content.decode()


def test_password_validators_speak_with_je():
    with translation.override("nl-be"):
        help_texts = password_validators_help_texts()
        with pytest.raises(ValidationError) as refused:
            validate_password("1234")

    assert help_texts
    assert all(text.startswith("Je wachtwoord") for text in help_texts), help_texts
    for text in [*help_texts, *refused.value.messages]:
        assert not FORBIDDEN.findall(text), text
