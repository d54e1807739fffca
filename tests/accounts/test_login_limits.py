"""Login limits: a room behind one Wi-Fi logs in, password guessing is still stopped."""

from django.test import Client

from tests.accounts.conftest import make_participant

ROOM = "192.0.2.10"
WAIT_PAGE = "<h1>Even geduld</h1>"
LOCKED = "Je hebt te vaak een verkeerd wachtwoord ingegeven."


def log_in(email, password="Vorming-2026-Hasselt", **extra):
    # A fresh client per person: fifty phones, each with its own session.
    return Client().post("/account/login/", {"login": email, "password": password}, **extra)


def assert_wait_page(response, *, retry_after):
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == retry_after
    assert WAIT_PAGE in html
    assert 'class="site-header"' in html
    assert "Er werd te vaak geprobeerd in te loggen" in html
    assert "Wacht 5 minuten en probeer het dan opnieuw." in html


def test_fifty_people_behind_one_address_log_in_within_a_minute(site):
    emails = [f"deelnemer{number}@example.org" for number in range(50)]
    for email in emails:
        make_participant(email)

    responses = [log_in(email, REMOTE_ADDR=ROOM) for email in emails]

    assert [response.status_code for response in responses] == [302] * 50
    assert {response["Location"] for response in responses} == {"/mijn/"}


def test_a_few_typos_in_the_room_do_not_refuse_the_others(site):
    emails = [f"deelnemer{number}@example.org" for number in range(50)]
    for email in emails:
        make_participant(email)
    for email in emails[:20]:
        assert log_in(email, "tikfout", REMOTE_ADDR=ROOM).status_code == 200

    assert [log_in(email, REMOTE_ADDR=ROOM).status_code for email in emails] == [302] * 50


def test_guessing_one_password_from_one_address_locks_that_account_there(site, settings):
    make_participant("an@example.org")
    statuses = [log_in("an@example.org", f"gok-{n}", REMOTE_ADDR=ROOM).status_code for n in range(6)]

    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429, 429]
    locked = log_in("an@example.org", REMOTE_ADDR=ROOM)
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    assert LOCKED in locked.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()


def test_guessing_one_password_from_many_addresses_is_stopped_per_account(site):
    make_participant("an@example.org")
    addresses = [f"198.51.100.{n}" for n in range(1, 13)]
    statuses = [log_in("an@example.org", "gok", REMOTE_ADDR=address).status_code for address in addresses[:10]]
    assert statuses == [200] * 10

    refused = log_in("an@example.org", REMOTE_ADDR=addresses[10])

    assert_wait_page(refused, retry_after="300")
    # Others are not affected.
    make_participant("bert@example.org")
    assert log_in("bert@example.org", REMOTE_ADDR=addresses[11]).status_code == 302


def test_guessing_many_accounts_from_one_address_is_stopped_per_address(site):
    make_participant("an@example.org")
    statuses = [log_in(f"onbekend{n}@example.org", "gok", REMOTE_ADDR=ROOM).status_code for n in range(30)]
    assert statuses == [200] * 30

    refused = log_in("an@example.org", REMOTE_ADDR=ROOM)

    assert_wait_page(refused, retry_after="300")
    assert log_in("an@example.org", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_limits_count_the_client_address_behind_the_proxies(site, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    make_participant("an@example.org")
    for n in range(30):
        log_in(f"onbekend{n}@example.org", "gok", HTTP_X_FORWARDED_FOR="203.0.113.5", **balancer)

    assert log_in("an@example.org", HTTP_X_FORWARDED_FOR="203.0.113.5", **balancer).status_code == 429
    # Someone else behind the same load balancer logs in.
    assert log_in("an@example.org", HTTP_X_FORWARDED_FOR="203.0.113.6", **balancer).status_code == 302


def test_login_posts_are_limited_per_address_above_any_room(site):
    for _ in range(300):
        assert Client().post("/account/login/", {"login": "", "password": ""}, REMOTE_ADDR=ROOM).status_code == 200

    refused = Client().post("/account/login/", {"login": "", "password": ""}, REMOTE_ADDR=ROOM)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert WAIT_PAGE in refused.content.decode()
    assert "Wacht 1 minuut en probeer het dan opnieuw." in refused.content.decode()
