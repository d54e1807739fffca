"""Payments: what a seat owes, what came in, what goes back. The only code that changes them.

Locks: a payment row is locked (``select_for_update(of=("self",))``) before it changes. The
enrolment hook runs inside enrolment's services, after they locked the edition; the import
locks payments only and never an edition, so the two never wait on each other crosswise.
Every change is in Wagtail's audit log.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from sepaxml import SepaTransfer

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Site

from academy.task_queue import enqueue_in_transaction
from enrolment.exceptions import CancellationClosed
from enrolment.models import Enrolment
from enrolment.services import CANCEL_ACTION, CANCEL_BY_ACADEMY_ACTION, ENROL_ACTION, PROMOTE_ACTION, cancel_enrolment
from payments import tasks
from payments.exceptions import (
    BankAccountMissing,
    InvoiceRefused,
    NothingToRefund,
    PaymentError,
    RateNotAvailable,
    ReasonRequired,
    StatementError,
)
from payments.models import (
    ZERO,
    BankStatement,
    BankTransaction,
    Invoice,
    InvoiceCounter,
    InvoiceDetails,
    Payment,
    PaymentSettings,
)
from payments.rates import amount_for
from payments.references import random_reference
from payments.statements import read_coda, read_csv

RELEASE_REASON = "Niet betaald binnen de betaaltermijn"


@dataclass
class BankAccount:
    holder: str
    iban: str
    bic: str


def get_payment_settings() -> PaymentSettings:
    return PaymentSettings.for_site(Site.objects.get(is_default_site=True))


def get_bank_account() -> BankAccount:
    """The academy's account from the payment settings. Raise BankAccountMissing when the
    IBAN or BIC is missing or malformed (stored before validation, or edited in the database)."""
    settings = get_payment_settings()
    try:
        iban, bic = IBAN(settings.iban), BIC(settings.bic)
    except SchwiftyException as error:
        raise BankAccountMissing from error
    return BankAccount(holder=settings.account_holder or "", iban=iban.compact, bic=str(bic))


def _status_of(payment: Payment) -> str:
    """The one home of a payment's status, derived from its amounts and dates."""
    if payment.cancelled_at is not None:
        if payment.refund_due > 0:
            return Payment.Status.REFUND_DUE
        if payment.refunded > 0:
            return Payment.Status.REFUNDED
        return Payment.Status.CANCELLED
    if payment.reference is None:
        return Payment.Status.NOT_DUE
    if payment.refund_due > 0:
        return Payment.Status.REFUND_DUE
    if payment.waived_at is not None:
        return Payment.Status.WAIVED
    if payment.amount_due == 0:
        return Payment.Status.FREE
    if payment.amount_paid >= payment.amount_due:
        return Payment.Status.PAID
    if payment.amount_paid > 0:
        return Payment.Status.PARTLY_PAID
    return Payment.Status.OPEN


def _save(payment: Payment, fields):
    payment.status = _status_of(payment)
    payment.save(update_fields=[*fields, "status", "updated_at"])


def _lock(payment_id: int) -> Payment:
    return Payment.objects.select_for_update(of=("self",)).select_related("enrolment__edition").get(pk=payment_id)


def _notify(payment: Payment, kind: str):
    enqueue_in_transaction(tasks.send_payment_mail, payment.pk, kind)


def _due_on(enrolment: Enrolment, now):
    """The payment deadline: a number of days after the seat was taken, and at the latest
    the day before the edition's cancellation deadline (or start), so an unpaid seat can
    still be released; never before today."""
    days = get_payment_settings().payment_days
    due_on = timezone.localdate(now) + timedelta(days=days)
    limit = enrolment.edition.effective_cancellation_deadline
    if limit is not None:
        # The day before the deadline, so the release on the deadline's morning still may cancel.
        due_on = max(min(due_on, timezone.localdate(limit) - timedelta(days=1)), timezone.localdate(now))
    return due_on


def _take_reference(payment: Payment):
    # Ten random digits: a clash with another payment's is rare and retried.
    for _attempt in range(20):
        try:
            with transaction.atomic():
                payment.reference = random_reference()
                payment.save(update_fields=["reference"])
            return
        except IntegrityError:
            continue
    raise IntegrityError("No free structured communication found.")


