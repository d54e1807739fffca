"""The participation report as spreadsheets: CSV for Belgian Excel and XLSX.

Belgian Excel reads a CSV with `;` between the fields (the comma is the decimal sign)
and recognises UTF-8 only with a byte order mark. A cell that starts like a formula is
written as text (in a CSV behind a quote), so a name such as "=HYPERLINK(…)" is never
run by a spreadsheet.
"""

import csv
import io

from openpyxl import Workbook

from django.utils import formats, timezone
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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


def render_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(report) -> bytes:
    """One workbook: the counts on one sheet, the named members on another."""
    workbook = Workbook()
    counts = workbook.active
    counts.title = _("Cijfers")
    members = workbook.create_sheet(_("Leden met toestemming"))
    for sheet, rows in ((counts, count_rows(report)), (members, member_rows(report))):
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    # Text, not a formula (openpyxl takes any "=…" for one).
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
