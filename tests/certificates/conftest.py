from datetime import timedelta

import pytest

from django.test import TestCase

from attendance import services as attendance_services
from attendance.models import Attendance
from enrolment.models import Enrolment
from tests.factories import make_course, make_edition, make_partner, make_person


@pytest.fixture
def trainer(db):
    return make_person("lesgever@example.org")


@pytest.fixture
def completed_edition(offer):
    """A two-session edition in the past, with partners, whose participant attended both."""
    course = make_course(offer["basic"], title="Lokale politiek voor beginners", attendance_threshold=100)
    course.partner_organisations.set([make_partner("ACV"), make_partner("Femma")])
    course.save()
    return make_edition(course, sessions=2, starts_in_days=-30)


@pytest.fixture
def participant(db):
    person = make_person("an.peeters@example.org")
    person.first_name, person.last_name = "An", "Peeters"
    person.save()
    return person


def confirm(edition, person):
    enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    joined_at = edition.starts_at - timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    enrolment.refresh_from_db()
    return enrolment


def attend(edition, enrolment, *, by, status=Attendance.Status.PRESENT):
    """Record the status for every session, running what the service leaves for after commit."""
    for session in edition.sessions.all():
        with TestCase.captureOnCommitCallbacks(execute=True):
            attendance_services.record_attendance(session, marks={enrolment.pk: status}, by=by)


@pytest.fixture
def completed_enrolment(completed_edition, participant, trainer):
    enrolment = confirm(completed_edition, participant)
    attend(completed_edition, enrolment, by=trainer)
    return enrolment
