"""The mail a participant gets with a new certificate, the PDF attached."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from certificates.models import Certificate
from certificates.rendering import verification_path
from certificates.selectors import get_issuer


def send_certificate_mail(certificate: Certificate):
    """Send the certificate to its holder; people without an e-mail address get none."""
    person = certificate.person
    if not person.email:
        return
    site_url = get_issuer().site_url
    context = {
        "certificate": certificate,
        "person": person,
        "dashboard_url": f"{site_url}{reverse('enrolment:dashboard')}",
        "verification_url": f"{site_url}{verification_path(certificate)}",
    }
    subject = render_to_string("certificates/mail/issued_subject.txt", context).strip()
    body = render_to_string("certificates/mail/issued.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    if certificate.pdf:
        with certificate.pdf.open("rb") as file:
            message.attach(f"attest-{certificate.code[:8]}.pdf", file.read(), "application/pdf")
    message.send()
