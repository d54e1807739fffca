"""Bank statements: CODA and CSV, matched by structured communication, each transfer once."""

from decimal import Decimal

import pytest

from wagtail.models import ModelLogEntry

from enrolment import services as enrolment_services
from payments import services
from payments.exceptions import StatementError
from payments.models import BankStatement, BankTransaction, Payment
from tests import factories
from tests.payments.conftest import coda_file

HEADER = "Datum;Bedrag;Mededeling;Naam tegenpartij;Rekening tegenpartij\n"


def make_payments(paid, count=3):
    payments = []
    for _ in range(count):
        enrolment = enrolment_services.enrol(paid["edition"], person=factories.make_person()).enrolment
        payments.append(Payment.objects.get(enrolment=enrolment))
    return payments


def csv_file(*rows):
    return (HEADER + "".join(";".join(row) + "\n" for row in rows)).encode()


def import_csv(content, by=None):
    return services.import_statement(content, file_name="export.csv", kind="csv", by=by)


@pytest.fixture
def payments(paid):
    return make_payments(paid)


def test_csv_matches_by_communication_in_any_typed_form(payments, staff):
    first, second, third = payments
    content = csv_file(
        ("20/11/2026", "25,00", first.formatted_reference, "Jan Peeters", "BE71096123456769"),
        ("20/11/2026", "25", first.reference[:3] + " " + first.reference[3:7] + " " + first.reference[7:], "X", ""),
        ("21/11/2026", "25.00", f"inschrijving {second.reference}", "Mia", "BE71 0961 2345 6769"),
    )

    result = import_csv(content, by=staff)

    assert (result.new, result.matched, result.unmatched, result.duplicates) == (3, 3, 0, 0)
    for payment in (first, second, third):
        payment.refresh_from_db()
    assert first.amount_paid == Decimal("50.00")
    assert second.status == Payment.Status.PAID
    assert third.status == Payment.Status.OPEN
    assert BankTransaction.objects.get(payment=second).payer_account == "BE71096123456769"


def test_the_same_file_twice_changes_nothing(payments, staff):
    payment = payments[0]
    content = csv_file(("20/11/2026", "25,00", payment.formatted_reference, "Jan", ""))

    import_csv(content, by=staff)
    again = import_csv(content, by=staff)

    payment.refresh_from_db()
    assert (again.new, again.duplicates, again.matched) == (0, 1, 0)
    assert payment.amount_paid == Decimal("25.00")
    assert BankTransaction.objects.count() == 1


def test_two_identical_transfers_in_one_file_both_count_and_count_once_on_reimport(payments):
    payment = payments[0]
    row = ("20/11/2026", "10,00", payment.formatted_reference, "Jan", "")
    content = csv_file(row, row)

    import_csv(content)
    import_csv(content)

    payment.refresh_from_db()
    assert payment.amount_paid == Decimal("20.00")
    assert payment.status == Payment.Status.PARTLY_PAID


def test_partial_excess_and_unknown_are_listed_for_staff(client, payments, staff):
    partial, excess, _untouched = payments
    content = csv_file(
        ("20/11/2026", "10,00", partial.formatted_reference, "Jan", "BE71096123456769"),
        ("20/11/2026", "30,00", excess.formatted_reference, "Mia", "BE71096123456769"),
        ("20/11/2026", "25,00", "+++999/9999/99948+++", "Onbekend", "BE71096123456769"),
        ("20/11/2026", "25,00", "lidgeld", "Iemand", "BE71096123456769"),
    )

    result = import_csv(content, by=staff)

    assert (result.matched, result.unmatched) == (2, 2)
    partial.refresh_from_db()
    excess.refresh_from_db()
    assert partial.status == Payment.Status.PARTLY_PAID
    assert excess.status == Payment.Status.PAID
    assert excess.balance == Decimal("-5.00")
    client.force_login(staff)
    page = client.get("/admin/betalingen/te-verwerken/").content.decode()
    assert "lidgeld" in page
    assert "+++999/9999/99948+++" in page
    assert partial.formatted_reference in page
    assert excess.formatted_reference in page


