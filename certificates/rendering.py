"""Render certificates as A4 PDF with WeasyPrint: text, not images, with a QR code to verify."""

import base64
import functools
import mimetypes

import segno

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from academy.branding import DEFAULT_LOGO
from academy.pdf import write_pdf, write_pdfs
from certificates.models import Certificate
from certificates.selectors import get_issuer, holder_name_of
from courses.choices import track_colour_hex
from courses.selectors import get_track_colours_by_title

STYLESHEET = "certificates/certificate.css"


def verification_path(certificate: Certificate) -> str:
    return reverse("certificates:verify", kwargs={"code": certificate.code})


def qr_code_data_uri(url: str) -> str:
    # PNG, not SVG: WeasyPrint parses an SVG path point by point, a PNG it decodes at once.
    # One pixel per module, enlarged without smoothing by the stylesheet (image-rendering):
    # the PDF holds a few hundred bytes that print as sharp as a large bitmap.
    # A fixed data mask: choosing the best of eight takes 80 % of segno's time, and for data
    # as random as a certificate code any mask reads as well. Mask 2 is the one segno picks
    # most often for these addresses.
    return segno.make(url, error="m", micro=False, mask=2).png_data_uri(scale=1, border=0)


# The logo prints 20 mm high: 240 pixels are 300 dpi. As a JPEG, WeasyPrint embeds it as
# it is; any other format it decodes and compresses again for every PDF.
LOGO_RENDITION = "height-240|bgcolor-ffffff|format-jpeg|jpegquality-90"


@functools.lru_cache(maxsize=4)
def _file_data_uri(name: str, storage) -> str:
    # The logo changes rarely and is the same on every certificate of a batch: read once.
    with storage.open(name, "rb") as file:
        content = file.read()
    mime = mimetypes.guess_type(name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


@functools.lru_cache(maxsize=1)
def _default_logo_data_uri() -> str:
    with open(finders.find(DEFAULT_LOGO), "rb") as file:
        return f"data:image/svg+xml;base64,{base64.b64encode(file.read()).decode()}"


def logo_data_uri(logo) -> str:
    """The logo set in the site settings, or else the academy's default mark."""
    if logo is None:
        return _default_logo_data_uri()
    if logo.is_svg():
        return _file_data_uri(logo.file.name, logo.file.storage)
    rendition = logo.get_rendition(LOGO_RENDITION)
    return _file_data_uri(rendition.file.name, rendition.file.storage)


def certificate_context(certificate: Certificate, *, site_url: str, track_colours: dict) -> dict:
    verification_url = f"{site_url}{verification_path(certificate)}"
    return {
        "certificate": certificate,
        "track_colour": track_colours.get(certificate.track_title) or track_colour_hex(""),
        "section_id": section_id(certificate),
        "verification_url": verification_url,
        "qr_code": qr_code_data_uri(verification_url),
        "partner_names": [name for name in certificate.partner_names.split("\n") if name],
        "courses_completed": [title for title in certificate.courses_completed.split("\n") if title],
    }


def certificates_html(certificates, *, academy, site_url: str, record: dict | None = None) -> str:
    track_colours = get_track_colours_by_title()
    return render_to_string(
        "certificates/certificate.html",
        {
            "record": record,
            "academy": academy,
            "logo": logo_data_uri(academy.logo),
            "pages": [
                certificate_context(certificate, site_url=site_url, track_colours=track_colours)
                for certificate in certificates
            ],
        },
    )


def section_id(certificate: Certificate) -> str:
    return f"attest-{certificate.code}"


def render_certificates(certificates, *, academy, site_url: str, record: dict | None = None) -> bytes:
    """Return one PDF with a page per certificate: a learning record (with an overview page
    first) or a certificate on its own."""
    html = certificates_html(certificates, academy=academy, site_url=site_url, record=record)
    return write_pdf(html, stylesheet_name=STYLESHEET)


def render_certificate_pdfs(certificates, *, academy, site_url: str) -> list[bytes]:
    """Return a PDF per certificate, in the same order. The certificates are laid out
    together, which is quicker than one by one: batches pass a few dozen at once."""
    certificates = list(certificates)
    html = certificates_html(certificates, academy=academy, site_url=site_url)
    return write_pdfs(
        html, anchors=[section_id(certificate) for certificate in certificates], stylesheet_name=STYLESHEET
    )


def render_learning_record(person, certificates) -> bytes:
    """All the person's certificates in one PDF, after an overview page."""
    issuer = get_issuer()
    record = {"holder_name": holder_name_of(person), "made_on": timezone.localdate()}
    return render_certificates(certificates, academy=issuer.settings, site_url=issuer.site_url, record=record)
