"""Invoice numbers taken at the same moment: PostgreSQL only, since SQLite serialises writers."""

from decimal import Decimal

import pytest

from django.db import connection

from enrolment import services as enrolment_services
from payments import invoice_rendering, services
from payments.models import Invoice, InvoiceCounter, Payment
from tests import factories
from tests.enrolment.test_lock_order import run_at_once
from tests.payments.conftest import set_bank_account

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

THREADS = 8


@pytest.fixture
def payments(transactional_db, monkeypatch):
    # The numbering is under test, not the layout: eight WeasyPrint runs would only slow it.
    monkeypatch.setattr(invoice_rendering, "render_invoice", lambda invoice: b"%PDF-1.7 test")
    _home, catalogue = factories.make_site()
    course = factories.make_course(factories.make_track(catalogue))
    edition = factories.make_edition(course, price=Decimal("25.00"), capacity=THREADS + 2)
    set_bank_account()
    enrolments = [
        enrolment_services.enrol(edition, person=factories.make_person(f"p{n}@example.org")).enrolment
        for n in range(THREADS)
    ]
    return list(Payment.objects.filter(enrolment__in=enrolments))


def invoice(payment):
    return lambda: services.save_invoice_details(
        payment, organisation=f"Werkgever {payment.pk}", vat_number="", address="Straat 1", by=None
    )


@pytest.mark.parametrize("round_", range(3))
def test_invoices_made_at_once_have_no_gaps_and_no_duplicates(payments, round_):
    errors = run_at_once(*(invoice(payment) for payment in payments))

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))
    assert InvoiceCounter.objects.get().last_number == THREADS
    assert all(Invoice.objects.values_list("pdf", flat=True))


def test_credit_notes_and_invoices_at_once_share_the_series_without_gaps(payments):
    first, second, *rest = payments
    invoice(first)()
    invoice(second)()

    errors = run_at_once(
        lambda: enrolment_services.cancel_enrolment(first.enrolment, by=first.enrolment.person),
        lambda: enrolment_services.cancel_enrolment(second.enrolment, by=second.enrolment.person),
        *(invoice(payment) for payment in rest),
    )

    assert errors == []
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1, THREADS + 3))
    assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count() == 2
