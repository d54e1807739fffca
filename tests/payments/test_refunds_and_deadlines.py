"""Cancellations and refunds, deadlines, reminders, released seats, payer details."""

from datetime import timedelta
from decimal import Decimal

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from enrolment import services as enrolment_services
from enrolment.models import Enrolment
from payments import services
from payments.exceptions import NothingToRefund
from payments.models import BankTransaction, Payment
from tests import factories
from tests.payments.conftest import IBAN, set_bank_account

PAYER = "BE71096123456769"


def pay(payment, amount="25,00", account=PAYER):
    content = (
        "Datum;Bedrag;Mededeling;Naam tegenpartij;Rekening tegenpartij\n"
        f"20/11/2026;{amount};{payment.reference};Jan;{account}\n"
    )
    return services.import_statement(content.encode(), file_name="x.csv", kind="csv", by=None)


@pytest.fixture
def seat(paid):
    person = factories.make_person()
    enrolment = enrolment_services.enrol(paid["edition"], person=person).enrolment
    return enrolment, Payment.objects.get(enrolment=enrolment)


def test_cancelling_before_the_deadline_makes_what_was_paid_due_back(seat):
    enrolment, payment = seat
    pay(payment)

    enrolment_services.cancel_enrolment(enrolment, by=enrolment.person)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUND_DUE
    assert payment.refund_due == Decimal("25.00")


def test_cancelling_unpaid_leaves_nothing_to_pay(seat):
    enrolment, payment = seat

    enrolment_services.cancel_enrolment(enrolment, by=enrolment.person)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.CANCELLED
    assert payment.refund_due == 0


def test_after_the_deadline_no_refund_unless_staff_decide(seat, staff):
    enrolment, payment = seat
    pay(payment)
    late = enrolment.edition.starts_at + timedelta(hours=1)

    enrolment_services.cancel_enrolment(enrolment, by=staff, reason="Ziek", now=late)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.CANCELLED
    assert payment.refund_due == 0
    services.grant_refund(payment, amount=Decimal("20.00"), reason="Doktersbriefje", by=staff)
    payment.refresh_from_db()
    assert payment.refund_due == Decimal("20.00")
    with pytest.raises(NothingToRefund):
        services.grant_refund(payment, amount=Decimal("10.00"), reason="Nog eens", by=staff)


def test_payment_arriving_after_cancellation_is_due_back_not_lost(seat):
    enrolment, payment = seat
    enrolment_services.cancel_enrolment(enrolment, by=enrolment.person)

    pay(payment)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUND_DUE
    assert payment.refund_due == Decimal("25.00")


def test_edition_cancelled_by_the_academy_refunds_everyone(seat, staff):
    enrolment, payment = seat
    pay(payment)

    enrolment_services.cancel_edition(enrolment.edition, reason="Lesgever ziek", by=staff)

    payment.refresh_from_db()
    assert payment.refund_due == Decimal("25.00")


def test_sepa_export_pays_back_to_the_payers_account(client, seat, staff):
    enrolment, payment = seat
    pay(payment)
    enrolment_services.cancel_enrolment(enrolment, by=enrolment.person)
    client.force_login(staff)

    listing = client.get("/admin/betalingen/terugbetalingen/").content.decode()
    response = client.post("/admin/betalingen/terugbetalingen/")

    assert PAYER in listing
    assert response.status_code == 200
    xml = response.content.decode()
    assert "pain.001" in xml
    assert PAYER in xml
    assert IBAN in xml
    assert '<InstdAmt Ccy="EUR">25.00</InstdAmt>' in xml
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment.refunded == Decimal("25.00")


def test_one_reminder_before_the_deadline(seat, django_capture_on_commit_callbacks):
    _enrolment, payment = seat
    soon = timezone.now() + timedelta(days=(payment.due_on - timezone.localdate()).days - 1)

    with django_capture_on_commit_callbacks(execute=True):
        services.send_payment_reminders(now=soon)
        services.send_payment_reminders(now=soon)

    reminders = [message for message in mail.outbox if message.subject.startswith("Herinnering")]
    assert len(reminders) == 1
    assert payment.formatted_reference in reminders[0].body


def test_paid_payment_gets_no_reminder(seat, django_capture_on_commit_callbacks):
    _enrolment, payment = seat
    pay(payment)

    with django_capture_on_commit_callbacks(execute=True):
        services.send_payment_reminders(now=timezone.now() + timedelta(days=13))

    assert not [message for message in mail.outbox if message.subject.startswith("Herinnering")]


def test_unpaid_seat_is_released_to_the_waitlist_and_both_are_told(paid, django_capture_on_commit_callbacks):
    edition = paid["edition"]
    edition.capacity = 1
    edition.release_unpaid_seats = True
    edition.save()
    set_bank_account(payment_days=2)
    late_payer, waiting = factories.make_person(), factories.make_person()
    seat = enrolment_services.enrol(edition, person=late_payer).enrolment
    queued = enrolment_services.enrol(edition, person=waiting).enrolment
    after_deadline = timezone.now() + timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        released = services.release_unpaid_seats(now=after_deadline)

    assert [enrolment.pk for enrolment in released] == [seat.pk]
    seat.refresh_from_db()
    queued.refresh_from_db()
    assert seat.status == Enrolment.Status.CANCELLED
    assert queued.status == Enrolment.Status.CONFIRMED
    assert Payment.objects.get(enrolment=queued).status == Payment.Status.OPEN
    to = {address for message in mail.outbox for address in message.to}
    assert {late_payer.email, waiting.email} <= to
    released_mail = next(m for m in mail.outbox if late_payer.email in m.to and "betaaltermijn" in m.body)
    assert released_mail


def test_seats_are_kept_where_the_edition_does_not_release_them(seat):
    assert services.release_unpaid_seats(now=timezone.now() + timedelta(days=20)) == []


def test_deadline_command_runs_twice_without_doing_anything_twice(seat):
    call_command("payment_deadlines")
    call_command("payment_deadlines")


def test_payer_details_are_cleared_after_the_retention_except_for_open_refunds(seat, paid):
    enrolment, payment = seat
    other = Payment.objects.get(
        enrolment=enrolment_services.enrol(paid["edition"], person=factories.make_person()).enrolment
    )
    pay(payment)
    pay(other)
    enrolment_services.cancel_enrolment(enrolment, by=enrolment.person)

    call_command("clear_payer_details")
    assert BankTransaction.objects.filter(payer_details_cleared_at__isnull=False).count() == 0

    later = timezone.now() + timedelta(days=91)
    assert services.clear_payer_details(now=later) == 1
    kept = BankTransaction.objects.get(payment=payment)
    cleared = BankTransaction.objects.get(payment=other)
    assert kept.payer_account == PAYER
    assert (cleared.payer_name, cleared.payer_account) == ("", "")
