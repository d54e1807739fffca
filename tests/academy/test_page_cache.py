"""Anonymous catalogue and course pages come from the shared cache until the offer changes."""

import threading
import time

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.test import RequestFactory

from academy import page_cache
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


@pytest.fixture
def clock(monkeypatch):
    """The page cache's clock, moved on by hand."""
    now = [1_000_000.0]
    monkeypatch.setattr(page_cache, "_clock", lambda: now[0])

    def advance(seconds):
        now[0] += seconds

    return advance


def test_an_enrolment_leaves_cached_pages_until_they_are_older_than_the_freshness_window(
    client, offer, course_url, clock, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_FRESH_SECONDS = 5
    edition = offer["edition"]
    Edition.objects.filter(pk=edition.pk).update(capacity=1)
    client.get(course_url)
    client.get("/aanbod/")
    generation = current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        Enrolment.objects.create(person=make_person(), edition=edition, status=Enrolment.Status.CONFIRMED)
    clock(4)

    assert cache.get(GENERATION_KEY) == generation
    assert client.get(course_url)["X-Page-Cache"] == "hit"
    assert client.get("/aanbod/")["X-Page-Cache"] == "hit"

    clock(1.5)
    course = client.get(course_url)
    catalogue = client.get("/aanbod/")

    assert course["X-Page-Cache"] == "miss"
    assert "Volzet" in course.content.decode()
    assert catalogue["X-Page-Cache"] == "miss"
    assert "Volzet" in catalogue.content.decode()


def test_the_person_who_just_enrolled_sees_the_places_left_at_once(
    client, offer, course_url, django_capture_on_commit_callbacks
):
    edition = offer["edition"]
    Edition.objects.filter(pk=edition.pk).update(capacity=2)
    client.get(course_url)
    client.get("/aanbod/")
    assert client.get(course_url)["X-Page-Cache"] == "hit"
    client.force_login(make_person())

    # The enrolment commits (and its callbacks run) before the browser follows the redirect.
    with django_capture_on_commit_callbacks(execute=True):
        enrolled = client.post(f"/mijn/inschrijven/{edition.pk}/")
    course = client.get(enrolled["Location"])
    catalogue = client.get("/aanbod/")

    assert "X-Page-Cache" not in course
    assert "Je bent ingeschreven voor deze editie." in course.content.decode()
    assert "Nog 1 plaats vrij" in course.content.decode()
    assert "X-Page-Cache" not in catalogue
    assert "Nog 1 plaats vrij" in catalogue.content.decode()


def test_unknown_query_parameters_share_the_entry_of_the_page(client, offer, django_assert_num_queries):
    client.get("/aanbod/?provincie=limburg")

    with django_assert_num_queries(0):
        for url in (
            "/aanbod/?provincie=limburg&utm_source=x",
            "/aanbod/?foo=1&provincie=limburg",
            "/aanbod/?utm_source=nieuwsbrief&utm_campaign=najaar&provincie=limburg",
        ):
            assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/aanbod/?provincie=limburg&pagina=2")["X-Page-Cache"] == "miss"
    assert client.get("/aanbod/?provincie=limburg&sorteer=titel")["X-Page-Cache"] == "miss"


def test_the_order_of_known_parameters_does_not_matter(client, offer):
    client.get("/aanbod/?provincie=limburg&vorm=studiedag")

    assert client.get("/aanbod/?vorm=studiedag&provincie=limburg")["X-Page-Cache"] == "hit"


def _lock_of(url):
    return f"{page_cache.cache_key(RequestFactory().get(url))}:rebuilding"


def test_while_one_request_rebuilds_a_stale_page_the_others_get_the_stale_copy(
    client, offer, course_url, clock, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_FRESH_SECONDS = 5
    client.get(course_url)
    clock(6)
    cache.add(_lock_of(course_url), True, 10)

    with django_assert_num_queries(0):
        response = client.get(course_url)

    assert response["X-Page-Cache"] == "stale"
    assert "Hoe werkt de gemeente?" in response.content.decode()
    cache.delete(_lock_of(course_url))
    assert client.get(course_url)["X-Page-Cache"] == "miss"
    assert client.get(course_url)["X-Page-Cache"] == "hit"


def test_an_offer_change_is_rebuilt_once_while_the_previous_copy_is_served(
    client, offer, course_url, django_capture_on_commit_callbacks
):
    client.get(course_url)
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_offer_pages()
    cache.add(_lock_of(course_url), True, 10)

    assert client.get(course_url)["X-Page-Cache"] == "stale"
    cache.delete(_lock_of(course_url))
    assert client.get(course_url)["X-Page-Cache"] == "miss"


def test_concurrent_misses_render_the_page_once():
    renders = []
    started = threading.Event()

    def slow_page(request):
        renders.append(request.path)
        started.set()
        time.sleep(0.3)
        return HttpResponse("<p>Aanbod</p>")

    middleware = page_cache.AnonymousPageCacheMiddleware(slow_page)
    factory = RequestFactory()
    answers = []

    def visit():
        request = factory.get("/aanbod/?utm_source=x")
        request.user = AnonymousUser()
        answers.append(middleware(request))

    first = threading.Thread(target=visit)
    first.start()
    started.wait(5)
    others = [threading.Thread(target=visit) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in (first, *others):
        thread.join(10)

    assert renders == ["/aanbod/"]
    assert sorted(answer["X-Page-Cache"] for answer in answers) == ["hit", "hit", "hit", "miss"]
    assert {answer.content for answer in answers} == {b"<p>Aanbod</p>"}


def test_a_request_that_waited_renders_itself_when_the_other_stored_nothing():
    renders = []

    def missing_page(request):
        renders.append(request.path)
        return HttpResponse("<p>Niet gevonden</p>", status=404)

    middleware = page_cache.AnonymousPageCacheMiddleware(missing_page)
    request = RequestFactory().get("/aanbod/bestaat-niet/")
    request.user = AnonymousUser()
    lock = _lock_of("/aanbod/bestaat-niet/")
    cache.add(lock, True, 10)
    threading.Timer(0.1, cache.delete, [lock]).start()

    response = middleware(request)

    assert response.status_code == 404
    assert renders == ["/aanbod/bestaat-niet/"]


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
        edition = offer["edition"]
        edition.capacity += 1
        edition.save(update_fields=["capacity"])
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


def test_a_logged_in_request_reads_the_offer_generation_once(client, offer, monkeypatch):
    # Every rendered card, the site settings and the vocabulary key on the generation: a
    # logged-in page, which the page cache does not answer, must still read it only once.
    person = get_user_model().objects.create_user("dina@example.org", "dina@example.org", "wachtwoord-123")
    client.force_login(person)
    make_edition(offer["course"])
    client.get("/aanbod/")
    reads = []
    real_get = cache.get
    monkeypatch.setattr(
        page_cache.cache, "get", lambda key, *args, **kwargs: reads.append(key) or real_get(key, *args, **kwargs)
    )

    assert client.get("/aanbod/").status_code == 200

    assert reads.count(GENERATION_KEY) == 1


def test_a_change_in_a_request_makes_the_rest_of_it_read_the_new_generation(rf):
    seen = []

    def view(request):
        seen.append(current_generation())
        invalidate_offer_pages()
        seen.append(current_generation())
        return HttpResponse()

    request = rf.get("/mijn/")
    request.user = AnonymousUser()
    page_cache.AnonymousPageCacheMiddleware(view)(request)

    assert seen[1] != seen[0]
    assert seen[1] == current_generation()
