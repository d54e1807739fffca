"""One answer per link and one invitation per person under concurrent runs: PostgreSQL only."""

import threading

import pytest

from django.db import connection, connections

from evaluations import services
from evaluations.exceptions import EvaluationAlreadyAnswered
from evaluations.models import Invitation, Response
from tests import factories
from tests.attendance.conftest import confirm
from tests.evaluations.conftest import ended_edition, mark

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def run_at_once(functions):
    barrier = threading.Barrier(len(functions))
    refused = []

    def run(function):
        try:
            barrier.wait()
            function()
        except EvaluationAlreadyAnswered as error:
            refused.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused


@pytest.fixture
def edition(transactional_db):
    _home, catalogue = factories.make_site()
    course = factories.make_course(factories.make_track(catalogue))
    edition = ended_edition(course)
    for _ in range(3):
        mark(confirm(edition, factories.make_person()))
    return edition


def test_two_overlapping_runs_invite_each_attendee_once(edition):
    run_at_once([services.invite_attendees, services.invite_attendees, services.invite_attendees])

    assert Invitation.objects.filter(edition=edition).count() == 3


def test_the_same_link_sent_five_times_at_once_stores_one_response(edition):
    services.invite_attendees()
    invitation = Invitation.objects.filter(edition=edition).first()

    refused = run_at_once(
        [lambda: services.submit_evaluation(Invitation.objects.get(pk=invitation.pk), answers=[]) for _ in range(5)]
    )

    assert len(refused) == 4
    assert Response.objects.count() == 1
