"""Seats under concurrent requests: PostgreSQL only, since SQLite serialises writers itself."""

import threading

import pytest

from django.db import connection, connections

from courses.models import Edition
from enrolment import services
from enrolment.exceptions import AlreadyEnrolled
from enrolment.models import Enrolment
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def run_at_once(functions):
    """Start every function in its own thread and connection, released by one barrier."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except AlreadyEnrolled as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def edition(transactional_db):
    _home, catalogue = factories.make_site()
    course = factories.make_course(factories.make_track(catalogue))
    return factories.make_edition(course, capacity=1)


def counts(edition):
    enrolments = Enrolment.objects.filter(edition=edition)
    return enrolments.confirmed().count(), enrolments.waitlisted().count()


def test_twenty_people_on_the_last_seat(edition):
    people = [factories.make_person() for _ in range(20)]

    run_at_once([lambda person=person: services.enrol(edition, person=person) for person in people])

    assert counts(edition) == (1, 19)


def test_capacity_five_with_twenty_people(edition):
    Edition.objects.filter(pk=edition.pk).update(capacity=5)
    people = [factories.make_person() for _ in range(20)]

    run_at_once([lambda person=person: services.enrol(edition, person=person) for person in people])

    assert counts(edition) == (5, 15)


def test_a_cancellation_racing_ten_new_enrolments(edition):
    Edition.objects.filter(pk=edition.pk).update(capacity=10)
    confirmed = [services.enrol(edition, person=factories.make_person()).enrolment for _ in range(10)]
    waiting = [services.enrol(edition, person=factories.make_person()).enrolment for _ in range(10)]
    newcomers = [factories.make_person() for _ in range(10)]
    leaving = confirmed[0]

    run_at_once(
        [lambda: services.cancel_enrolment(leaving, by=leaving.person)]
        + [lambda person=person: services.enrol(edition, person=person) for person in newcomers]
    )

    assert counts(edition) == (10, 19)
    promoted = Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in waiting]).confirmed()
    assert list(promoted.values_list("pk", flat=True)) == [waiting[0].pk]
    assert not Enrolment.objects.filter(person__in=newcomers).confirmed().exists()


def test_the_same_person_posting_ten_times_at_once(edition):
    Edition.objects.filter(pk=edition.pk).update(capacity=5)
    person = factories.make_person()

    errors = run_at_once([lambda: services.enrol(edition, person=person) for _ in range(10)])

    assert Enrolment.objects.filter(person=person).count() == 1
    assert len(errors) == 9
