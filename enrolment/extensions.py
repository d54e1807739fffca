"""The hooks through which apps above enrolment add to it, so enrolment names no upper module.

An upper app (payments) registers Wagtail hooks under these names:

- ENROLMENT_CHANGED: ``hook(enrolment, action=..., by=..., details=...)``, called by
  enrolment.services inside the transaction of every status change (see its docstring).
- CONFIRMATION_URL: ``hook(enrolment)`` returns the URL of a page to show after a
  participant enrolled (what to pay, for example), or None.
- MAIL_PARTS: ``hook(enrolment, kind)`` returns a MailPart to add to an enrolment mail of
  that kind, or None.
- DASHBOARD_NOTES: ``hook(enrolments)`` returns {enrolment primary key: safe HTML} to show
  under those enrolments in Mijn academie, read in a query count that does not grow with them.
- SEES_NEEDS: ``hook(user)`` returns True when the user may export participants' needs
  (roles.rules.may_view_every_participant); without such a hook nobody does.
- EXPORT_COLUMNS: ``hook(enrolments)`` returns a list of ExportColumn to add to the staff's
  enrolment exports, each read in a query count that does not grow with the enrolments.
- DASHBOARD_CONTEXT: ``hook(person, dashboard, *, confirmed, enrolments)`` adds to the dict
  that Mijn academie shows (certificates: completion, certificates and package progress;
  materials: which sessions have material), given all the person's enrolments (with their
  editions' courses) and the confirmed ones, in a query count that does not grow.
- EDITION_CALENDAR: ``hook(edition, removed_sessions=())`` returns the edition's sessions
  as an iCalendar file (bytes), the removed sessions (RemovedSession) cancelled in it, for
  the enrolment mails that carry the schedule (calendars.ics.edition_calendar).
- PACKAGE_COMPLETED: ``hook(person, package)`` returns True when the person completed the
  package (certificates.progress, the one home of that rule), asked before an enrolment in
  a package that requires it.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from wagtail import hooks

ENROLMENT_CHANGED = "after_enrolment_change"
CONFIRMATION_URL = "enrolment_confirmation_url"
MAIL_PARTS = "enrolment_mail_parts"
DASHBOARD_NOTES = "enrolment_dashboard_notes"
EXPORT_COLUMNS = "enrolment_export_columns"
SEES_NEEDS = "enrolment_sees_needs"
DASHBOARD_CONTEXT = "enrolment_dashboard_context"
EDITION_CALENDAR = "enrolment_mail_calendar"
PACKAGE_COMPLETED = "has_completed_package"


@dataclass
class MailPart:
    text: str
    # (file name, content, MIME type) each.
    attachments: list = field(default_factory=list)


class RemovedSession(NamedTuple):
    """A session taken out of its edition: what a calendar needs to cancel its event."""

    pk: int
    starts_at: datetime
    ends_at: datetime


def confirmation_url(enrolment):
    for hook in hooks.get_hooks(CONFIRMATION_URL):
        url = hook(enrolment)
        if url:
            return url
    return None


def mail_parts(enrolment, kind) -> list[MailPart]:
    return [part for hook in hooks.get_hooks(MAIL_PARTS) if (part := hook(enrolment, kind)) is not None]


def dashboard_notes(enrolments) -> dict:
    notes = {}
    for hook in hooks.get_hooks(DASHBOARD_NOTES):
        for pk, html in hook(enrolments).items():
            notes.setdefault(pk, []).append(html)
    return notes


@dataclass
class ExportColumn:
    key: str
    heading: str
    # {enrolment primary key: value}; an enrolment missing from it gets an empty cell.
    values: dict


def sees_needs(user) -> bool:
    return any(hook(user) for hook in hooks.get_hooks(SEES_NEEDS))


def export_columns(enrolments) -> list[ExportColumn]:
    return [column for hook in hooks.get_hooks(EXPORT_COLUMNS) for column in hook(enrolments)]


def add_to_dashboard(person, dashboard, *, confirmed, enrolments):
    for hook in hooks.get_hooks(DASHBOARD_CONTEXT):
        hook(person, dashboard, confirmed=confirmed, enrolments=enrolments)


def has_completed_package(person, package):
    return any(hook(person, package) for hook in hooks.get_hooks(PACKAGE_COMPLETED))


def calendar_attachments(edition, *, removed_sessions=()):
    """The (file name, content, MIME type) of the edition's calendar, for an enrolment mail."""
    return [
        ("vorming.ics", hook(edition, removed_sessions=removed_sessions), "text/calendar")
        for hook in hooks.get_hooks(EDITION_CALENDAR)
    ]
