"""The reports as files for a spreadsheet: CSV for Belgian Excel and XLSX."""

import csv
import io

from openpyxl import Workbook

from django.utils.translation import gettext

from academy.spreadsheets import BOM, CSV_SEPARATOR, csv_cell
from reports.numbers import format_figure


def _csv_label(name):
    """A group's name as a CSV field: text, never a formula (a course or partner could be named "=…")."""
    return csv_cell(str(name))


def _header(figures, dimension):
    return [str(dimension.label), *(str(column.label) for column in figures.columns)]


def _lines(figures, total_label):
    yield from figures.rows
    yield total_label, figures.total


def render_csv(figures, *, dimension, total_label):
    """CSV as Belgian Excel opens it: `;` between fields, UTF-8 with a BOM, a decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow(_header(figures, dimension))
    for name, values in _lines(figures, total_label):
        writer.writerow([_csv_label(name), *(format_figure(values[c.key], c, missing="") for c in figures.columns)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def render_xlsx(figures, *, dimension, total_label, title, explanation):
    """An XLSX workbook: the figures as numbers on the first sheet, what they mean on the second."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Cijfers")
    sheet.append(_header(figures, dimension))
    for name, values in _lines(figures, total_label):
        sheet.append([str(name), *(None if values[c.key] is None else float(values[c.key]) for c in figures.columns)])
        # Text, never a formula, whatever the name starts with.
        sheet.cell(row=sheet.max_row, column=1).data_type = "s"
    for index, column in enumerate(figures.columns, start=2):
        if column.decimals:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0"
    sheet.column_dimensions["A"].width = 40
    notes = workbook.create_sheet(gettext("Toelichting"))
    notes.append([str(title)])
    for line in explanation:
        notes.append([str(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
