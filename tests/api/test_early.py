"""Stored API and feed answers come from api.middleware.EarlyApiMiddleware, before the session,
the user and the rest of the middleware stack; /api/v1/ is a JSON index, unknown paths a JSON 404."""

import pytest

LIST = "/api/v1/editions/"
PER_ANSWER = {"X-Page-Cache"}


def _headers(response):
    return {name: value for name, value in response.items() if name not in PER_ANSWER}


@pytest.mark.parametrize("path", [LIST, "/api/v1/courses/", "/feeds/aanbod.atom", "/feeds/aanbod.ics", "/api/v1/"])
def test_stored_answer_takes_no_query_and_carries_the_first_answers_headers(
    client, api_offer, path, django_assert_num_queries
):
    first = client.get(path)
    with django_assert_num_queries(0):
        second = client.get(path)

    assert (first.status_code, first["X-Page-Cache"], second["X-Page-Cache"]) == (200, "miss", "hit")
    assert second.content == first.content
    assert _headers(second) == _headers(first)
    assert second["Access-Control-Allow-Origin"] == "*"
    assert second["Content-Length"] == str(len(first.content))


def test_stored_answer_skips_the_session_and_the_user(client, api_offer, monkeypatch):
    client.get(LIST)
    from django.contrib.sessions.middleware import SessionMiddleware

    def must_not_run(self, request):
        raise AssertionError("The session middleware ran for a stored API answer.")

    monkeypatch.setattr(SessionMiddleware, "process_request", must_not_run)

    assert client.get(LIST)["X-Page-Cache"] == "hit"


def test_answers_do_not_vary_on_cookie_or_language(client, api_offer):
    first = client.get(LIST, headers={"Accept-Language": "en"})
    client.cookies["sessionid"] = "whatever"
    second = client.get(LIST)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first["Vary"] == second["Vary"] == "Accept-Encoding"
    assert "Deze parameters" in client.get(LIST, {"limit": "veel"}).json()["detail"]


def test_stored_answer_answers_304_without_a_query(client, api_offer, django_assert_num_queries):
    first = client.get(LIST)
    with django_assert_num_queries(0):
        by_etag = client.get(LIST, headers={"If-None-Match": first["ETag"]})
        by_date = client.get(LIST, headers={"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_etag["Access-Control-Allow-Origin"] == "*"


def test_stored_answers_still_count_against_the_rate_limit(client, api_offer, settings, django_assert_num_queries):
    settings.API_RATE_LIMIT = "3/m"
    assert client.get(LIST)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hits = [client.get(LIST) for _ in range(2)]
        refused = client.get(LIST)

    assert [hit["X-Page-Cache"] for hit in hits] == ["hit", "hit"]
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_a_miss_counts_once(client, api_offer, settings):
    settings.API_RATE_LIMIT = "2/m"

    statuses = [client.get(LIST, {"_": number}).status_code for number in range(3)]

    assert statuses == [200, 200, 429]


def test_unknown_parameters_are_never_stored_early(client, api_offer):
    client.get(LIST, {"_": "1"})

    assert client.get(LIST, {"_": "1"})["X-Page-Cache"] == "miss"


def test_api_root_is_a_json_index(client, api_offer):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    body = response.json()
    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["resources"]["editions"] == "/api/v1/editions/"
    for link in [body["openapi"], *body["resources"].values()]:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize(
    "path", ["/api/", "/api/v1/nope/", "/api/v2/editions/", "/api/v1/editions/abc/", "/api/v1/editions"]
)
def test_unknown_paths_answer_a_json_404(client, api_offer, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Deze URL bestaat niet in de API."
    assert response["Access-Control-Allow-Origin"] == "*"
