"""Background work of enrolment: mails and waitlist promotion, run after commit."""

from django.tasks import task

from courses.models import Edition
from enrolment import notifications, services
from enrolment.models import Enrolment


@task
def send_enrolment_mail(enrolment_id: int, kind: str):
    enrolment = Enrolment.objects.select_related("person", "edition__course").get(pk=enrolment_id)
    notifications.send_enrolment_mail(enrolment, kind)


@task
def promote_waitlist(edition_id: int):
    """Fill the edition's free seats, and any other edition's that a failure left empty."""
    services.promote_from_waitlist(Edition.objects.get(pk=edition_id))
    services.reconcile_waitlists()


@task(takes_context=True)
def send_schedule_change(context, enrolment_id: int, changed_session_ids: list[int], removed_sessions: list):
    """removed_sessions: [primary key, ISO start, ISO end] of each session taken out.

    The change has no row of its own: the task is the event, so a rerun of it mails once.
    """
    enrolment = Enrolment.objects.select_related("person", "edition__course").get(pk=enrolment_id)
    notifications.send_schedule_change_mail(
        enrolment, changed_session_ids, removed_sessions, event=f"schedule_change:{context.task_result.id}"
    )
