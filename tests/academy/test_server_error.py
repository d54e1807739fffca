"""A 500 shows the Dutch page in the site's layout, even with the database and the cache down."""

import pytest

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

from academy import cache_backends

REFUSING_CACHE = {
    "default": {"BACKEND": "academy.cache_backends.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_dutch_error_page(response):
    html = response.content.decode()
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>Er ging iets mis</h1>" in html
    assert "Je gegevens zijn niet verloren." in html
    # The site's layout: its stylesheet, header, navigation and name.
    assert 'class="site-header"' in html
    assert "/static/css/site.css" in html
    assert "Sociale en Politieke Academie" in html
    assert "Server Error" not in html


@pytest.fixture
def database_down(monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", refuse)
        yield


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
