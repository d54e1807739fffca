"""The reconciliation racing itself and the seat services: PostgreSQL only, since SQLite
serialises writers itself and ignores row locks."""

from functools import partial

import pytest

from django.db import connection
from django.utils import timezone

from enrolment import services
from enrolment.models import Enrolment, EnrolmentEvent
from tests import factories
from tests.enrolment.test_lock_order import confirmed_in, course, person, run_at_once, status_of  # noqa: F401

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

ROUNDS = 30
Status = Enrolment.Status


def promotions_of(enrolment):
    return EnrolmentEvent.objects.filter(enrolment=enrolment, status=Status.CONFIRMED).count()


def test_two_reconciliations_and_a_cancellation_at_once_promote_each_person_once(course):  # noqa: F811
    for _round in range(ROUNDS):
        edition = factories.make_edition(course, capacity=2)
        seats = [services.enrol(edition, person=person()).enrolment for _ in range(2)]
        waiting = [services.enrol(edition, person=person()).enrolment for _ in range(3)]
        # A seat freed without its promotion, as a lost task left it.
        Enrolment.objects.filter(pk=seats[0].pk).update(status=Status.CANCELLED, cancelled_at=timezone.now())

        errors = run_at_once(
            services.reconcile_waitlists,
            services.reconcile_waitlists,
            partial(services.cancel_enrolment, seats[1], by=seats[1].person),
        )

        assert errors == []
        assert confirmed_in(edition) == 2
        assert [status_of(enrolment) for enrolment in waiting] == [
            Status.CONFIRMED,
            Status.CONFIRMED,
            Status.WAITLISTED,
        ]
        assert [promotions_of(enrolment) for enrolment in waiting] == [1, 1, 0]
