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
- EXPORT_COLUMNS: ``hook(enrolments)`` returns a list of ExportColumn to add to the staff's
  enrolment exports, each read in a query count that does not grow with the enrolments.
"""

from dataclasses import dataclass, field

from wagtail import hooks

ENROLMENT_CHANGED = "after_enrolment_change"
CONFIRMATION_URL = "enrolment_confirmation_url"
MAIL_PARTS = "enrolment_mail_parts"
DASHBOARD_NOTES = "enrolment_dashboard_notes"
EXPORT_COLUMNS = "enrolment_export_columns"


@dataclass
class MailPart:
    text: str
    # (file name, content, MIME type) each.
    attachments: list = field(default_factory=list)


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


def export_columns(enrolments) -> list[ExportColumn]:
    return [column for hook in hooks.get_hooks(EXPORT_COLUMNS) for column in hook(enrolments)]
