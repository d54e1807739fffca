"""Anonymous catalogue and course pages come from the shared cache until the offer changes."""

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from academy.page_cache import GENERATION_KEY, current_generation, invalidate_offer_pages
from courses.models import Edition
from enrolment.models import Enrolment
from tests.factories import make_edition, make_person


@pytest.fixture
def course_url(offer):
    return offer["course"].url


def test_second_anonymous_request_is_served_from_the_cache(client, offer, course_url, django_assert_num_queries):
    assert client.get("/aanbod/")["X-Page-Cache"] == "miss"
    assert client.get(course_url)["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        catalogue = client.get("/aanbod/")
        course = client.get(course_url)

    assert catalogue["X-Page-Cache"] == "hit"
    assert course["X-Page-Cache"] == "hit"
    assert "Hoe werkt de gemeente?" in course.content.decode()


def test_each_query_string_is_cached_on_its_own(client, offer):
    client.get("/aanbod/?provincie=limburg")

    assert client.get("/aanbod/?provincie=antwerpen")["X-Page-Cache"] == "miss"
    assert client.get("/aanbod/?provincie=limburg")["X-Page-Cache"] == "hit"


def test_logged_in_person_never_gets_the_anonymous_copy(client, offer, course_url):
    client.get("/aanbod/")
    client.get(course_url)
    person = get_user_model().objects.create_user("dina@example.org", "dina@example.org", "wachtwoord-123")
    client.force_login(person)

    for url in ("/aanbod/", course_url):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_logged_in_pages_are_not_stored_for_anonymous_visitors(client, offer):
    person = get_user_model().objects.create_user("dina@example.org", "dina@example.org", "wachtwoord-123")
    client.force_login(person)
    client.get("/aanbod/")
    client.logout()

    assert client.get("/aanbod/")["X-Page-Cache"] == "miss"


def test_a_new_enrolment_invalidates_the_places_left(client, offer, course_url, django_capture_on_commit_callbacks):
    edition = offer["edition"]
    Edition.objects.filter(pk=edition.pk).update(capacity=1)
    client.get(course_url)
    assert client.get(course_url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        Enrolment.objects.create(person=make_person(), edition=edition, status=Enrolment.Status.CONFIRMED)
    response = client.get(course_url)

    assert response["X-Page-Cache"] == "miss"
    assert "Volzet" in response.content.decode()


def test_publishing_a_course_change_invalidates_the_cache(
    client, offer, course_url, django_capture_on_commit_callbacks
):
    client.get("/aanbod/")
    course = offer["course"]
    course.title = "Hoe werkt de provincie?"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()

    response = client.get("/aanbod/")

    assert response["X-Page-Cache"] == "miss"
    assert "Hoe werkt de provincie?" in response.content.decode()


def test_a_new_edition_invalidates_the_catalogue(client, offer, django_capture_on_commit_callbacks):
    before = client.get("/aanbod/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_edition(offer["course"], province="brussel", starts_in_days=90)

    response = client.get("/aanbod/")

    assert response["X-Page-Cache"] == "miss"
    assert "2 vormingen gevonden" in response.content.decode()
    assert "1 vorming gevonden" in before


def test_unpublishing_removes_the_course_from_the_cached_catalogue(client, offer, django_capture_on_commit_callbacks):
    client.get("/aanbod/")
    with django_capture_on_commit_callbacks(execute=True):
        offer["course"].unpublish()

    response = client.get("/aanbod/")

    assert "0 vormingen gevonden" in response.content.decode()


def test_pages_outside_the_offer_are_not_cached(client, offer):
    assert "X-Page-Cache" not in client.get("/health/")


def test_the_offer_pages_go_stale_only_when_the_change_commits(client, offer, django_capture_on_commit_callbacks):
    # A page rendered between the write and the commit shows the old data: cached under the
    # old generation, it goes stale when the generation moves on after commit.
    before = current_generation()
    with django_capture_on_commit_callbacks() as callbacks:
        Enrolment.objects.create(person=make_person(), edition=offer["edition"], status=Enrolment.Status.CONFIRMED)
        assert cache.get(GENERATION_KEY) == before

    for callback in callbacks:
        callback()

    assert cache.get(GENERATION_KEY) != before


def test_a_cache_that_refuses_connections_never_breaks_an_invalidation(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(LocMemCache, "incr", refuse)
    monkeypatch.setattr(LocMemCache, "add", refuse)

    invalidate_offer_pages()

    assert "Could not invalidate the cached offer pages" in caplog.text
