"""Render the printable attendance sheet of an edition with WeasyPrint."""

import functools

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from django.template.loader import render_to_string

from courses.models import Edition
from teaching.selectors import get_academy_name, get_attendance_sheet


@functools.cache
def font_configuration() -> FontConfiguration:
    """The process's one font configuration, made on first use.

    Building it loads the system's fonts through fontconfig, which costs more than
    laying out a sheet; it holds nothing of one document, so every sheet can share it.
    """
    return FontConfiguration()


def render_attendance_sheet(edition: Edition, *, request=None) -> bytes:
    """Return the A4 attendance sheet of the edition as PDF bytes."""
    context = get_attendance_sheet(edition, academy_name=get_academy_name(request))
    # Everything the sheet needs is in the HTML itself: no base URL, nothing to fetch.
    html = render_to_string("teaching/attendance_sheet.html", context)
    return HTML(string=html).write_pdf(font_config=font_configuration())
