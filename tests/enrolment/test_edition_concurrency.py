"""An edition changed while people enrol: PostgreSQL only, since SQLite serialises writers."""

import threading
import time

import pytest

from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client

from courses.models import Edition
from enrolment import services
from enrolment.exceptions import EditionNotOpen, NotActive
from enrolment.models import Enrolment, EnrolmentEvent
from roles.groups import STAFF
from roles.services import ensure_role_permissions
from tests import factories
from tests.enrolment.test_edition_lifecycle import edit_data_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

ROUNDS = 6


def run_at_once(functions):
    """Run every function in its own thread and connection, released by one barrier; return
    their results and every exception raised."""
    barrier = threading.Barrier(len(functions))
    results, errors = [None] * len(functions), []

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        # Any error at all is collected: the tests assert which ones may occur.
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, function)) for index, function in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture
def setting(transactional_db):
    _home, catalogue = factories.make_site()
    ensure_role_permissions()
    staff = factories.make_person("medewerker@example.org")
    staff.groups.add(Group.objects.get(name=STAFF))
    course = factories.make_course(factories.make_track(catalogue))
    return {"course": course, "staff": staff}


def test_lowering_the_capacity_while_someone_takes_the_last_seat(setting):
    outcomes = set()
    for round_ in range(ROUNDS):
        edition = factories.make_edition(setting["course"], capacity=3, province="brussel")
        for _ in range(2):
            services.enrol(edition, person=factories.make_person())
        newcomer = factories.make_person()
        data = edit_data_for(edition)
        data["capacity"] = "2"
        staff_client = Client()
        staff_client.force_login(setting["staff"])

        def lower_capacity(edition=edition, data=data, staff_client=staff_client):
            return staff_client.post(f"/admin/editions/edit/{edition.pk}/", data)

        # Every other round the enrolment comes a moment later, so both orders occur: an
        # admin request is slower to reach the lock than a service call.
        def enrol(edition=edition, newcomer=newcomer, delay=1.5 * (round_ % 2)):
            time.sleep(delay)
            return services.enrol(edition, person=newcomer)

        (response, outcome), errors = run_at_once([lower_capacity, enrol])

        assert errors == []
        edition.refresh_from_db()
        confirmed = Enrolment.objects.filter(edition=edition).confirmed().count()
        assert confirmed <= edition.capacity
        if response.status_code == 200:
            # The seat was taken first: the lower capacity is refused with the clean message.
            assert "bevestigde inschrijvingen (3)" in response.content.decode()
            assert (edition.capacity, confirmed, outcome.is_waitlisted) == (3, 3, False)
        else:
            assert response.status_code == 302
            assert (edition.capacity, confirmed, outcome.is_waitlisted) == (2, 2, True)
        outcomes.add(response.status_code)
    assert outcomes == {200, 302}


def test_cancelling_an_edition_while_people_enrol_leaves_nobody_confirmed(setting):
    for _round in range(ROUNDS):
        edition = factories.make_edition(setting["course"], capacity=2, province="brussel")
        services.enrol(edition, person=factories.make_person())
        people = [factories.make_person() for _ in range(3)]

        def cancel(edition=edition):
            return services.cancel_edition(edition, reason="De zaal is niet beschikbaar.", by=setting["staff"])

        enrolments = [
            lambda edition=edition, person=person: services.enrol(edition, person=person) for person in people
        ]

        _results, errors = run_at_once([cancel, *enrolments])

        # Whoever came after the cancellation is refused with the service's own error.
        assert all(isinstance(error, EditionNotOpen) for error in errors), errors
        assert Edition.objects.get(pk=edition.pk).status == Edition.Status.CANCELLED
        assert not Enrolment.objects.filter(edition=edition).active().exists()


def test_cancelling_an_edition_while_people_leave_it_promotes_nobody(setting):
    for _round in range(ROUNDS):
        edition = factories.make_edition(setting["course"], capacity=2, province="brussel")
        enrolments = [services.enrol(edition, person=factories.make_person()).enrolment for _ in range(4)]
        leaving = [enrolments[0], enrolments[3]]  # one with a seat, one from the waitlist

        def cancel(edition=edition):
            return services.cancel_edition(edition, reason="De zaal is niet beschikbaar.", by=setting["staff"])

        leave = [
            lambda enrolment=enrolment: services.cancel_enrolment(enrolment, by=enrolment.person)
            for enrolment in leaving
        ]

        _results, errors = run_at_once([cancel, *leave])

        # Who comes after the cancellation finds their enrolment already ended.
        assert all(isinstance(error, NotActive) for error in errors), errors
        statuses = dict(Enrolment.objects.filter(edition=edition).values_list("pk", "status"))
        assert set(statuses.values()) <= {Enrolment.Status.CANCELLED, Enrolment.Status.CANCELLED_BY_ACADEMY}
        # The waitlisted person who left was never promoted; a seat freed before the
        # cancellation may have gone to the first on the waitlist, a seat after it to nobody.
        assert not enrolments[3].events.filter(status=Enrolment.Status.CONFIRMED).exists()
        promoted = EnrolmentEvent.objects.filter(enrolment__edition=edition, status=Enrolment.Status.CONFIRMED)
        assert set(promoted.exclude(enrolment__in=enrolments[:2]).values_list("enrolment", flat=True)) <= {
            enrolments[2].pk
        }
        cancelled_at = Edition.objects.get(pk=edition.pk).cancelled_at
        assert not promoted.filter(at__gt=cancelled_at).exists()