def _make_due(payment: Payment, *, now):
    """The seat is taken: the payment gets its amount, communication and deadline."""
    enrolment = payment.enrolment
    payment.amount_due = amount_for(enrolment.edition_id, payment.rate)
    payment.due_on = _due_on(enrolment, now)
    _take_reference(payment)
    _save(payment, ["amount_due", "due_on"])
    log(
        payment,
        "academy.payment.due",
        data={"amount": str(payment.amount_due), "reference": payment.reference, "due_on": str(payment.due_on)},
    )


def _cancel(payment: Payment, *, by, by_academy: bool, now):
    """The enrolment ended: nothing is owed any more. What was paid is due back when the
    cancellation came before the edition's cancellation deadline or from the academy;
    after the deadline staff decide (grant_refund)."""
    if payment.cancelled_at is not None:
        return
    payment.cancelled_at = now
    deadline = payment.enrolment.edition.effective_cancellation_deadline
    in_time = by_academy or deadline is None or now < deadline
    kept = payment.amount_paid - payment.refunded - payment.refund_due
    if in_time and kept > 0:
        payment.refund_due += kept
    _save(payment, ["cancelled_at", "refund_due"])
    log(payment, "academy.payment.cancel", user=by, data={"refund_due": str(payment.refund_due)})
    _credit_invoice(payment, now=now)


def on_enrolment_changed(enrolment: Enrolment, *, action, by, details):
    """React to a status change of an enrolment (enrolment.extensions.ENROLMENT_CHANGED),
    inside its transaction: in a paid edition, record the rate chosen at enrolment; a seat
    (confirmed at enrolment or promoted from the waitlist) makes the price due; a
    cancellation cancels the payment. Raise RateNotAvailable for a rate the edition does
    not give, which refuses the enrolment. The moment is the enrolment's own (when it was
    confirmed or cancelled), so a service acting at a given time is judged at that time."""
    edition = enrolment.edition
    payment = Payment.objects.select_for_update(of=("self",)).filter(enrolment=enrolment).first()
    if action == ENROL_ACTION and payment is None and edition.price > 0:
        rate = details.get("rate") or Payment.Rate.STANDARD
        if rate not in Payment.Rate.values:
            raise RateNotAvailable
        amount_for(edition.pk, rate)
        payment = Payment.objects.create(enrolment=enrolment, rate=rate)
        log(payment, "wagtail.create", user=by, data={"rate": rate})
    if payment is None:
        return
    payment.enrolment = enrolment
    if action in (ENROL_ACTION, PROMOTE_ACTION) and enrolment.status == Enrolment.Status.CONFIRMED:
        if payment.reference is None:
            _make_due(payment, now=enrolment.confirmed_at or timezone.now())
    elif action in (CANCEL_ACTION, CANCEL_BY_ACADEMY_ACTION):
        now = enrolment.cancelled_at or timezone.now()
        _cancel(payment, by=by, by_academy=action == CANCEL_BY_ACADEMY_ACTION, now=now)


def waive_payment(payment: Payment, *, reason: str, by) -> Payment:
    """Waive what is left to pay, with a reason. Raise ReasonRequired without one."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired
    with transaction.atomic():
        payment = _lock(payment.pk)
        payment.waived_at, payment.waived_by, payment.waived_reason = timezone.now(), by, reason
        _save(payment, ["waived_at", "waived_by", "waived_reason"])
        log(payment, "academy.payment.waive", user=by, data={"reason": reason})
    return payment


def grant_refund(payment: Payment, *, amount: Decimal, reason: str, by) -> Payment:
    """Make an amount paid due back, by staff's decision (after the cancellation deadline,
    or what was paid too much). Raise ReasonRequired without a reason, NothingToRefund for
    an amount above what was paid and not yet refunded or due back."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired
    with transaction.atomic():
        payment = _lock(payment.pk)
        available = payment.amount_paid - payment.refunded - payment.refund_due
        if amount <= 0 or amount > available:
            raise NothingToRefund(
                _("Je kan hoogstens € %(amount)s terugbetalen.") % {"amount": f"{max(available, ZERO):.2f}"}
            )
        payment.refund_due += amount
        _save(payment, ["refund_due"])
        log(payment, "academy.payment.grant_refund", user=by, data={"amount": str(amount), "reason": reason})
    return payment


