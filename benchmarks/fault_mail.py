"""A mail backend for benchmarks/fault_run.py: one JSON line per message that left.

academy.outbox.send_once() claims a SentMail row (event, recipient hash) and sends in the
same transaction, so the newest row for this recipient in that transaction names the
event. Each line says which event the message was for; the run counts them per event to
find a mail sent twice, or sent without a claim. Only one task worker sends mails in the
run, so no other transaction's claim can be the newest.
"""

import json
import os

from django.core.mail.backends.base import BaseEmailBackend

from academy.models import SentMail
from academy.outbox import recipient_hash


class EventLogBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        path = os.environ["FAULT_MAIL_LOG"]
        with open(path, "a", encoding="utf-8") as log:
            for message in email_messages:
                recipient = recipient_hash(message)
                claim = SentMail.objects.filter(recipient_hash=recipient).order_by("-pk").first()
                line = {"event": claim.event if claim else None, "recipient": recipient, "subject": message.subject}
                log.write(json.dumps(line) + "\n")
                log.flush()
        return len(email_messages)
