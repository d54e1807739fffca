"""Mails sent once per event, however often the task that sends them runs.

Every mail task sends through send_once() or send_each_once(), naming the event the mail
is about ("enrolment:confirmed:42", "certificate:issued:7"): a retried, re-queued or
duplicated task then finds the mails it already sent and skips them.

The claim (a SentMail row, unique per event and recipient) and the sending share one
transaction. A send that fails rolls the claim back, so the retry sends the mail; a
second run of the same task waits on the first one's claim (PostgreSQL blocks the
second insert of the same key until the first commits) and then skips. One gap is
left, and it is the one every outbox has: a database that fails after the mail server
accepted the mail but before the commit forgets the claim, and a retry mails again.
"""

import hashlib
import logging

from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction

from academy.mail_layout import add_html_alternative
from academy.models import SentMail

logger = logging.getLogger(__name__)


def recipient_hash(message: EmailMessage) -> str:
    addresses = ",".join(sorted(address.strip().lower() for address in message.to))
    return hashlib.sha256(addresses.encode()).hexdigest()


def send_once(message: EmailMessage, *, event: str, connection=None) -> bool:
    """Send the message, with its HTML part in the academy's layout, unless a mail for the
    event already went to its recipients. Return whether it was sent now. Errors of the mail
    server propagate, with nothing recorded, so that the task fails and is retried."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentMail.objects.create(event=event, recipient_hash=recipient_hash(message))
        except IntegrityError:
            logger.info("Mail for %s already sent to this recipient; not sending it again.", event)
            return False
        (connection or mailers.default).send_messages([add_html_alternative(message)])
    return True


def send_each_once(messages) -> int:
    """Send each (event, message) pair with send_once(), all over one connection to the
    mail server. Return how many were sent now."""
    messages = list(messages)
    if not messages:
        return 0
    connection = mailers.default
    sent = 0
    with connection:
        for event, message in messages:
            sent += send_once(message, event=event, connection=connection)
    return sent
