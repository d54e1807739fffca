"""Read payments for pages, mails and the admin."""

from django.db.models import F, Q

from payments.exceptions import BankAccountMissing
from payments.models import BankTransaction, Invoice, Payment
from payments.services import get_bank_account


def get_account_or_none():
    try:
        return get_bank_account()
    except BankAccountMissing:
        return None


def get_payment_instructions(payment: Payment, *, account=False):
    """What a participant needs to pay: amount, communication, account and the QR code as
    SVG; None when nothing is to pay (the account is None when the settings hold none).
    Pass the account when showing several payments, to read the settings once."""
    from payments.qr import epc_qr_svg

    if payment.status not in (Payment.Status.OPEN, Payment.Status.PARTLY_PAID):
        return None
    if account is False:
        account = get_account_or_none()
    return {
        "payment": payment,
        "account": account,
        "qr_svg": epc_qr_svg(payment, account) if account else "",
    }


def list_payments_of(enrolments):
    """The payment of each enrolment that has one, by enrolment primary key: one query,
    none when no enrolment is in a paid edition (their editions are loaded)."""
    if not any(enrolment.edition.price > 0 for enrolment in enrolments):
        return {}
    return {
        payment.enrolment_id: payment
        for payment in Payment.objects.filter(enrolment__in=[enrolment.pk for enrolment in enrolments])
    }


def list_unsettled_transactions():
    return BankTransaction.objects.filter(state=BankTransaction.State.UNMATCHED).select_related("statement")


def list_partial_or_excess_payments():
    """Payments paid in part, or paid more than they owe: staff look at them by hand."""
    return (
        Payment.objects.filter(
            Q(status=Payment.Status.PARTLY_PAID) | Q(amount_paid__gt=F("amount_due") + F("refund_due") + F("refunded"))
        )
        .exclude(cancelled_at__isnull=False)
        .select_related("enrolment__person", "enrolment__edition__course")
    )


def list_refunds_due():
    return Payment.objects.filter(refund_due__gt=0).select_related("enrolment__person", "enrolment__edition__course")


def list_invoices_of(payment: Payment):
    """A payment's invoice and credit note, oldest first."""
    return list(Invoice.objects.filter(payment=payment).order_by("year", "number"))
