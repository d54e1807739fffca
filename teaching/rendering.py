"""Render the printable attendance sheet of an edition with WeasyPrint."""

from django.template.loader import render_to_string

from academy.pdf import write_pdf
from courses.models import Edition
from teaching.selectors import get_academy_name, get_attendance_sheet


def render_attendance_sheet(edition: Edition, *, request=None) -> bytes:
    """Return the A4 attendance sheet of the edition as PDF bytes."""
    context = get_attendance_sheet(edition, academy_name=get_academy_name(request))
    return write_pdf(render_to_string("teaching/attendance_sheet.html", context))
