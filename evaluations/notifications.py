"""The mails that invite a participant to evaluate an edition, and remind them once."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from academy.outbox import send_once
from academy.sites import default_site_url
from evaluations.selectors import evaluation_token


def send_evaluation_mail(invitation, kind: str) -> bool:
    """Send the invitation ("invitation") or the reminder ("reminder"), once per event;
    no reminder once answered, no mail to a person without an address. Return whether
    it was sent now."""
    person = invitation.person
    if not person.email or (kind == "reminder" and invitation.is_answered):
        return False
    site_url = default_site_url()
    context = {
        "person": person,
        "edition": invitation.edition,
        "course": invitation.edition.course,
        "is_reminder": kind == "reminder",
        "evaluation_url": f"{site_url}{reverse('evaluations:answer', args=[evaluation_token(invitation)])}",
    }
    subject = render_to_string("evaluations/mail/invitation_subject.txt", context).strip()
    body = render_to_string("evaluations/mail/invitation.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    return send_once(message, event=f"evaluation:{kind}:{invitation.pk}")
