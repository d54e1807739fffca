import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.services import get_or_create_profile
from courses.models import Audience, Trainer
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP
from tests.factories import make_partner, make_person


def add_participant(edition, *, first_name, last_name, email=None, status=Enrolment.Status.CONFIRMED, **profile):
    """Enrol a named person in the edition, with the profile fields given (roles and
    partner organisations as lists)."""
    if email == "":
        person = get_user_model().objects.create_user(username=f"{first_name}-{last_name}".lower(), email="")
    else:
        person = make_person(email)
    person.first_name, person.last_name = first_name, last_name
    person.save(update_fields=["first_name", "last_name"])
    roles = profile.pop("roles", ())
    partners = profile.pop("partner_organisations", ())
    if profile or roles or partners:
        record = get_or_create_profile(person)
        for name, value in profile.items():
            setattr(record, name, value)
        record.save()
        record.roles.set(roles)
        record.partner_organisations.set(partners)
    cancelled_at = timezone.now() if status == Enrolment.Status.CANCELLED else None
    Enrolment.objects.create(person=person, edition=edition, status=status, cancelled_at=cancelled_at)
    return person


@pytest.fixture
def trainer_user(db):
    person = make_person("lesgever@example.org")
    person.first_name, person.last_name = "Lies", "Lesgever"
    person.save(update_fields=["first_name", "last_name"])
    return person


@pytest.fixture
def edition(offer, trainer_user):
    edition = offer["edition"]
    edition.trainers.add(Trainer.objects.create(name="Lies Lesgever", user=trainer_user))
    return edition


@pytest.fixture
def participants(edition):
    acv = make_partner("ACV")
    femma = make_partner("Femma")
    return {
        "an": add_participant(
            edition,
            first_name="An",
            last_name="Peeters",
            roles=Audience.objects.filter(code="vrijwilliger"),
            partner_organisations=[acv, femma],
            accessibility_needs="Rolstoel",
            dietary_needs="Vegetarisch",
        ),
        "bart": add_participant(
            edition,
            first_name="Bart",
            last_name="Claes",
            roles=Audience.objects.filter(code="mandataris"),
            partner_organisations=[acv],
        ),
        "chris": add_participant(edition, first_name="Chris", last_name="Zonderadres", email=""),
        "wachtend": add_participant(
            edition, first_name="Wout", last_name="Wachtend", status=Enrolment.Status.WAITLISTED
        ),
        "weg": add_participant(edition, first_name="Greet", last_name="Geannuleerd", status=Enrolment.Status.CANCELLED),
    }


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
