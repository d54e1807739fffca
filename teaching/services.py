"""Act on a trainer's editions: the message to all participants."""

from functools import partial

from django.db import transaction

from wagtail.log_actions import log

from courses.models import Edition
from enrolment.models import Enrolment
from teaching import tasks
from teaching.exceptions import MessageIncomplete

MESSAGE_ACTION = "academy.teaching.message_participants"


def send_message_to_participants(edition: Edition, *, subject: str, body: str, by) -> int:
    """Queue a mail with the subject and body to every confirmed participant of the
    edition, after commit, and log who sent what to how many. Return the number of
    confirmed participants; those without an e-mail address get nothing.

    Raise MessageIncomplete when the subject or the body is empty. Whether the sender
    may write to these participants is the caller's to check.
    """
    subject = " ".join(subject.split())
    body = body.strip()
    if not subject or not body:
        raise MessageIncomplete
    with transaction.atomic():
        participants = Enrolment.objects.filter(edition=edition).confirmed().count()
        log(
            edition,
            MESSAGE_ACTION,
            user=by,
            data={"subject": subject, "body": body, "participants": participants},
        )
        transaction.on_commit(partial(tasks.send_participant_message.enqueue, edition.pk, subject, body, by.pk))
    return participants
