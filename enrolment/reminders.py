"""Reminders a few days before the first session, sent once per enrolment."""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from courses.models import Edition
from enrolment import tasks
from enrolment.models import Enrolment

DEFAULT_DAYS_BEFORE = 3


def send_due_reminders(*, now=None, days_before=DEFAULT_DAYS_BEFORE) -> int:
    """Schedule the reminder mail of every confirmed enrolment of an approved edition that
    starts within days_before days and that has had none yet. Return how many were scheduled.

    Only public, approved editions are reminded of: never a cancelled edition, nor one
    whose course was retired or whose programme year was unpublished since.

    Safe to run as often as a scheduler likes: an enrolment is marked before its mail is
    queued, in the same transaction, so two overlapping runs never remind twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Enrolment.objects.confirmed()
            # Only the enrolment rows: the filter joins the edition, whose row the seat
            # services lock first.
            .select_for_update(skip_locked=True, of=("self",))
            .filter(
                reminder_sent_at__isnull=True,
                # A subquery, not a join: the lock stays on the enrolment rows, and FOR
                # UPDATE cannot take the nullable side of the programme year's outer join.
                edition__in=Edition.objects.public()
                .approved()
                .filter(starts_at__gt=now, starts_at__lte=now + timedelta(days=days_before))
                .values("pk"),
            )
            .values_list("pk", flat=True)
        )
        Enrolment.objects.filter(pk__in=due).update(reminder_sent_at=now)
        for enrolment_id in due:
            transaction.on_commit(partial(tasks.send_enrolment_mail.enqueue, enrolment_id, "reminder"))
    return len(due)
