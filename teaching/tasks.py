"""Background work of teaching: the trainer's message to the participants, sent after commit."""

from django.contrib.auth import get_user_model
from django.tasks import task

from courses.models import Edition
from teaching import notifications


@task(takes_context=True)
def send_participant_message(context, edition_id: int, subject: str, body: str, sender_id: int):
    """The message has no row of its own: the task is the event, so a rerun of it mails
    each participant once."""
    edition = Edition.objects.select_related("course").get(pk=edition_id)
    sender = get_user_model().objects.filter(pk=sender_id).first()
    notifications.send_participant_message(
        edition, subject=subject, body=body, sender=sender, event=f"participant_message:{context.task_result.id}"
    )