def _apply(transaction_row: BankTransaction, payment: Payment, *, by=None):
    """Count a transfer towards the locked payment; money for a cancelled payment is due back."""
    transaction_row.payment = payment
    transaction_row.state = BankTransaction.State.MATCHED
    transaction_row.matched_by = by
    transaction_row.save(update_fields=["payment", "state", "matched_by"])
    was = payment.status
    payment.amount_paid += transaction_row.amount
    if payment.cancelled_at is not None:
        payment.refund_due += transaction_row.amount
    _save(payment, ["amount_paid", "refund_due"])
    log(
        payment,
        "academy.payment.receive",
        user=by,
        data={"transaction": transaction_row.pk, "amount": str(transaction_row.amount), "status": payment.status},
    )
    if was != Payment.Status.PAID and payment.status == Payment.Status.PAID:
        _notify(payment, "paid")


@dataclass
class ImportResult:
    statement: BankStatement
    new: int
    duplicates: int
    matched: int
    unmatched: int


def import_statement(content: bytes, *, file_name: str, kind: str, by) -> ImportResult:
    """Import a CODA file or a bank's CSV export and match its incoming transfers to
    payments by structured communication.

    A transfer already imported (the same checksum, from this file or another) is skipped:
    importing a file twice, also at the same moment, changes nothing the second time. A
    file with a broken line raises StatementError naming every broken line, and nothing of
    it is kept.
    """
    if kind == BankStatement.Kind.CODA:
        parsed = read_coda(content)
    elif kind == BankStatement.Kind.CSV:
        parsed = read_csv(content, mapping=get_payment_settings())
    else:
        raise StatementError(_("Kies CODA of CSV."))
    with transaction.atomic():
        statement = BankStatement.objects.create(
            kind=kind, file_name=file_name[:255], imported_by=by, transaction_count=len(parsed)
        )
        new, matched = [], 0
        for row in parsed:
            try:
                # A savepoint: on PostgreSQL a concurrent import of the same transfer waits
                # here for the other to commit, then meets the unique checksum.
                with transaction.atomic():
                    created = BankTransaction.objects.create(
                        statement=statement,
                        checksum=row.checksum,
                        booked_on=row.booked_on,
                        amount=row.amount,
                        communication=row.communication,
                        reference=row.reference,
                        payer_name=row.payer_name,
                        payer_account=row.payer_account,
                        state=BankTransaction.State.UNMATCHED,
                    )
            except IntegrityError:
                continue
            new.append(created)
            payment_id = (
                Payment.objects.filter(reference=created.reference).values_list("pk", flat=True).first()
                if created.reference
                else None
            )
            if payment_id is not None:
                _apply(created, _lock(payment_id))
                matched += 1
        statement.new_count = len(new)
        statement.save(update_fields=["new_count"])
        result = ImportResult(
            statement=statement,
            new=len(new),
            duplicates=len(parsed) - len(new),
            matched=matched,
            unmatched=len(new) - matched,
        )
        log(
            statement,
            "academy.payment.import",
            user=by,
            data={
                "file": file_name,
                "kind": kind,
                "new": result.new,
                "duplicates": result.duplicates,
                "matched": matched,
            },
        )
    return result


def match_transaction(transaction_row: BankTransaction, *, payment: Payment, by) -> BankTransaction:
    """Match an unmatched transfer to a payment by hand. Raise PaymentError when the
    transfer is matched or ignored already."""
    with transaction.atomic():
        row = BankTransaction.objects.select_for_update(of=("self",)).get(pk=transaction_row.pk)
        if row.state != BankTransaction.State.UNMATCHED:
            raise PaymentError(_("Deze transactie is al verwerkt."))
        _apply(row, _lock(payment.pk), by=by)
    return row


