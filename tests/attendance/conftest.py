from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import Session, Trainer
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP
from tests.factories import make_course, make_edition, make_person


def named_person(first_name, last_name, email=None):
    person = make_person(email)
    person.first_name, person.last_name = first_name, last_name
    person.save(update_fields=["first_name", "last_name"])
    return person


def confirm(edition, person, *, joined_at=None):
    """A confirmed enrolment that got its seat at joined_at (by default before the edition began)."""
    enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    joined_at = joined_at or edition.starts_at - timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def trainer(db):
    return named_person("Lies", "Lesgever", "lesgever@example.org")


@pytest.fixture
def edition(offer, trainer):
    """Two past sessions; the course asks every session."""
    course = make_course(offer["basic"], title="Lokale politiek voor beginners", attendance_threshold=100)
    edition = make_edition(course, sessions=2, starts_in_days=-14)
    edition.trainers.add(Trainer.objects.create(name="Lies Lesgever", user=trainer))
    return edition


@pytest.fixture
def first_session(edition):
    return edition.sessions.order_by("starts_at").first()


@pytest.fixture
def participant(db):
    return named_person("An", "Peeters", "an.peeters@example.org")


@pytest.fixture
def enrolment(edition, participant):
    return confirm(edition, participant)


@pytest.fixture
def current_session(edition):
    """A session of the edition going on now."""
    now = timezone.now()
    return Session.objects.create(
        edition=edition,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        venue=edition.sessions.first().venue,
    )


@pytest.fixture
def other_trainer(offer):
    person = make_person("andere-lesgever@example.org")
    Trainer.objects.create(name="Andere Lesgever", user=person)
    return person


@pytest.fixture
def steering_member(db):
    person = make_person("stuurgroep@example.org")
    person.groups.add(Group.objects.get_or_create(name=STEERING_GROUP)[0])
    return person


@pytest.fixture
def staff_member(db):
    person = make_person("medewerker@example.org")
    person.groups.add(Group.objects.get_or_create(name=STAFF)[0])
    return person
