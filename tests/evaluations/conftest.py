import pytest

from django.contrib.auth.models import Group

from attendance.models import Attendance
from courses.models import Trainer
from evaluations import services
from evaluations.models import Invitation
from evaluations.selectors import evaluation_token
from evaluations.tokens import hash_token
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests.attendance.conftest import confirm, named_person
from tests.factories import make_course, make_edition, make_person


def mark(enrolment, status=Attendance.Status.PRESENT, sessions=None):
    for session in sessions or enrolment.edition.sessions.all():
        Attendance.objects.create(enrolment=enrolment, session=session, status=status)


def member_of(group_name, email=None):
    ensure_role_permissions()
    person = make_person(email)
    person.groups.add(Group.objects.get(name=group_name))
    return person


def make_trainer(name, email):
    person = member_of(TRAINERS, email)
    Trainer.objects.create(name=name, user=person)
    return person


def ended_edition(course, *, trainer=None, days_ago=3, **fields):
    """An approved edition of two sessions whose last session ended days_ago days ago."""
    edition = make_edition(course, sessions=2, starts_in_days=-(7 + days_ago), **fields)
    if trainer is not None:
        edition.trainers.add(trainer.trainer_profile)
    return edition


def invite(edition, people):
    """Invitations for people who attended the edition, as the hourly run makes them."""
    for person in people:
        mark(confirm(edition, person))
    services.invite_attendees()
    return {
        invitation.person_id: evaluation_token(invitation)
        for invitation in Invitation.objects.filter(edition=edition, person__in=people)
    }


def answer(client, token, *, overall=4, relevance=4, trainer=4, organisation=4, strong="", better=""):
    invitation = Invitation.objects.get(token_hash=hash_token(token))
    data = {}
    for question in invitation.question_set.questions.all():
        value = {
            "algemeen": overall,
            "relevantie": relevance,
            "lesgever": trainer,
            "organisatie": organisation,
        }.get(question.topic)
        if value is None:
            value = strong if "sterkst" in question.text else better
        data[f"vraag_{question.pk}"] = value
    return client.post(f"/evaluatie/{token}/", data)


@pytest.fixture
def trainer(db):
    return make_trainer("Lies Lesgever", "lesgever@example.org")


@pytest.fixture
def other_trainer(db):
    return make_trainer("Andere Lesgever", "andere@example.org")


@pytest.fixture
def course(offer):
    return make_course(offer["basic"], title="Lokale politiek voor beginners", attendance_threshold=50)


@pytest.fixture
def edition(course, trainer):
    return ended_edition(course, trainer=trainer)


@pytest.fixture
def participant(db):
    return named_person("An", "Peeters", "an.peeters@example.org")


@pytest.fixture
def steering_member(db):
    return member_of(STEERING_GROUP)


@pytest.fixture
def staff_member(db):
    return member_of(STAFF)
