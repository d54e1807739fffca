"""The mails a participant gets about their enrolment: plain, short, Dutch, with a link back."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from academy.sites import default_site_url
from enrolment.models import Enrolment
from enrolment.selectors import get_waitlist_position

KINDS = ("confirmed", "waitlisted", "promoted", "cancelled", "reminder")


def send_enrolment_mail(enrolment: Enrolment, kind: str):
    """Send the mail of the given kind; people without an e-mail address get none."""
    if kind not in KINDS:
        raise ValueError(kind)
    person = enrolment.person
    if not person.email:
        return
    site_url = default_site_url()
    context = {
        "enrolment": enrolment,
        "edition": enrolment.edition,
        "course": enrolment.edition.course,
        "person": person,
        "course_url": enrolment.edition.course.full_url,
        "dashboard_url": f"{site_url}/mijn/",
        "waitlist_position": get_waitlist_position(enrolment),
        "sessions": list(enrolment.edition.sessions.select_related("venue")),
    }
    subject = render_to_string(f"enrolment/mail/{kind}_subject.txt", context).strip()
    body = render_to_string(f"enrolment/mail/{kind}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    if kind in ("confirmed", "promoted", "reminder"):
        from calendars.ics import edition_calendar

        message.attach("vorming.ics", edition_calendar(enrolment.edition), "text/calendar")
    message.send()
