"""Background work of evaluations: the invitation and reminder mails."""

from django.tasks import task

from evaluations import notifications
from evaluations.models import Invitation


@task
def send_evaluation_mail(invitation_id: int, kind: str):
    invitation = Invitation.objects.select_related("person", "edition__course").filter(pk=invitation_id).first()
    # An invitation goes with its person's account: an erased account gets no mail.
    if invitation is not None:
        notifications.send_evaluation_mail(invitation, kind)
