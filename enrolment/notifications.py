"""The mails a participant gets about their enrolment: plain, short, Dutch, with a link back."""

from datetime import datetime

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from academy.outbox import send_once
from academy.sites import default_site_url
from enrolment.extensions import RemovedSession, calendar_attachments, mail_parts
from enrolment.models import Enrolment
from enrolment.selectors import get_waitlist_position

KINDS = ("confirmed", "waitlisted", "promoted", "cancelled", "reminder", "edition_cancelled")
# The mails that carry the edition's .ics: a place to put in the calendar, or (for a
# cancelled edition) the same events with STATUS:CANCELLED and a higher SEQUENCE.
KINDS_WITH_CALENDAR = ("confirmed", "promoted", "reminder", "edition_cancelled")


def send_enrolment_mail(enrolment: Enrolment, kind: str):
    """Send the mail of the given kind, once per enrolment and kind (every kind happens to
    an enrolment at most once); people without an e-mail address get none.

    A reminder queued before the edition was cancelled, or the enrolment cancelled, is
    not sent.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    person = enrolment.person
    if not person.email:
        return
    if kind == "reminder" and enrolment.status != Enrolment.Status.CONFIRMED:
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
    parts = mail_parts(enrolment, kind)
    context["extra_text"] = "\n\n".join(part.text.strip() for part in parts)
    subject = render_to_string(f"enrolment/mail/{kind}_subject.txt", context).strip()
    body = render_to_string(f"enrolment/mail/{kind}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    for part in parts:
        for attachment in part.attachments:
            message.attach(*attachment)
    if kind in KINDS_WITH_CALENDAR:
        for attachment in calendar_attachments(enrolment.edition):
            message.attach(*attachment)
    send_once(message, event=f"enrolment:{kind}:{enrolment.pk}")


def send_schedule_change_mail(enrolment: Enrolment, changed_session_ids, removed_sessions=(), *, event: str):
    """Tell a participant that sessions of their edition moved, changed venue or link, or
    were removed ([primary key, ISO start, ISO end] each), with the whole new schedule and
    an updated .ics that also cancels the removed sessions, once per event (the change).
    People without an e-mail address, and enrolments no longer confirmed, get none."""
    person = enrolment.person
    if not person.email or enrolment.status != Enrolment.Status.CONFIRMED:
        return
    sessions = list(enrolment.edition.sessions.select_related("venue"))
    changed = set(changed_session_ids)
    for session in sessions:
        session.is_changed = session.pk in changed
    removed_sessions = [
        RemovedSession(pk, datetime.fromisoformat(starts_at), datetime.fromisoformat(ends_at))
        for pk, starts_at, ends_at in removed_sessions
    ]
    context = {
        "enrolment": enrolment,
        "edition": enrolment.edition,
        "course": enrolment.edition.course,
        "person": person,
        "course_url": enrolment.edition.course.full_url,
        "dashboard_url": f"{default_site_url()}/mijn/",
        "sessions": sessions,
        "removed_sessions": removed_sessions,
    }
    subject = render_to_string("enrolment/mail/schedule_changed_subject.txt", context).strip()
    body = render_to_string("enrolment/mail/schedule_changed.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    for attachment in calendar_attachments(enrolment.edition, removed_sessions=removed_sessions):
        message.attach(*attachment)
    send_once(message, event=event)
