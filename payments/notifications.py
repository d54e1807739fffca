"""Payment mails and the payment part of enrolment mails: amount, communication, account,
and the EPC QR code as an attachment."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from academy.outbox import send_once
from academy.sites import default_site_url
from enrolment.extensions import MailPart
from enrolment.models import Enrolment
from payments import services
from payments.exceptions import BankAccountMissing
from payments.models import Payment

KINDS = ("paid", "reminder")


def _context(payment):
    try:
        account = services.get_bank_account()
    except BankAccountMissing:
        account = None
    enrolment = payment.enrolment
    return {
        "payment": payment,
        "account": account,
        "person": enrolment.person,
        "course": enrolment.edition.course,
        "edition": enrolment.edition,
        "payment_url": default_site_url() + reverse("payments:instructions", args=[enrolment.pk]),
    }, account


def _qr_attachment(payment, account):
    from payments.qr import epc_qr_png

    return ("betalen-qr-code.png", epc_qr_png(payment, account), "image/png")


def enrolment_mail_part(enrolment: Enrolment, kind: str):
    """The payment instructions in the mail of a confirmed or promoted seat; a word on why
    a seat was released in the cancellation mail."""
    payment = Payment.objects.filter(enrolment=enrolment).first()
    if payment is None:
        return None
    if kind == "cancelled" and enrolment.cancellation_reason == services.RELEASE_REASON:
        return MailPart(render_to_string("payments/mail/_released.txt", {"payment": payment}))
    if kind not in ("confirmed", "promoted") or payment.status not in (Payment.Status.OPEN, Payment.Status.PARTLY_PAID):
        return None
    context, account = _context(payment)
    text = render_to_string("payments/mail/_instructions.txt", context)
    return MailPart(text, [_qr_attachment(payment, account)] if account else [])


def send_payment_mail(payment: Payment, kind: str):
    """Send the payment mail of the given kind once per payment and kind."""
    if kind not in KINDS:
        raise ValueError(kind)
    person = payment.enrolment.person
    if not person.email:
        return
    if kind == "reminder" and payment.status not in (Payment.Status.OPEN, Payment.Status.PARTLY_PAID):
        return
    context, account = _context(payment)
    subject = render_to_string(f"payments/mail/{kind}_subject.txt", context).strip()
    body = render_to_string(f"payments/mail/{kind}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    if kind == "reminder" and account:
        message.attach(*_qr_attachment(payment, account))
    send_once(message, event=f"payment:{kind}:{payment.pk}")
