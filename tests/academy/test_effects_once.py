"""Each mail task is safe to run again: a retried, re-queued or duplicated task mails each
person once per event."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.tasks import TaskResultStatus

from enrolment.models import Enrolment
from enrolment.tasks import send_enrolment_mail, send_schedule_change
from teaching.tasks import send_participant_message
from tests import factories

pytestmark = pytest.mark.usefixtures("database_tasks")


def run_again(result):
    """Put a finished task back in the queue, as a stuck-task sweep or a retry does."""
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.READY)


def test_enrolment_mail_queued_twice_is_sent_once(offer, run_worker):
    enrolment = Enrolment.objects.create(
        person=factories.make_person(), edition=offer["edition"], status=Enrolment.Status.CONFIRMED
    )
    send_enrolment_mail.enqueue(enrolment.pk, "confirmed")
    send_enrolment_mail.enqueue(enrolment.pk, "confirmed")
    run_worker()

    # Another kind is another event.
    send_enrolment_mail.enqueue(enrolment.pk, "cancelled")
    run_worker()

    assert [message.to for message in mail.outbox] == [[enrolment.person.email]] * 2
    assert "vorming.ics" in mail.outbox[0].attachments[0].filename


def test_a_trainer_message_run_twice_reaches_each_participant_once(offer, run_worker):
    edition = offer["edition"]
    factories.fill_edition(edition, count=3)
    trainer = factories.make_person("lesgever@example.org")
    result = send_participant_message.enqueue(edition.pk, "Parking", "Parkeer achteraan.", trainer.pk)
    run_worker()
    run_again(result)
    run_worker()

    assert len(mail.outbox) == 3
    assert len({message.to[0] for message in mail.outbox}) == 3

    # A second message, even with the same words, is a new event.
    send_participant_message.enqueue(edition.pk, "Parking", "Parkeer achteraan.", trainer.pk)
    run_worker()
    assert len(mail.outbox) == 6


def test_a_schedule_change_run_twice_is_mailed_once(offer, run_worker):
    edition = offer["edition"]
    enrolment = Enrolment.objects.create(
        person=factories.make_person(), edition=edition, status=Enrolment.Status.CONFIRMED
    )
    session_ids = list(edition.sessions.values_list("pk", flat=True))
    result = send_schedule_change.enqueue(enrolment.pk, session_ids[:1], [])
    run_worker()
    run_again(result)
    run_worker()

    assert len(mail.outbox) == 1
