"""Imports and cancellations at the same moment: PostgreSQL only, since SQLite serialises writers."""

from decimal import Decimal

import pytest

from django.db import connection

from enrolment import services as enrolment_services
from payments import services
from payments.models import BankStatement, BankTransaction, Payment
from tests import factories
from tests.enrolment.test_lock_order import run_at_once
from tests.payments.conftest import set_bank_account

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture
def payment(transactional_db):
    _home, catalogue = factories.make_site()
    course = factories.make_course(factories.make_track(catalogue))
    edition = factories.make_edition(course, price=Decimal("25.00"))
    set_bank_account()
    enrolment = enrolment_services.enrol(edition, person=factories.make_person()).enrolment
    return Payment.objects.get(enrolment=enrolment)


def statement(payment):
    return (
        "Datum;Bedrag;Mededeling;Naam tegenpartij;Rekening tegenpartij\n"
        f"20/11/2026;25,00;{payment.formatted_reference};Jan;BE71096123456769\n"
    ).encode()


def test_the_same_file_imported_twice_at_once_pays_once(payment):
    content = statement(payment)

    errors = run_at_once(
        lambda: services.import_statement(content, file_name="a.csv", kind="csv", by=None),
        lambda: services.import_statement(content, file_name="b.csv", kind="csv", by=None),
    )

    assert errors == []
    payment.refresh_from_db()
    assert payment.amount_paid == Decimal("25.00")
    assert payment.status == Payment.Status.PAID
    assert BankTransaction.objects.count() == 1
    assert sorted(BankStatement.objects.values_list("new_count", flat=True)) == [0, 1]


def test_a_payment_for_an_enrolment_cancelled_at_the_same_moment_becomes_a_refund_due(payment):
    content = statement(payment)
    enrolment = payment.enrolment

    errors = run_at_once(
        lambda: services.import_statement(content, file_name="a.csv", kind="csv", by=None),
        lambda: enrolment_services.cancel_enrolment(enrolment, by=enrolment.person),
    )

    assert errors == []
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUND_DUE
    assert payment.refund_due == Decimal("25.00")
    assert payment.amount_paid == Decimal("25.00")


def test_a_payment_for_a_cancelled_enrolment_becomes_a_refund_due(payment):
    enrolment = payment.enrolment
    enrolment_services.cancel_enrolment(enrolment, by=enrolment.person)

    services.import_statement(statement(payment), file_name="a.csv", kind="csv", by=None)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUND_DUE
    assert payment.refund_due == Decimal("25.00")
