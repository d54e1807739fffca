"""Course and catalogue pages read a fixed number of rows, however many editions they show."""

import uuid

import pytest

from courses.models import Trainer
from enrolment.models import Enrolment
from materials.models import CourseMaterial
from tests.factories import make_course, make_edition, make_person
from tests.query_counts import count_queries


def uncached(url):
    # A parameter no page reads: the anonymous page cache misses and the page is rendered.
    return f"{url}?_={uuid.uuid4().hex}"


@pytest.fixture
def participant(offer, client, settings):
    # As in production: the session comes from the cache, not from a query.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    person = make_person()
    client.force_login(person)
    return person


def add_editions(course, count):
    trainer = Trainer.objects.create(name=f"Lesgever {uuid.uuid4().hex[:6]}")
    editions = [make_edition(course, sessions=2, starts_in_days=20 + index) for index in range(count)]
    for edition in editions:
        edition.trainers.add(trainer)
    return editions


def course_page_queries(client, course, person, editions):
    add_editions(course, editions - 1)
    CourseMaterial.objects.create(course=course, title="Syllabus", kind="link", link_url="https://example.org/s")
    if person is not None:
        Enrolment.objects.create(person=person, edition=course.editions.first(), status=Enrolment.Status.CONFIRMED)
    client.get(uncached(course.url))  # the routing and site memos, as under load
    return count_queries(client, uncached(course.url))


@pytest.mark.parametrize("editions", [2, 12])
def test_logged_in_course_page_takes_at_most_twelve_queries(client, offer, participant, editions):
    assert course_page_queries(client, offer["course"], participant, editions) <= 12


def test_logged_in_course_page_takes_as_many_queries_for_twelve_editions_as_for_two(
    client, offer, participant, django_capture_on_commit_callbacks
):
    two = course_page_queries(client, offer["course"], participant, 2)
    # Committed, as in the admin: the new page starts a new offer generation.
    with django_capture_on_commit_callbacks(execute=True):
        other = make_course(offer["basic"], title="Wie beslist er in Europa?")
        make_edition(other)

    assert course_page_queries(client, other, participant, 12) == two


def test_anonymous_uncached_course_page_takes_as_many_queries_for_twelve_editions_as_for_two(
    client, offer, django_capture_on_commit_callbacks
):
    two = course_page_queries(client, offer["course"], None, 2)
    with django_capture_on_commit_callbacks(execute=True):
        other = make_course(offer["basic"], title="Wie beslist er in Europa?")
        make_edition(other)

    assert course_page_queries(client, other, None, 12) == two


def test_logged_in_catalogue_takes_as_many_queries_for_many_rows_as_for_few(client, offer, participant):
    url = offer["catalogue"].url
    client.get(url)
    few = count_queries(client, url)
    for index in range(15):
        course = make_course(offer["basic"], title=f"Vorming {index}")
        add_editions(course, 1)
    client.get(url)

    assert count_queries(client, url) == few
    assert few <= 12
