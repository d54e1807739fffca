"""The participation report as spreadsheets: CSV for Belgian Excel and XLSX, written by
academy.spreadsheets."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from academy.spreadsheets import render_csv
from academy.spreadsheets import render_xlsx as render_workbook

__all__ = ["count_rows", "member_rows", "render_csv", "render_xlsx"]


def _date(value):
    return formats.date_format(timezone.localtime(value), "d/m/Y") if value else ""


def _yes_no(value):
    return _("ja") if value else _("nee")


def count_rows(report):
    """The counts as rows: a header, then one row per course, track and programme year."""
    yield [_("Soort"), _("Naam"), _("Ingeschreven"), _("Aanwezig geweest"), _("Voltooid")]
    for kind, counts in (
        (_("Vorming"), report.by_course),
        (_("Traject"), report.by_track),
        (_("Werkjaar"), report.by_programme_year),
    ):
        for count in counts:
            yield [kind, count.label, count.enrolled_count, count.attended_count, count.completed_count]


def member_rows(report):
    """The named members as rows: one per enrolment, or one for a member without any."""
    yield [_("Naam"), _("E-mailadres"), _("Vorming"), _("Editie"), _("Begint op"), _("Aanwezig geweest"), _("Voltooid")]
    for member in report.named_members:
        if not member.enrolments:
            yield [member.name, member.email, "", "", "", "", ""]
        for enrolment in member.enrolments:
            yield [
                member.name,
                member.email,
                enrolment.course_title,
                enrolment.edition_label,
                _date(enrolment.starts_at),
                _yes_no(enrolment.attended),
                _yes_no(enrolment.completed),
            ]


def render_xlsx(report) -> bytes:
    """One workbook: the counts on one sheet, the named members on another."""
    return render_workbook([(_("Cijfers"), count_rows(report)), (_("Leden met toestemming"), member_rows(report))])
