"""Every error a visitor can meet answers a Dutch page in the site's layout, without the database."""

import pytest

from django.test import Client


@pytest.fixture
def client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def assert_error_page(response, status, *texts):
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    # The site's layout: its stylesheet, header, menu and name, in Dutch.
    assert '<html lang="nl-BE">' in html
    assert 'class="site-header"' in html
    assert "/static/css/site.css" in html
    assert '<a href="/aanbod/">Aanbod</a>' in html
    assert "Sociale en Politieke Academie" in html
    for text in texts:
        assert text in html
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error", "CSRF verification failed"):
        assert english not in html
    return html


def test_bad_request_answers_the_dutch_400_page(client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver"]

    response = client.get("/aanbod/", HTTP_HOST="kwaadwillig.example")

    assert_error_page(response, 400, "<h1>Deze vraag begrijpen we niet</h1>")


@pytest.mark.urls("tests.academy.urls_with_error")
def test_permission_denied_answers_the_dutch_403_page(client, site, database_down):
    response = client.get("/verboden/")

    assert_error_page(response, 403, "<h1>Geen toegang</h1>", 'href="/account/login/"')


def test_expired_csrf_token_says_the_page_stood_open_too_long(site, settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)

    response = client.post("/account/login/", {"login": "an@example.org", "password": "x"})

    assert_error_page(
        response, 403, "De pagina stond te lang open: ga terug en probeer opnieuw.", "Er is niets opgeslagen."
    )


def test_unknown_page_path_answers_wagtails_404_with_the_dutch_page(client, site):
    response = client.get("/aanbod/bestaat-niet/")

    html = assert_error_page(response, 404, "<h1>Pagina niet gevonden</h1>")
    # A way on: the catalogue and a search field that searches it.
    assert 'href="/aanbod/"' in html
    assert '<form class="error-search" method="get" action="/aanbod/" role="search">' in html
    assert '<input id="zoek-aanbod" type="search" name="q"' in html
    assert '<label for="zoek-aanbod">Zoek in het aanbod</label>' in html


@pytest.mark.urls("tests.academy.urls_with_error")
def test_the_404_page_needs_no_database(client, site, settings, database_down):
    # Wagtail's redirects look up every 404's path first; without a database that is a 500.
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "redirects" not in name]

    response = client.get("/weg/")

    assert_error_page(response, 404, "<h1>Pagina niet gevonden</h1>")


def test_post_to_a_read_only_url_answers_the_405_page_with_allow(client, site):
    response = client.post("/attest/")

    assert_error_page(response, 405, "<h1>Dit kan zo niet</h1>")
    assert response["Allow"] == "GET, HEAD"


def test_unsupported_method_keeps_the_views_allow_header(client, site):
    response = client.delete("/vormingsvraag/")

    assert_error_page(response, 405, "<h1>Dit kan zo niet</h1>")
    assert response["Allow"] == "GET, HEAD, POST"


@pytest.mark.urls("tests.academy.urls_with_error")
def test_ratelimited_answers_the_429_page_with_retry_after(client, site):
    assert client.get("/beperkt/").status_code == 200

    response = client.get("/beperkt/")

    assert_error_page(
        response,
        429,
        "<h1>Even geduld</h1>",
        "Er kwamen in korte tijd te veel aanvragen van jou of van dit netwerk.",
        "Wacht 1 minuut en probeer het dan opnieuw.",
    )
    assert response["Retry-After"] == "60"


def test_a_views_own_429_gets_a_retry_after(client, site):
    for _ in range(30):
        client.get("/attest/ABCD-EFGH-JKLM/")

    response = client.get("/attest/ABCD-EFGH-JKLM/")

    assert_error_page(response, 429, "<h1>Even geduld</h1>")
    assert response["Retry-After"] == "60"


def test_allauths_rate_limit_answers_the_429_page(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    client.post("/account/password/reset/", {"email": "an@example.org"})

    response = client.post("/account/password/reset/", {"email": "an@example.org"})

    assert_error_page(
        response, 429, "Er werd te vaak een nieuw wachtwoord aangevraagd.", "Wacht 1 minuut en probeer het dan opnieuw."
    )
    assert response["Retry-After"] == "60"
