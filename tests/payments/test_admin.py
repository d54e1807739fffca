"""Staff pages: the settings, importing, matching, waiving, refunds; and who may use them."""

from decimal import Decimal

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from wagtail.models import ModelLogEntry, Site

from enrolment import services as enrolment_services
from payments.exceptions import BankAccountMissing
from payments.models import BankTransaction, Payment, PaymentSettings
from payments.services import get_bank_account
from roles.groups import STEERING_GROUP, TRAINERS
from tests import factories
from tests.payments.conftest import BIC, IBAN, upload

CSV = (
    "Datum;Bedrag;Mededeling;Naam tegenpartij;Rekening tegenpartij\n"
    "20/11/2026;{amount};{communication};Jan;BE71096123456769\n"
)


def settings_form(**overrides):
    data = {
        "account_holder": "Academie vzw",
        "iban": IBAN,
        "bic": BIC,
        "payment_days": "14",
        "reminder_days": "3",
        "payer_details_days": "90",
        "csv_delimiter": ";",
        "csv_date_column": "Datum",
        "csv_date_format": "%d/%m/%Y",
        "csv_amount_column": "Bedrag",
        "csv_communication_column": "Mededeling",
        "csv_name_column": "Naam tegenpartij",
        "csv_account_column": "Rekening tegenpartij",
    }
    data.update(overrides)
    return data


def settings_url():
    return f"/admin/settings/payments/paymentsettings/{Site.objects.get(is_default_site=True).pk}/"


@pytest.mark.parametrize("iban", ["BE68539007547035", "BE6853900754703", "NL00XXXX", "ik weet het niet"])
def test_malformed_iban_in_the_settings_is_refused_with_a_clear_message(client, site, staff, iban):
    client.force_login(staff)

    response = client.post(settings_url(), settings_form(iban=iban))

    assert response.status_code == 200
    assert "Dit is geen geldig IBAN-rekeningnummer" in response.content.decode()
    assert PaymentSettings.for_site(Site.objects.get(is_default_site=True)).iban == ""


def test_valid_iban_is_stored_compact(client, site, staff):
    client.force_login(staff)

    response = client.post(settings_url(), settings_form(iban="be68 5390 0754 7034"))

    assert response.status_code == 302
    settings = PaymentSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.iban == IBAN
    assert get_bank_account().iban == IBAN


def test_malformed_bic_is_refused(site):
    settings = PaymentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.iban, settings.bic = IBAN, "GKCC"
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_a_malformed_account_stored_anyway_is_never_shown_to_payers(client, paid):
    PaymentSettings.objects.update(iban="BE00123")
    with pytest.raises(BankAccountMissing):
        get_bank_account()
    person = factories.make_person()
    client.force_login(person)

    client.post(f"/mijn/inschrijven/{paid['edition'].pk}/", {"tarief": "standaard"})
    page = client.get(f"/mijn/betalen/{Payment.objects.get().enrolment_id}/").content.decode()

    assert "BE00123" not in page
    assert "rekeningnummer van de academie volgt nog" in page


def test_staff_import_a_statement_in_the_admin(client, paid, staff):
    payment = Payment.objects.get(
        enrolment=enrolment_services.enrol(paid["edition"], person=factories.make_person()).enrolment
    )
    client.force_login(staff)
    content = CSV.format(amount="25,00", communication=payment.formatted_reference).encode()

    response = client.post("/admin/betalingen/inlezen/", {"kind": "csv", "file": upload(content, "export.csv")})

    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert "betaald" in client.get("/admin/betalingen/").content.decode().lower()


def test_broken_file_in_the_admin_names_its_lines(client, paid, staff):
    client.force_login(staff)
    content = CSV.format(amount="twintig", communication="x").encode()

    response = client.post("/admin/betalingen/inlezen/", {"kind": "csv", "file": upload(content, "export.csv")})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Regel 2" in page
    assert "twintig" in page
    assert not BankTransaction.objects.exists()


def test_staff_waive_with_a_reason(client, paid, staff):
    payment = Payment.objects.get(
        enrolment=enrolment_services.enrol(paid["edition"], person=factories.make_person()).enrolment
    )
    client.force_login(staff)

    refused = client.post(f"/admin/betalingen/{payment.pk}/kwijtschelden/", {"reason": "  "})
    done = client.post(f"/admin/betalingen/{payment.pk}/kwijtschelden/", {"reason": "Sociaal fonds"})

    assert refused.status_code == 200
    assert done.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Payment.Status.WAIVED
    assert payment.waived_by == staff
    assert ModelLogEntry.objects.filter(action="academy.payment.waive", user_id=staff.pk).exists()


def test_staff_match_by_hand_in_the_admin(client, paid, staff):
    payment = Payment.objects.get(
        enrolment=enrolment_services.enrol(paid["edition"], person=factories.make_person()).enrolment
    )
    client.force_login(staff)
    content = CSV.format(amount="25,00", communication="cursus Jan").encode()
    client.post("/admin/betalingen/inlezen/", {"kind": "csv", "file": upload(content, "export.csv")})
    row = BankTransaction.objects.get()

    wrong = client.post(f"/admin/betalingen/transacties/{row.pk}/koppelen/", {"reference": "+++123/4567/89003+++"})
    right = client.post(f"/admin/betalingen/transacties/{row.pk}/koppelen/", {"reference": payment.reference})

    assert "controlegetal" in wrong.content.decode()
    assert right.status_code == 302
    payment.refresh_from_db()
    assert payment.amount_paid == Decimal("25.00")


PAGES = [
    ("get", "/admin/betalingen/"),
    ("get", "/admin/betalingen/inlezen/"),
    ("get", "/admin/betalingen/te-verwerken/"),
    ("get", "/admin/betalingen/terugbetalingen/"),
    ("post", "/admin/betalingen/terugbetalingen/"),
]


@pytest.mark.parametrize("group_name", [TRAINERS, STEERING_GROUP])
@pytest.mark.parametrize(("method", "url"), PAGES)
def test_only_staff_import_see_accounts_waive_and_refund(client, paid, group_name, method, url):
    user = factories.make_person()
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)

    response = getattr(client, method)(url)

    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/" or "/login/" in response["Location"]


def test_other_roles_may_not_waive_or_match(client, paid):
    payment = Payment.objects.get(
        enrolment=enrolment_services.enrol(paid["edition"], person=factories.make_person()).enrolment
    )
    user = factories.make_person()
    user.groups.add(Group.objects.get(name=STEERING_GROUP))
    client.force_login(user)

    response = client.post(f"/admin/betalingen/{payment.pk}/kwijtschelden/", {"reason": "x"})

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    payment.refresh_from_db()
    assert payment.status == Payment.Status.OPEN


def test_participant_gets_no_admin_page(client, paid):
    client.force_login(factories.make_person())

    for _method, url in PAGES[:4]:
        assert client.get(url).status_code in (302, 403)
