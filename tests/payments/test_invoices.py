"""Invoices for employers: details on the payment page, numbered PDFs, credit notes."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from django.contrib.auth.models import Group

from enrolment import services as enrolment_services
from payments.models import Invoice, InvoiceCounter, InvoiceDetails, Payment
from roles.groups import STAFF, TRAINERS
from tests import factories

GOOD = {
    "organisation": "Gemeente Hasselt",
    "vat_number": "BE 0403.170.701",
    "address": "Limburgplein 1\n3500 Hasselt",
    "order_reference": "PO-77",
}


@pytest.fixture
def payment(paid):
    person = factories.make_person("jan@example.org")
    enrolment = enrolment_services.enrol(paid["edition"], person=person).enrolment
    return Payment.objects.get(enrolment=enrolment)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a function and then what it left for after the commit (the PDF task)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def ask_invoice(client, committed):
    def ask(payment, **fields):
        client.force_login(payment.enrolment.person)
        return committed(client.post, f"/mijn/betalen/{payment.enrolment_id}/factuur/", {**GOOD, **fields})

    return ask


def pdf_text(invoice):
    invoice.refresh_from_db()
    with invoice.pdf.open("rb") as file:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages)


def test_payment_page_offers_the_invoice_form(client, payment):
    client.force_login(payment.enrolment.person)

    page = client.get(f"/mijn/betalen/{payment.enrolment_id}/").content.decode()

    assert "Factuur nodig?" in page
    assert 'name="vat_number"' in page


def test_a_belgian_vat_number_is_normalised_and_the_invoice_numbered_and_rendered(client, payment, ask_invoice):
    response = ask_invoice(payment)

    assert response.status_code == 302
    details = InvoiceDetails.objects.get(payment=payment)
    assert details.vat_number == "BE0403170701"
    invoice = Invoice.objects.get(payment=payment)
    assert invoice.kind == Invoice.Kind.INVOICE
    assert invoice.number == 1
    assert invoice.code == f"{invoice.year}-0001"
    text = pdf_text(invoice)
    assert invoice.code in text
    assert "Gemeente Hasselt" in text
    assert "BE0403170701" in text
    assert "PO-77" in text
    assert "25,00" in text or "25.00" in text


def test_a_foreign_vat_number_is_accepted(client, payment, ask_invoice):
    ask_invoice(payment, vat_number="NL004495445B01")

    assert Invoice.objects.get(payment=payment).vat_number == "NL004495445B01"


@pytest.mark.parametrize("number", ["BE0123456789", "BE12", "XX123", "0403170701 x"])
def test_a_bad_vat_number_is_refused_in_dutch_and_changes_nothing(client, payment, number, ask_invoice):
    response = ask_invoice(payment, vat_number=number)

    assert response.status_code == 400
    assert "Dit is geen geldig btw-nummer" in response.content.decode()
    assert not InvoiceDetails.objects.exists()
    assert not Invoice.objects.exists()


def test_the_vat_number_may_be_left_out(client, payment, ask_invoice):
    ask_invoice(payment, vat_number="")

    assert Invoice.objects.get(payment=payment).vat_number == ""


def test_numbers_follow_each_other_within_a_year(client, paid, payment, ask_invoice):
    other = factories.make_person("an@example.org")
    other_payment = Payment.objects.get(enrolment=enrolment_services.enrol(paid["edition"], person=other).enrolment)

    ask_invoice(payment)
    ask_invoice(other_payment)

    assert sorted(Invoice.objects.values_list("number", flat=True)) == [1, 2]
    assert InvoiceCounter.objects.get().last_number == 2


def test_asking_twice_makes_no_second_invoice(client, payment, ask_invoice):
    ask_invoice(payment)

    response = ask_invoice(payment, organisation="Iets anders")

    assert response.status_code == 302
    assert Invoice.objects.count() == 1
    assert InvoiceDetails.objects.get().organisation == "Gemeente Hasselt"


def test_cancelling_an_invoiced_enrolment_makes_a_credit_note(client, payment, ask_invoice, committed):
    ask_invoice(payment)
    invoice = Invoice.objects.get()

    committed(enrolment_services.cancel_enrolment, payment.enrolment, by=payment.enrolment.person)

    credit = Invoice.objects.get(kind=Invoice.Kind.CREDIT_NOTE)
    assert credit.credits == invoice
    assert (credit.year, credit.number) == (invoice.year, 2)
    assert credit.amount == Decimal("25.00")
    text = pdf_text(credit)
    assert "Creditnota" in text
    assert credit.code in text
    assert invoice.code in text
    assert "Gemeente Hasselt" in text


def test_cancelling_without_an_invoice_makes_no_credit_note(payment):
    enrolment_services.cancel_enrolment(payment.enrolment, by=payment.enrolment.person)

    assert not Invoice.objects.exists()


def test_a_cancelled_enrolment_gets_no_invoice(client, payment, ask_invoice):
    enrolment_services.cancel_enrolment(payment.enrolment, by=payment.enrolment.person)

    response = ask_invoice(payment)

    assert response.status_code == 302
    assert not Invoice.objects.exists()


def test_the_person_downloads_their_invoice_from_the_payment_page(client, payment, ask_invoice):
    ask_invoice(payment)
    invoice = Invoice.objects.get()

    page = client.get(f"/mijn/betalen/{payment.enrolment_id}/").content.decode()
    response = client.get(f"/mijn/betalen/factuur/{invoice.pk}/")

    assert f"/mijn/betalen/factuur/{invoice.pk}/" in page
    assert "Factuur nodig?" not in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response.close()


def test_someone_elses_invoice_is_a_404(client, payment, ask_invoice):
    ask_invoice(payment)
    invoice = Invoice.objects.get()
    stranger = factories.make_person("vreemde@example.org")
    client.force_login(stranger)

    assert client.get(f"/mijn/betalen/factuur/{invoice.pk}/").status_code == 404
    assert client.post(f"/mijn/betalen/{payment.enrolment_id}/factuur/", GOOD).status_code == 404


def test_is_staff_alone_downloads_no_invoice(client, payment, ask_invoice):
    ask_invoice(payment)
    invoice = Invoice.objects.get()
    user = factories.make_person("staff@example.org")
    user.is_staff = True
    user.save()
    client.force_login(user)

    assert client.get(f"/mijn/betalen/factuur/{invoice.pk}/").status_code == 404


def test_payment_staff_download_any_invoice(client, payment, ask_invoice):
    ask_invoice(payment)
    invoice = Invoice.objects.get()
    staff = factories.make_person("staf@example.org")
    staff.groups.add(Group.objects.get(name=STAFF))
    client.force_login(staff)

    response = client.get(f"/mijn/betalen/factuur/{invoice.pk}/")
    response.close()
    assert response.status_code == 200


@pytest.fixture
def staff_client(db, client):
    staff = factories.make_person("staf@example.org")
    staff.groups.add(Group.objects.get(name=STAFF))
    client.force_login(staff)
    return client


def test_staff_enter_invoice_details_in_the_admin_and_download_the_pdf(staff_client, payment, committed):
    response = committed(staff_client.post, f"/admin/betalingen/{payment.pk}/factuur/", GOOD)

    assert response.status_code == 302
    invoice = Invoice.objects.get(payment=payment)
    assert invoice.vat_number == "BE0403170701"
    listing = staff_client.get("/admin/betalingen/").content.decode()
    assert f"/admin/betalingen/facturen/{invoice.pk}/pdf/" in listing
    assert invoice.code in listing
    download = staff_client.get(f"/admin/betalingen/facturen/{invoice.pk}/pdf/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    download.close()


def test_staff_get_the_dutch_message_for_a_bad_vat_number(staff_client, payment):
    response = staff_client.post(f"/admin/betalingen/{payment.pk}/factuur/", {**GOOD, "vat_number": "BE0123456789"})

    assert response.status_code == 200
    assert "Dit is geen geldig btw-nummer" in response.content.decode()
    assert not Invoice.objects.exists()


def test_trainers_cannot_make_or_download_invoices_in_the_admin(client, payment, ask_invoice):
    ask_invoice(payment)
    invoice = Invoice.objects.get()
    trainer = factories.make_person("trainer@example.org")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client.force_login(trainer)

    assert client.post(f"/admin/betalingen/{payment.pk}/factuur/", GOOD).status_code in (302, 403)
    assert client.get(f"/admin/betalingen/facturen/{invoice.pk}/pdf/").status_code in (302, 403)
    assert Invoice.objects.count() == 1


def test_the_demo_has_an_invoice_with_its_pdf(paid, committed):
    from payments.demo import seed_payments

    committed(seed_payments)

    invoice = Invoice.objects.get()
    assert invoice.payment.enrolment.person.email == "demo-betaler-1@example.org"
    assert "Demo-organisatie vzw" in pdf_text(invoice)
