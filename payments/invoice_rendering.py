"""The PDF of an invoice or credit note (WeasyPrint through academy.pdf)."""

from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Site

from academy.models import SiteSettings
from academy.pdf import write_pdf
from payments.models import Invoice, PaymentSettings

STYLESHEET = "payments/invoice.css"


def render_invoice(invoice: Invoice) -> bytes:
    site = Site.objects.get(is_default_site=True)
    payment = invoice.payment
    enrolment = payment.enrolment
    with translation.override("nl"):
        html = render_to_string(
            "payments/invoice_pdf.html",
            {
                "invoice": invoice,
                "payment": payment,
                "edition": enrolment.edition,
                "course": enrolment.edition.course,
                "person": enrolment.person,
                "academy": SiteSettings.for_site(site),
                "bank": PaymentSettings.for_site(site),
            },
        )
    return write_pdf(html, stylesheet_name=STYLESHEET)
