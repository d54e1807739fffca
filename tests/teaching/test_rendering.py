"""The attendance sheet as WeasyPrint makes it, outside a request."""

import io

from pypdf import PdfReader

from academy import pdf
from academy.models import SiteSettings
from teaching import rendering


def test_one_font_configuration_serves_every_document():
    assert pdf.font_configuration() is pdf.font_configuration()


def test_sheet_outside_a_request_carries_the_default_sites_academy_name(edition, participants):
    SiteSettings.objects.update(academy_name="Academie voor Test")

    reader = PdfReader(io.BytesIO(rendering.render_attendance_sheet(edition)))

    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Academie voor Test" in text
    assert "An Peeters" in text
