"""How the API answers over HTTP: CORS, methods, validators and 304, the shared cache, 429."""

import time

import pytest

from api import delivery
from courses.models import Edition
from enrolment.models import Enrolment
from tests.factories import make_person

LIST = "/api/v1/editions/"


def test_get_allows_any_origin(client, api_offer):
    response = client.get(LIST, headers={"Origin": "https://www.acv.example"})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"].startswith("public, max-age=")


def test_preflight_allows_get_only(client, api_offer):
    response = client.options(
        LIST, headers={"Origin": "https://www.acv.example", "Access-Control-Request-Method": "GET"}
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", [LIST, "/api/v1/courses/1/", "/feeds/aanbod.atom"])
def test_other_methods_are_refused_in_dutch(client, api_offer, method, path):
    response = getattr(client, method)(path, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert "alleen lezen" in response.json()["detail"]
    assert Edition.objects.count() == len(api_offer["public"]) + len(api_offer["hidden"])


def test_head_answers_like_get(client, api_offer):
    response = client.head(LIST)

    assert response.status_code == 200
    assert response["ETag"] == client.get(LIST)["ETag"]


def test_if_none_match_answers_304(client, api_offer):
    etag = client.get(LIST)["ETag"]

    response = client.get(LIST, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"


def test_if_none_match_answers_304_until_the_offer_changes(client, api_offer, django_capture_on_commit_callbacks):
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, headers={"If-None-Match": etag}).status_code == 304

    edition = api_offer["public"]["council_antwerp"]
    edition.capacity = 30
    with django_capture_on_commit_callbacks(execute=True):
        edition.save()
    changed = client.get(LIST, headers={"If-None-Match": etag})

    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_answers_304(client, api_offer):
    last_modified = client.get(LIST)["Last-Modified"]

    assert client.get(LIST, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(LIST, headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status_code == 200


def test_answers_are_cached_until_the_offer_changes(
    client, api_offer, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = client.get(LIST)
    with django_assert_num_queries(0):
        second = client.get(LIST)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content

    edition = api_offer["public"]["council_antwerp"]
    edition.capacity = 30
    with django_capture_on_commit_callbacks(execute=True):
        edition.save()
    third = client.get(LIST)

    assert third["X-Page-Cache"] == "miss"
    assert third["ETag"] != first["ETag"]
    assert next(e for e in third.json()["results"] if e["id"] == edition.pk)["capacity"] == 30


def test_places_left_in_stored_answers_go_stale_with_age_not_with_each_enrolment(
    client, api_offer, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_FRESH_SECONDS = 5
    edition = api_offer["public"]["council_antwerp"]
    first = client.get(LIST)
    places = next(e for e in first.json()["results"] if e["id"] == edition.pk)["places_left"]
    with django_capture_on_commit_callbacks(execute=True):
        Enrolment.objects.create(person=make_person(), edition=edition, status=Enrolment.Status.CONFIRMED)

    assert client.get(LIST)["X-Page-Cache"] == "hit"
    later = time.time() + 5
    monkeypatch.setattr(delivery.time, "time", lambda: later)
    fresh = client.get(LIST)

    assert fresh["X-Page-Cache"] == "miss"
    assert next(e for e in fresh.json()["results"] if e["id"] == edition.pk)["places_left"] == places - 1


def test_cache_keys_on_known_parameters_only(client, api_offer):
    client.get(LIST, {"provincie": "limburg", "limit": 5})

    reordered = client.get(LIST, {"limit": 5, "provincie": "limburg"})
    unknown = client.get(LIST, {"provincie": "limburg", "limit": 5, "_": "123"})

    assert reordered["X-Page-Cache"] == "hit"
    assert unknown["X-Page-Cache"] == "miss"
    assert client.get(LIST, {"provincie": "limburg", "limit": 5, "_": "123"})["X-Page-Cache"] == "miss"
    assert unknown.json() == reordered.json()


def test_too_many_requests_answer_429_in_dutch_with_retry_after(client, api_offer, settings):
    settings.API_RATE_LIMIT = "3/m"
    for _ in range(3):
        assert client.get(LIST).status_code == 200

    response = client.get(LIST)

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Te veel aanvragen")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_rate_limit_counts_every_request_of_a_larger_limit(client, api_offer, settings):
    settings.API_RATE_LIMIT = "40/m"
    statuses = [client.get(LIST, {"limit": 1 + number % 3}).status_code for number in range(41)]

    assert statuses == [200] * 40 + [429]


def test_rate_limit_counts_per_client_behind_the_proxy(client, api_offer, settings):
    settings.API_RATE_LIMIT = "2/m"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(2):
        client.get(LIST, headers={"X-Forwarded-For": "198.51.100.7"})

    assert client.get(LIST, headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 429
    assert client.get(LIST, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 200


@pytest.mark.parametrize("count", [5, 40])
def test_editions_list_takes_at_most_ten_queries(client, site, count, django_assert_max_num_queries):
    from tests import factories

    track = factories.make_track(site["catalogue"])
    partner = factories.make_partner("ACV")
    theme = factories.make_theme("Klimaat")
    for number in range(count):
        course = factories.make_course(track, audiences=["vrijwilliger"], partners=[partner], themes=[theme])
        factories.make_edition(course, sessions=2, starts_in_days=10 + number)

    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"limit": 40, "provincie": "antwerpen", "partner": "acv"})

    assert response.status_code == 200
    assert len(response.json()["results"]) == count