def test_broken_lines_are_reported_per_line_and_nothing_is_imported(payments):
    payment = payments[0]
    content = csv_file(
        ("20/11/2026", "25,00", payment.formatted_reference, "Jan", ""),
        ("31/02/2026", "25,00", "x", "Mia", ""),
        ("21/11/2026", "vijf euro", "y", "Piet", ""),
    )

    with pytest.raises(StatementError) as raised:
        import_csv(content)

    assert [number for number, _message in raised.value.lines] == [3, 4]
    assert "31/02/2026" in raised.value.lines[0][1]
    assert "vijf euro" in raised.value.lines[1][1]
    assert not BankTransaction.objects.exists()
    assert not BankStatement.objects.exists()
    payment.refresh_from_db()
    assert payment.amount_paid == 0


def test_csv_without_the_mapped_columns_is_refused(payments):
    with pytest.raises(StatementError) as raised:
        import_csv(b"Date,Amount\n2026-11-20,25\n")

    assert "Datum" in raised.value.lines[0][1]


def test_csv_mapping_comes_from_the_settings(payments):
    from tests.payments.conftest import set_bank_account

    set_bank_account(
        csv_delimiter=",",
        csv_date_column="Date",
        csv_date_format="%Y-%m-%d",
        csv_amount_column="Amount",
        csv_communication_column="Message",
    )
    payment = payments[0]

    import_csv(f"Date,Amount,Message\n2026-11-20,25.00,{payment.reference}\n".encode())

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID


def test_coda_file_matches_and_keeps_the_payer(payments, staff):
    first, second, _third = payments
    content = coda_file(
        [
            ("25.00", first.reference, "BE71096123456769", "JAN PEETERS"),
            ("12.00", second.reference, "BE68539007547034", "MIA JANSSENS"),
            ("40.00", "999999999948", "BE68539007547034", "ONBEKEND"),
        ]
    )

    result = services.import_statement(content, file_name="statement.cod", kind="coda", by=staff)

    assert (result.new, result.matched, result.unmatched) == (3, 2, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Payment.Status.PAID
    assert second.status == Payment.Status.PARTLY_PAID
    row = BankTransaction.objects.get(payment=first)
    assert row.payer_name == "JAN PEETERS"
    assert row.payer_account == "BE71096123456769"
    again = services.import_statement(content, file_name="statement.cod", kind="coda", by=staff)
    assert (again.new, again.duplicates) == (0, 3)


def test_pycoda_sample_imports_without_matching_anyone(payments):
    from pathlib import Path

    import coda

    content = (Path(coda.__file__).parent / "tests" / "Coda_v2_3_multi_statements.txt").read_bytes()

    result = services.import_statement(content, file_name="sample.cod", kind="coda", by=None)

    assert result.new > 0
    assert result.matched == 0


def test_broken_coda_line_is_reported_and_nothing_is_imported(payments):
    content = coda_file([("25.00", payments[0].reference, "BE71096123456769", "JAN")])
    lines = content.decode("windows-1252").split("\n")
    lines[2] = lines[2][:32] + "abcdefghijklmno" + lines[2][47:]

    with pytest.raises(StatementError) as raised:
        services.import_statement("\n".join(lines).encode("windows-1252"), file_name="x.cod", kind="coda", by=None)

    assert [number for number, _message in raised.value.lines] == [3]
    assert not BankTransaction.objects.exists()


def test_not_a_coda_file_is_refused(payments):
    with pytest.raises(StatementError):
        services.import_statement(b"Datum;Bedrag\n", file_name="x.cod", kind="coda", by=None)


def test_every_step_is_in_the_audit_log(payments, staff):
    payment = payments[0]

    import_csv(csv_file(("20/11/2026", "25,00", payment.formatted_reference, "Jan", "")), by=staff)

    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"academy.payment.due", "academy.payment.import", "academy.payment.receive"} <= actions
    assert ModelLogEntry.objects.get(action="academy.payment.import").user_id == staff.pk


def test_paid_mail_goes_out_once(payments, django_capture_on_commit_callbacks):
    from django.core import mail

    payment = payments[0]
    with django_capture_on_commit_callbacks(execute=True):
        import_csv(csv_file(("20/11/2026", "25,00", payment.formatted_reference, "Jan", "")))

    paid_mails = [message for message in mail.outbox if message.subject.startswith("Betaald")]
    assert len(paid_mails) == 1
    assert "€ 25.00" in paid_mails[0].body or "€ 25,00" in paid_mails[0].body


def test_match_by_hand(payments, staff):
    payment = payments[0]
    import_csv(csv_file(("20/11/2026", "25,00", "voor Jan zijn cursus", "Jan", "")))
    row = BankTransaction.objects.get()

    services.match_transaction(row, payment=payment, by=staff)

    payment.refresh_from_db()
    row.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert row.matched_by == staff