def ignore_transaction(transaction_row: BankTransaction, *, reason: str, by) -> BankTransaction:
    """Set aside an unmatched transfer that pays nothing of the academy's (with a reason)."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired
    with transaction.atomic():
        row = BankTransaction.objects.select_for_update(of=("self",)).get(pk=transaction_row.pk)
        if row.state != BankTransaction.State.UNMATCHED:
            raise PaymentError(_("Deze transactie is al verwerkt."))
        row.state = BankTransaction.State.IGNORED
        row.save(update_fields=["state"])
        log(row, "academy.payment.ignore_transaction", user=by, data={"reason": reason})
    return row


def refund_account_of(payment: Payment) -> str:
    """The account a refund goes to: the payer's of the payment's latest matched transfer."""
    return (
        payment.transactions.exclude(payer_account="")
        .order_by("-booked_on", "-pk")
        .values_list("payer_account", flat=True)
        .first()
        or ""
    )


def export_refunds(payments, *, by, now=None) -> bytes:
    """Return a SEPA credit transfer file (pain.001) paying back what is due on the
    payments that have a payer's account, and record them as refunded. Raise
    BankAccountMissing without a valid academy account, NothingToRefund when none can be paid."""
    account = get_bank_account()
    now = now or timezone.now()
    sepa = SepaTransfer(
        {
            "name": account.holder or "Academie",
            "IBAN": account.iban,
            "BIC": account.bic,
            "batch": True,
            "currency": "EUR",
        },
        clean=True,
    )
    done = []
    with transaction.atomic():
        for payment in payments:
            payment = _lock(payment.pk)
            creditor = refund_account_of(payment)
            if payment.refund_due <= 0 or not creditor:
                continue
            person = payment.enrolment.person
            sepa.add_payment(
                {
                    "name": (person.get_full_name() or person.username)[:70],
                    "IBAN": creditor,
                    "amount": int(payment.refund_due * 100),
                    "execution_date": timezone.localdate(now),
                    "description": _("Terugbetaling %(reference)s") % {"reference": payment.formatted_reference},
                }
            )
            amount = payment.refund_due
            payment.refunded += amount
            payment.refund_due = ZERO
            _save(payment, ["refunded", "refund_due"])
            log(payment, "academy.payment.refund", user=by, data={"amount": str(amount)})
            done.append(payment)
        if not done:
            raise NothingToRefund(_("Geen enkele terugbetaling heeft een rekening van de betaler."))
        content = sepa.export(validate=True)
    return content


def send_payment_reminders(*, now=None) -> list[Payment]:
    """Mail one reminder per open payment whose deadline is a few days away (the settings)."""
    now = now or timezone.now()
    days = get_payment_settings().reminder_days
    today = timezone.localdate(now)
    reminded = []
    candidates = Payment.objects.filter(
        status__in=(Payment.Status.OPEN, Payment.Status.PARTLY_PAID),
        reminder_sent_at__isnull=True,
        due_on__lte=today + timedelta(days=days),
        due_on__gte=today,
    ).values_list("pk", flat=True)
    for payment_id in list(candidates):
        with transaction.atomic():
            payment = _lock(payment_id)
            if payment.reminder_sent_at is not None or payment.status not in (
                Payment.Status.OPEN,
                Payment.Status.PARTLY_PAID,
            ):
                continue
            payment.reminder_sent_at = now
            payment.save(update_fields=["reminder_sent_at", "updated_at"])
            _notify(payment, "reminder")
            reminded.append(payment)
    return reminded


def release_unpaid_seats(*, now=None) -> list[Enrolment]:
    """Cancel the confirmed enrolments left unpaid after their deadline, in editions that say
    so, through enrolment.services.cancel_enrolment(): the seat goes to the waitlist at once
    and both people are mailed. Return the cancelled enrolments."""
    now = now or timezone.now()
    released = []
    unpaid = Payment.objects.filter(
        status__in=(Payment.Status.OPEN, Payment.Status.PARTLY_PAID),
        due_on__lt=timezone.localdate(now),
        enrolment__status=Enrolment.Status.CONFIRMED,
        enrolment__edition__release_unpaid_seats=True,
    ).select_related("enrolment")
    for payment in list(unpaid):
        try:
            released.append(cancel_enrolment(payment.enrolment, by=None, reason=RELEASE_REASON, now=now))
        except CancellationClosed:
            continue
    return released


def clear_payer_details(*, now=None) -> int:
    """Erase the payer's name and account of transfers imported longer ago than the
    settings keep them, except where a refund is still due (it needs the account)."""
    now = now or timezone.now()
    days = get_payment_settings().payer_details_days
    rows = BankTransaction.objects.filter(
        created_at__lt=now - timedelta(days=days), payer_details_cleared_at__isnull=True
    ).exclude(Q(payment__refund_due__gt=0))
    with transaction.atomic():
        count = rows.update(payer_name="", payer_account="", payer_details_cleared_at=now)
    return count


# Invoices ---------------------------------------------------------------------------------
# Invoices and credit notes share one gapless series per year (a credit note is told apart
# by its kind). The number comes from the year's counter row, locked for the rest of the
# transaction that creates the document: a rollback gives the number back, a commit uses it.


def _next_number(year: int) -> int:
    # get_or_create in its own savepoint: two first invoices of a year meet the primary key
    # and the second reads the row the first made; then the lock orders them.
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _number_document(payment: Payment, *, kind: str, amount, source, credits=None, now=None) -> Invoice:
    today = timezone.localdate(now or timezone.now())
    document = Invoice.objects.create(
        payment=payment,
        kind=kind,
        year=today.year,
        number=_next_number(today.year),
        credits=credits,
        issued_on=today,
        amount=amount,
        organisation=source.organisation,
        vat_number=source.vat_number,
        address=source.address,
        order_reference=source.order_reference,
    )
    log(payment, "academy.payment.invoice", data={"kind": kind, "number": document.code})
    enqueue_in_transaction(tasks.render_invoice_pdf, document.pk)
    return document


def may_have_invoice(payment: Payment) -> bool:
    """The one home of when an invoice can be asked for: a seat taken, with something to pay,
    not cancelled."""
    return payment.cancelled_at is None and payment.amount_due > 0 and payment.reference is not None


def save_invoice_details(payment: Payment, *, organisation, vat_number, address, order_reference="", by):
    """Record who the invoice is made out to and number the invoice (its PDF follows in the
    background). Raise InvoiceRefused when the payment is cancelled, owes nothing, or has
    its invoice already (a numbered invoice is never changed: staff credit and reissue)."""
    with transaction.atomic():
        payment = _lock(payment.pk)
        if not may_have_invoice(payment):
            raise InvoiceRefused(_("Voor deze inschrijving kan je geen factuur (meer) vragen."))
        if payment.invoices.filter(kind=Invoice.Kind.INVOICE).exists():
            raise InvoiceRefused(_("De factuur is al gemaakt. Wil je iets laten aanpassen? Mail de academie."))
        details, _created = InvoiceDetails.objects.update_or_create(
            payment=payment,
            defaults={
                "organisation": organisation,
                "vat_number": vat_number,
                "address": address,
                "order_reference": order_reference,
            },
        )
        log(payment, "academy.payment.invoice_details", user=by, data={"organisation": organisation})
        return _number_document(payment, kind=Invoice.Kind.INVOICE, amount=payment.amount_due, source=details)


def _credit_invoice(payment: Payment, *, now):
    """A cancelled enrolment's invoice gets its credit note (once)."""
    invoice = payment.invoices.filter(kind=Invoice.Kind.INVOICE, credit_note__isnull=True).first()
    if invoice is not None:
        _number_document(
            payment, kind=Invoice.Kind.CREDIT_NOTE, amount=invoice.amount, source=invoice, credits=invoice, now=now
        )


def store_invoice_pdf(invoice: Invoice) -> Invoice:
    """Lay out the document's PDF and keep it in the private storage (again, if it had one)."""
    from django.core.files.base import ContentFile

    from payments.invoice_rendering import render_invoice

    content = render_invoice(invoice)
    field = Invoice._meta.get_field("pdf")
    old = invoice.pdf.name if invoice.pdf else ""
    invoice.pdf = field.storage.save(field.generate_filename(invoice, f"{invoice.code}.pdf"), ContentFile(content))
    invoice.save(update_fields=["pdf"])
    if old:
        field.storage.delete(old)
    return invoice
