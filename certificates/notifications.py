"""The mails of a participant's certificate: a new one with its PDF attached, and its revocation."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from academy.outbox import send_each_once
from certificates.models import Certificate
from certificates.rendering import verification_path
from certificates.selectors import get_issuer


def certificate_message(certificate: Certificate, *, site_url: str) -> EmailMessage:
    person = certificate.person
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
    return message


def send_certificate_mails(certificates) -> int:
    """Send each certificate to its holder, once, all over one connection to the mail
    server; people without an e-mail address get none. Return how many were sent now."""
    certificates = [certificate for certificate in certificates if certificate.person.email]
    if not certificates:
        return 0
    site_url = get_issuer().site_url
    return send_each_once(
        (f"certificate:issued:{certificate.pk}", certificate_message(certificate, site_url=site_url))
        for certificate in certificates
    )


def revocation_message(certificate: Certificate, *, site_url: str) -> EmailMessage:
    context = {
        "certificate": certificate,
        "person": certificate.person,
        "verification_url": f"{site_url}{verification_path(certificate)}",
    }
    subject = render_to_string("certificates/mail/revoked_subject.txt", context).strip()
    body = render_to_string("certificates/mail/revoked.txt", context)
    return EmailMessage(subject=subject, body=body, to=[certificate.person.email])


def send_revocation_mail(certificate: Certificate) -> int:
    """Tell the holder, once, that their certificate was revoked and why; a person without
    an e-mail address gets none. Return how many were sent now."""
    if not certificate.is_revoked or not certificate.person.email or certificate.is_holder_erased:
        return 0
    message = revocation_message(certificate, site_url=get_issuer().site_url)
    return send_each_once([(f"certificate:revoked:{certificate.pk}", message)])
