"""The mail a trainer sends to the participants of an edition: one per person, plain text."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from academy.outbox import send_each_once
from academy.sites import default_site_url
from courses.models import Edition
from teaching.selectors import list_message_recipients


def send_participant_message(edition: Edition, *, subject: str, body: str, sender=None, event: str) -> int:
    """Mail the message to each confirmed participant with an e-mail address, each on
    their own so that nobody sees the others' addresses, once per event and person.
    Return the number of mails sent now.

    Replies go to the sender when they have an address, since the question is theirs to answer.
    """
    reply_to = [sender.email] if sender is not None and sender.email else []
    sender_name = (sender.get_full_name() or sender.email) if sender is not None else ""
    full_subject = _("%(subject)s – %(course)s") % {"subject": subject, "course": edition.course.title}
    dashboard_url = f"{default_site_url()}/mijn/"
    course_url = edition.course.full_url
    messages = []
    for enrolment in list_message_recipients(edition):
        person = enrolment.person
        context = {
            "person": person,
            "edition": edition,
            "course": edition.course,
            "body": body,
            "sender_name": sender_name,
            "dashboard_url": dashboard_url,
            "course_url": course_url,
        }
        messages.append(
            (
                event,
                EmailMessage(
                    subject=full_subject,
                    body=render_to_string("teaching/mail/participant_message.txt", context),
                    to=[person.email],
                    reply_to=reply_to,
                ),
            )
        )
    return send_each_once(messages)
