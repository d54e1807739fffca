"""With the shared cache refusing connections the site works: uncached, slower, never a 500."""

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from academy import cache_backends
from certificates.models import Certificate
from enrolment.models import Enrolment
from enrolment.views import ENROLMENT_RATE
from tests import factories

PASSWORD = "Vorming-2026-Hasselt"

# As production configures it (academy.settings.base.cache_from_env), on a port where
# nothing listens.
REFUSING_CACHE = {
    "default": {
        "BACKEND": "academy.cache_backends.FailSoftRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "academy",
    }
}
PRODUCTION_SESSIONS = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def cache_down(monkeypatch):
    monkeypatch.setattr(cache_backends, "_breakers", {})
    with override_settings(CACHES=REFUSING_CACHE, SESSION_ENGINE=PRODUCTION_SESSIONS):
        yield


@pytest.fixture
def participant(db):
    email = "an@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    user.first_name, user.last_name = "An", "Peeters"
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


@pytest.fixture
def certificate(offer, participant):
    return Certificate.objects.create(
        kind=Certificate.Kind.EDITION,
        person=participant,
        edition=offer["edition"],
        holder_name="An Peeters",
        title=offer["course"].title,
        issuer_name="Sociale en Politieke Academie",
    )


@pytest.fixture
def client():
    # A 500 must show as a 500 here, not as an exception in the test.
    return Client(raise_request_exception=False)


def test_every_public_surface_works_without_the_cache(client, offer, participant, certificate, cache_down):
    course, edition = offer["course"], offer["edition"]

    for url in ("/", "/aanbod/", course.url, "/aanbod/?provincie=limburg&vorm=avondreeks", "/vormingsvraag/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Hoe werkt de gemeente?" in client.get("/aanbod/?provincie=limburg").content.decode()
    assert "Sociale en Politieke Academie" in client.get(course.url).content.decode()

    response = client.get(f"/attest/{certificate.code}/")
    assert response.status_code == 200
    assert "Dit attest is geldig." in response.content.decode()
    assert client.get("/attest/onbekende-code/").status_code == 404

    response = client.post("/account/login/", {"login": "an@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/mijn/"

    response = client.post(f"/mijn/inschrijven/{edition.pk}/")
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=participant, edition=edition)
    assert enrolment.status == Enrolment.Status.CONFIRMED

    response = client.get("/mijn/")
    assert response.status_code == 200
    assert course.title in response.content.decode()

    response = client.post(f"/mijn/inschrijvingen/{enrolment.pk}/annuleren/")
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED

    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["cache"] == "degraded"


def test_pages_show_the_offer_as_it_is_now_without_the_cache(client, offer, cache_down):
    edition = offer["edition"]
    before = client.get(offer["course"].url).content.decode()
    factories.fill_edition(edition, count=edition.capacity)

    after = client.get(offer["course"].url).content.decode()

    assert before != after


def test_a_logged_in_person_stays_logged_in_when_the_cache_goes(client, offer, participant, monkeypatch):
    with override_settings(SESSION_ENGINE=PRODUCTION_SESSIONS):
        response = client.post("/account/login/", {"login": "an@example.org", "password": PASSWORD})
    assert response.status_code == 302
    monkeypatch.setattr(cache_backends, "_breakers", {})

    with override_settings(CACHES=REFUSING_CACHE, SESSION_ENGINE=PRODUCTION_SESSIONS):
        response = client.get("/mijn/")

    assert response.status_code == 200
    assert response.wsgi_request.user == participant


def test_rate_limits_fail_open_without_the_cache(client, offer, participant, cache_down):
    client.force_login(participant)
    edition = offer["edition"]
    rounds = int(ENROLMENT_RATE.split("/")[0]) + 2

    # More enrolments than the rate allows in a minute: without counters, none is refused.
    for _ in range(rounds):
        assert client.post(f"/mijn/inschrijven/{edition.pk}/").status_code == 302
        enrolment = Enrolment.objects.get(edition=edition, status=Enrolment.Status.CONFIRMED)
        assert client.post(f"/mijn/inschrijvingen/{enrolment.pk}/annuleren/").status_code == 302

    assert Enrolment.objects.filter(edition=edition, person=participant).count() == rounds


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_running_site_serves_every_page_with_the_cache_refusing_connections(
    live_server, transactional_db, cache_down
):
    _home, catalogue = factories.make_site()
    course = factories.make_course(factories.make_package(factories.make_track(catalogue)), title="Lokale politiek")
    edition = factories.make_edition(course)
    email = "bert@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def fetch(path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(live_server.url + path, data=body, headers={"Referer": live_server.url})
        try:
            with browser.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    for path in ("/", "/aanbod/", course.url, "/aanbod/?vorm=studiedag", "/vormingsvraag/"):
        status, html = fetch(path)
        assert status == 200, path
    assert "Lokale politiek" in fetch("/aanbod/")[1]

    status, html = fetch("/account/login/")
    status, html = fetch(
        "/account/login/", {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(html)}
    )
    assert status == 200
    assert "Mijn academie" in html

    status, html = fetch(course.url)
    status, html = fetch(f"/mijn/inschrijven/{edition.pk}/", {"csrfmiddlewaretoken": csrf_token(html)})
    assert status == 200
    assert Enrolment.objects.get(person=user, edition=edition).status == Enrolment.Status.CONFIRMED

    status, body = fetch("/health/")
    assert status == 200
    assert json.loads(body)["cache"] == "degraded"


def test_the_login_lockout_still_stops_password_guessing_without_the_cache(client, participant, cache_down, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/account/login/", {"login": "an@example.org", "password": "fout"}).status_code == 200

    response = client.post("/account/login/", {"login": "an@example.org", "password": "fout"})

    assert response.status_code == 429
    assert client.post("/account/login/", {"login": "an@example.org", "password": PASSWORD}).status_code == 429
