"""Rates on every card and at enrolment; what to pay after enrolling."""

from datetime import timedelta
from decimal import Decimal

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.models import Site

from academy.models import SiteSettings
from enrolment import services as enrolment_services
from enrolment.models import Enrolment
from payments.models import Payment
from payments.references import is_valid
from tests import factories
from tests.payments.conftest import IBAN, set_bank_account


def enrol(client, edition, rate="standaard"):
    return client.post(f"/mijn/inschrijven/{edition.pk}/", {"tarief": rate})


def test_course_page_shows_standard_reduced_and_volunteer_rates(client, paid):
    SiteSettings.objects.filter(site=Site.objects.get(is_default_site=True)).update(reduced_rate_percentage=40)

    page = client.get(paid["course"].url).content.decode()

    assert "€ 25,00" in page or "€ 25.00" in page
    assert "Kansentarief: € 10" in page
    assert "Gratis voor vrijwilligers van een partnerorganisatie" in page


def test_edition_reduced_price_wins_over_the_percentage(client, paid):
    edition = paid["edition"]
    edition.reduced_price = Decimal("7.50")
    edition.free_for_partner_volunteers = False
    edition.save()

    page = client.get(paid["course"].url).content.decode()

    assert "Kansentarief: € 7" in page
    assert "Gratis voor vrijwilligers" not in page


def test_catalogue_card_shows_the_rates(client, paid):
    page = client.get("/aanbod/").content.decode()

    assert "Kansentarief: € 12" in page


def test_free_edition_shows_gratis_and_no_rates(client, offer):
    page = client.get(offer["course"].url).content.decode()

    assert "Gratis" in page
    assert "Kansentarief" not in page
    assert 'name="tarief"' not in page


def test_enrolling_in_a_paid_edition_shows_what_to_pay(client, paid):
    person = factories.make_person()
    client.force_login(person)

    response = enrol(client, paid["edition"])

    payment = Payment.objects.get(enrolment__person=person)
    assert response.status_code == 302
    assert response["Location"] == f"/mijn/betalen/{payment.enrolment_id}/"
    assert payment.status == Payment.Status.OPEN
    assert payment.amount_due == Decimal("25.00")
    assert is_valid(payment.reference)
    page = client.get(response["Location"]).content.decode()
    assert payment.formatted_reference in page
    assert IBAN in page
    assert "GKCCBEBB" in page
    assert "<svg" in page
    assert "€ 25,00" in page or "€ 25.00" in page


def test_reduced_rate_is_self_declared_and_costs_the_percentage(client, paid):
    person = factories.make_person()
    client.force_login(person)

    enrol(client, paid["edition"], rate="kansentarief")

    payment = Payment.objects.get(enrolment__person=person)
    assert payment.rate == Payment.Rate.REDUCED
    assert payment.amount_due == Decimal("12.50")


def test_partner_volunteer_enrols_for_free(client, paid):
    person = factories.make_person()
    client.force_login(person)

    response = enrol(client, paid["edition"], rate="vrijwilliger")

    payment = Payment.objects.get(enrolment__person=person)
    assert payment.status == Payment.Status.FREE
    assert payment.amount_due == 0
    # Nothing to pay: back to the course page.
    assert "/mijn/betalen/" not in response["Location"]


@pytest.mark.parametrize("rate", ["vrijwilliger", "gratis", "x" * 300])
def test_a_rate_the_edition_does_not_give_is_refused_and_nothing_is_kept(client, paid, rate):
    edition = paid["edition"]
    edition.free_for_partner_volunteers = False
    edition.save()
    person = factories.make_person()
    client.force_login(person)

    response = enrol(client, edition, rate=rate)

    assert response.status_code == 302
    assert not Enrolment.objects.filter(person=person).exists()
    assert not Payment.objects.exists()
    messages = [str(message) for message in response.wsgi_request._messages]
    assert "Kies een tarief dat deze editie aanbiedt." in messages


def test_confirmation_mail_carries_the_payment_and_the_qr_code(client, paid, django_capture_on_commit_callbacks):
    person = factories.make_person()
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        enrol(client, paid["edition"])

    payment = Payment.objects.get()
    message = mail.outbox[-1]
    assert payment.formatted_reference in message.body
    assert IBAN in message.body
    assert any(name == "betalen-qr-code.png" for name, _content, _type in message.attachments)


def test_mijn_academie_shows_the_payment_with_its_qr_code(client, paid):
    person = factories.make_person()
    client.force_login(person)
    enrol(client, paid["edition"])
    payment = Payment.objects.get()

    page = client.get("/mijn/").content.decode()

    assert payment.formatted_reference in page
    assert "<svg" in page
    assert "open" in page


def test_someone_elses_payment_page_is_a_404(client, paid):
    owner = factories.make_person()
    client.force_login(owner)
    enrol(client, paid["edition"])
    client.force_login(factories.make_person())

    response = client.get(f"/mijn/betalen/{Payment.objects.get().enrolment_id}/")

    assert response.status_code == 404


def test_waitlist_owes_nothing_until_promoted(paid):
    edition = paid["edition"]
    edition.capacity = 1
    edition.save()
    first, second = factories.make_person(), factories.make_person()
    seat = enrolment_services.enrol(edition, person=first).enrolment
    waiting = enrolment_services.enrol(edition, person=second, details={"rate": "kansentarief"}).enrolment

    payment = Payment.objects.get(enrolment=waiting)
    assert payment.status == Payment.Status.NOT_DUE
    assert payment.reference is None
    assert payment.amount_due == 0

    enrolment_services.cancel_enrolment(seat, by=first)

    payment.refresh_from_db()
    assert payment.status == Payment.Status.OPEN
    assert payment.amount_due == Decimal("12.50")
    assert is_valid(payment.reference)


def test_deadline_is_days_after_enrolment_but_never_after_the_start(paid):
    edition = paid["edition"]
    set_bank_account(payment_days=60)

    enrolment_services.enrol(edition, person=factories.make_person())

    payment = Payment.objects.get()
    assert payment.due_on < timezone.localdate(edition.starts_at)
    set_bank_account(payment_days=3)
    enrolment_services.enrol(edition, person=factories.make_person())
    assert Payment.objects.latest("pk").due_on == timezone.localdate() + timedelta(days=3)


def test_references_are_unique(paid):
    for _ in range(5):
        enrolment_services.enrol(paid["edition"], person=factories.make_person())

    references = list(Payment.objects.values_list("reference", flat=True))
    assert len(set(references)) == 5
