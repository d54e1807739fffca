"""Spreadsheets as Belgian Excel opens them: the one writer of every CSV and XLSX export.

Belgian Excel reads a CSV with `;` between the fields (the comma is the decimal sign) and
recognises UTF-8 only with a byte order mark. A cell that starts like a formula is written
as text (in a CSV behind a quote, in an XLSX as a string cell), so a name such as
"=HYPERLINK(…)" is never run by a spreadsheet.
"""

import csv
import io

from openpyxl import Workbook

from wagtail.admin.views.mixins import Echo

CSV_SEPARATOR = ";"
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The value as a CSV field: text starting like a formula behind a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_writer(buffer, **kwargs):
    return csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n", **kwargs)


def render_csv(rows) -> bytes:
    """The rows (the first one the header) as a CSV file for Belgian Excel."""
    buffer = io.StringIO()
    _csv_writer(buffer).writerows([csv_cell(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def append_row(sheet, row):
    """Append the row to an openpyxl sheet, text never taken for a formula."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"


def render_xlsx(sheets) -> bytes:
    """A workbook of (title, rows) sheets, the first row of each its header, frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        for row in rows:
            append_row(sheet, row)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class BelgianCsvExportMixin:
    """For a Wagtail listing with exports (SpreadsheetExportMixin): its CSV as Belgian Excel
    opens it, written by the same rules as render_csv()."""

    def stream_csv(self, queryset):
        yield BOM
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
        yield writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else value

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response
