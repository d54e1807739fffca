"""Two different seat services on the same editions at once: PostgreSQL only, since SQLite
serialises writers itself and ignores row locks.

Each interleaving runs many times; a deadlock shows as an error in one of the threads.
"""

import random
import threading
import time
from functools import partial

import pytest

from django.contrib.auth import get_user_model
from django.db import connection, connections

from courses.models import Edition
from enrolment import services
from enrolment.models import Enrolment, EnrolmentEvent
from enrolment.tasks import promote_waitlist
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

ROUNDS = 50
Status = Enrolment.Status


def run_at_once(*functions):
    """Start every function in its own thread and connection, released by one barrier, and
    return every error raised.

    A random start within a few milliseconds sweeps the rounds over many interleavings,
    not only the one where both statements leave the barrier together.
    """
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait()
            time.sleep(random.uniform(0, 0.01))
            function()
        except Exception as error:  # any error, a deadlock above all, fails the test
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
def course(transactional_db):
    _home, catalogue = factories.make_site()
    return factories.make_course(factories.make_track(catalogue))


@pytest.fixture
def admin(transactional_db):
    return get_user_model().objects.create(username="medewerker@example.org", is_staff=True)


def person():
    # No password: hashing one per person would make every round slower for nothing.
    return get_user_model().objects.create(username=f"persoon{next(factories._sequence)}@example.org")


def status_of(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk).status


def statuses_in_history(enrolment):
    return list(EnrolmentEvent.objects.filter(enrolment=enrolment).values_list("status", flat=True))


def confirmed_in(edition):
    return Enrolment.objects.filter(edition=edition).confirmed().count()


def test_leaving_the_waitlist_while_a_cancellation_promotes(course):
    for _round in range(ROUNDS):
        edition = factories.make_edition(course, capacity=1)
        seated, leaving, next_in_line = person(), person(), person()
        seat = services.enrol(edition, person=seated).enrolment
        waiting = services.enrol(edition, person=leaving).enrolment
        behind = services.enrol(edition, person=next_in_line).enrolment

        errors = run_at_once(
            partial(services.cancel_enrolment, seat, by=seated),
            partial(services.cancel_enrolment, waiting, by=leaving),
        )

        assert errors == []
        # Whoever asked to leave has left, and nobody is confirmed after leaving.
        assert status_of(seat) == Status.CANCELLED
        assert status_of(waiting) == Status.CANCELLED
        assert statuses_in_history(waiting)[-1] == Status.CANCELLED
        assert status_of(behind) == Status.CONFIRMED
        assert confirmed_in(edition) == 1


def test_leaving_the_waitlist_while_the_promotion_task_runs(course):
    for _round in range(ROUNDS):
        edition = factories.make_edition(course, capacity=1)
        seat = services.enrol(edition, person=person()).enrolment
        leaving, next_in_line = person(), person()
        waiting = services.enrol(edition, person=leaving).enrolment
        behind = services.enrol(edition, person=next_in_line).enrolment
        # A seat added without its promotion, which the queued task then hands out.
        Edition.objects.filter(pk=edition.pk).update(capacity=2)

        errors = run_at_once(
            partial(promote_waitlist.call, edition.pk),
            partial(services.cancel_enrolment, waiting, by=leaving),
        )

        assert errors == []
        assert status_of(seat) == Status.CONFIRMED
        assert status_of(waiting) == Status.CANCELLED
        assert statuses_in_history(waiting)[-1] == Status.CANCELLED
        assert status_of(behind) == Status.CONFIRMED
        assert confirmed_in(edition) == 2


def test_leaving_the_waitlist_while_a_cancellation_frees_the_only_seat(course):
    for _round in range(ROUNDS):
        edition = factories.make_edition(course, capacity=1)
        seated, leaving = person(), person()
        seat = services.enrol(edition, person=seated).enrolment
        waiting = services.enrol(edition, person=leaving).enrolment

        errors = run_at_once(
            partial(services.cancel_enrolment, seat, by=seated),
            partial(services.cancel_enrolment, waiting, by=leaving),
        )

        assert errors == []
        assert status_of(waiting) == Status.CANCELLED
        # Promoted only if the promotion came first; never confirmed once they had left.
        assert statuses_in_history(waiting) in (
            [Status.WAITLISTED, Status.CANCELLED],
            [Status.WAITLISTED, Status.CONFIRMED, Status.CANCELLED],
        )
        assert confirmed_in(edition) == 0


def test_a_cancellation_racing_a_new_enrolment(course):
    for _round in range(ROUNDS):
        edition = factories.make_edition(course, capacity=1)
        seated, newcomer = person(), person()
        seat = services.enrol(edition, person=seated).enrolment

        errors = run_at_once(
            partial(services.cancel_enrolment, seat, by=seated),
            partial(services.enrol, edition, person=newcomer),
        )

        assert errors == []
        # Either the newcomer takes the freed seat, or waits and is promoted into it.
        assert Enrolment.objects.get(edition=edition, person=newcomer).status == Status.CONFIRMED
        assert confirmed_in(edition) == 1


def test_a_move_racing_a_new_enrolment_in_the_target_edition(course, admin):
    for _round in range(ROUNDS):
        source = factories.make_edition(course, capacity=1)
        target = factories.make_edition(course, capacity=1)
        moving, waiting_in_source, newcomer = person(), person(), person()
        old = services.enrol(source, person=moving).enrolment
        waiting = services.enrol(source, person=waiting_in_source).enrolment

        errors = run_at_once(
            partial(services.move_enrolment, old, to_edition=target, by=admin),
            partial(services.enrol, target, person=newcomer),
        )

        assert errors == []
        assert status_of(old) == Status.CANCELLED
        assert status_of(waiting) == Status.CONFIRMED
        in_target = dict(Enrolment.objects.filter(edition=target).values_list("person", "status"))
        assert sorted(in_target.values()) == [Status.CONFIRMED, Status.WAITLISTED]
        assert set(in_target) == {moving.pk, newcomer.pk}
        assert confirmed_in(source) == 1


def test_two_moves_in_opposite_directions_at_once(course, admin):
    for _round in range(ROUNDS):
        first, second = (factories.make_edition(course, capacity=1) for _edition in range(2))
        one, other = person(), person()
        in_first = services.enrol(first, person=one).enrolment
        in_second = services.enrol(second, person=other).enrolment

        errors = run_at_once(
            partial(services.move_enrolment, in_first, to_edition=second, by=admin),
            partial(services.move_enrolment, in_second, to_edition=first, by=admin),
        )

        assert errors == []
        # The move that comes second finds its seat freed by the first, or is promoted into it.
        assert Enrolment.objects.active().get(person=one).edition_id == second.pk
        assert Enrolment.objects.active().get(person=other).edition_id == first.pk
        assert confirmed_in(first) == confirmed_in(second) == 1
        assert not Enrolment.objects.waitlisted().filter(edition__in=[first, second]).exists()
