"""A 500 shows the Dutch page in the site's layout, even with the database and the cache down."""

import pytest

from django.test import Client, override_settings

from academy import cache_backends
from tests.academy.test_error_pages import assert_error_page

REFUSING_CACHE = {
    "default": {"BACKEND": "academy.cache_backends.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_dutch_error_page(response):
    assert_error_page(response, 500, "<h1>Er ging iets mis</h1>", "Je gegevens zijn niet verloren.")


@pytest.mark.urls("tests.academy.urls_with_error")
def test_a_failing_view_answers_with_the_dutch_page(client, site):
    response = client.get("/kapot/")

    assert_dutch_error_page(response)


@pytest.mark.urls("tests.academy.urls_with_error")
def test_the_page_needs_neither_database_nor_cache(client, site, database_down, monkeypatch):
    monkeypatch.setattr(cache_backends, "_breakers", {})
    with override_settings(CACHES=REFUSING_CACHE):
        response = client.get("/kapot/")

    assert_dutch_error_page(response)


def test_a_page_that_needs_the_lost_database_answers_with_the_dutch_page(client, site, database_down):
    response = client.get("/aanbod/")

    assert_dutch_error_page(response)
