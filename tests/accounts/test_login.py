import re

from django.contrib.auth import get_user_model
from django.core import mail

from tests.accounts.conftest import PASSWORD, log_in, make_participant

LOCKED = "Je hebt te vaak een verkeerd wachtwoord ingegeven."


def test_login_by_email_goes_to_the_dashboard(client, participant):
    response = log_in(client, "an@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    assert client.session["_auth_user_id"] == str(participant.pk)


def test_login_ignores_case_of_the_address(client, participant):
    response = log_in(client, "AN@Example.org")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)


def test_wrong_password_says_so_in_dutch(client, participant):
    response = log_in(client, "an@example.org", "verkeerd-wachtwoord")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in html
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_out_that_address_and_ip_only(client, participant, settings):
    other = make_participant("bert@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "an@example.org", "verkeerd").status_code == 200

    response = log_in(client, "an@example.org", "verkeerd")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15 minuten" in response.content.decode()
    # Even the right password is refused while locked out.
    response = log_in(client, "an@example.org")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another person behind the same address is not affected.
    assert log_in(client, "bert@example.org", "verkeerd").status_code == 200
    assert log_in(client, "bert@example.org").status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_lockout_is_per_ip_address(client, participant, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "an@example.org", "verkeerd", REMOTE_ADDR="203.0.113.7")

    assert log_in(client, "an@example.org", REMOTE_ADDR="203.0.113.7").status_code == 429
    assert log_in(client, "an@example.org", REMOTE_ADDR="198.51.100.2").status_code == 302


def test_wagtail_admin_login_is_locked_out_too(client, site, settings):
    get_user_model().objects.create_superuser("beheer", "beheer@example.org", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "beheer", "password": "verkeerd"})
        assert response.status_code == 200

    response = client.post("/admin/login/", {"username": "beheer", "password": "verkeerd"})

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    response = client.post("/admin/login/", {"username": "beheer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post(client, participant):
    log_in(client, "an@example.org")

    page = client.get("/account/logout/")
    assert page.status_code == 200
    assert "Uitloggen" in page.content.decode()
    assert "_auth_user_id" in client.session

    response = client.post("/account/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_lets_the_person_choose_a_new_password(client, participant):
    response = client.post("/account/password/reset/", {"email": "an@example.org"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["an@example.org"]
    link = re.search(r"http://localhost(/account/password/reset/key/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]
    form_page = client.get(form_url)
    assert form_page.status_code == 200
    assert "Wachtwoord" in form_page.content.decode()
    response = client.post(form_url, {"password1": "Nieuw-Wachtwoord-77", "password2": "Nieuw-Wachtwoord-77"})
    assert response.status_code == 302
    assert log_in(client, "an@example.org", "Nieuw-Wachtwoord-77").status_code == 302
