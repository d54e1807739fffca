"""The message to all participants of an edition, against the database and the mail outbox."""

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from enrolment.models import Enrolment
from teaching.exceptions import MessageIncomplete
from teaching.services import MESSAGE_ACTION, send_message_to_participants


def test_message_is_queued_after_commit_and_sent_one_mail_per_participant_with_an_address(
    edition, participants, trainer_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        count = send_message_to_participants(edition, subject="Parkeren", body="Achter de zaal.", by=trainer_user)

    assert count == 3
    assert len(callbacks) == 1
    assert mail.outbox == []

    callbacks[0]()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [participants["an"].email, participants["bart"].email]
    )
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox)


def test_message_is_logged_with_its_sender_subject_and_number_of_participants(edition, participants, trainer_user):
    send_message_to_participants(edition, subject="Parkeren", body="Achter de zaal.", by=trainer_user)

    entry = ModelLogEntry.objects.for_instance(edition).get()
    assert entry.action == MESSAGE_ACTION
    assert entry.user_id == trainer_user.pk
    assert entry.data == {"subject": "Parkeren", "body": "Achter de zaal.", "participants": 3}
    assert str(registry.get_action_label(MESSAGE_ACTION)) == "Bericht aan deelnemers"


@pytest.mark.parametrize(("subject", "body"), [("", "Tekst"), ("Onderwerp", "  \n "), ("\n", "Tekst")])
def test_incomplete_message_is_refused_and_changes_nothing(
    edition, participants, trainer_user, subject, body, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(MessageIncomplete) as error:
        send_message_to_participants(edition, subject=subject, body=body, by=trainer_user)

    assert str(error.value) == "Geef een onderwerp en een bericht op."
    assert callbacks == []
    assert mail.outbox == []
    assert not ModelLogEntry.objects.exists()


def test_subject_is_kept_on_one_line(edition, participants, trainer_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_message_to_participants(edition, subject="Parkeren\r\nBcc: x@example.org", body="Tekst", by=trainer_user)

    assert {message.subject for message in mail.outbox} == {"Parkeren Bcc: x@example.org – Hoe werkt de gemeente?"}
    assert all(not message.bcc for message in mail.outbox)


def test_who_cancels_before_the_mail_goes_out_gets_none(
    edition, participants, trainer_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_message_to_participants(edition, subject="Parkeren", body="Achter de zaal.", by=trainer_user)
    Enrolment.objects.filter(person=participants["bart"]).update(
        status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now()
    )

    callbacks[0]()

    assert [message.to for message in mail.outbox] == [[participants["an"].email]]


def test_mail_greets_the_participant_and_keeps_the_text_as_written(
    edition, participants, trainer_user, django_capture_on_commit_callbacks
):
    body = 'Breng "je" laptop & <oplader> mee.\n\nTot dan!'
    with django_capture_on_commit_callbacks(execute=True):
        send_message_to_participants(edition, subject="Meebrengen", body=body, by=trainer_user)

    sent = next(message for message in mail.outbox if message.to == [participants["an"].email])
    assert sent.body.startswith("Dag An,")
    assert body in sent.body
    assert 'Een bericht van Lies Lesgever over "Hoe werkt de gemeente?":' in sent.body


def test_edition_without_participants_sends_nothing(edition, trainer_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        count = send_message_to_participants(edition, subject="Parkeren", body="Achter de zaal.", by=trainer_user)

    assert count == 0
    assert mail.outbox == []
