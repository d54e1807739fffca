"""Demo data for payments (seed_demo): the academy's account and one paid edition with a few
payments, some of them paid through an imported statement, one with an invoice."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Site

from courses.models import Edition
from enrolment.services import enrol
from payments.models import Payment, PaymentSettings
from payments.services import import_statement, save_invoice_details

# A valid Belgian IBAN for the demo (an example account, not the academy's).
DEMO_IBAN = "BE68539007547034"
DEMO_BIC = "GKCCBEBB"
DEMO_PAYERS = (
    ("demo-betaler-1@example.org", "Jan", "Peeters", "standaard"),
    ("demo-betaler-2@example.org", "Mia", "Janssens", "kansentarief"),
    ("demo-betaler-3@example.org", "Ali", "Yilmaz", "standaard"),
    ("demo-betaler-4@example.org", "Els", "Maes", "vrijwilliger"),
)


def seed_payments():
    """Set the demo account and give one upcoming paid edition four payments: one paid, one
    paid in part, one open, one free for a partner volunteer, plus a transfer nobody's.
    Safe to run again: does nothing once the edition has payments."""
    settings = PaymentSettings.for_site(Site.objects.get(is_default_site=True))
    if not settings.iban:
        settings.account_holder, settings.iban, settings.bic = "Sociale en Politieke Academie vzw", DEMO_IBAN, DEMO_BIC
        settings.save()
    edition = Edition.objects.bookable().filter(price__gt=0).order_by("starts_at", "pk").first()
    if edition is None or Payment.objects.filter(enrolment__edition=edition).exists():
        return None
    # Saved, not updated: the save tells the offer's caches, which keep editions per generation.
    edition.free_for_partner_volunteers = True
    edition.save(update_fields=["free_for_partner_volunteers"])
    User = get_user_model()
    payments = []
    for email, first_name, last_name, rate in DEMO_PAYERS:
        person, _ = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
        )
        enrolment = enrol(edition, person=person, details={"rate": rate}).enrolment
        payments.append(Payment.objects.get(enrolment=enrolment))
    paid, partly = payments[0], payments[1]
    today = timezone.localdate().strftime("%d/%m/%Y")
    statement = (
        "Datum;Bedrag;Mededeling;Naam tegenpartij;Rekening tegenpartij\n"
        f"{today};{paid.amount_due};{paid.formatted_reference};Jan Peeters;BE71096123456769\n"
        f"{today};5,00;{partly.reference};Mia Janssens;BE71096123456769\n"
        f"{today};30,00;lidgeld;Iemand Anders;BE71096123456769\n"
    )
    import_statement(statement.encode(), file_name="demo-uittreksel.csv", kind="csv", by=None)
    # Jan's employer pays: an invoice (and its PDF) on his payment page.
    save_invoice_details(
        paid,
        organisation="Demo-organisatie vzw",
        vat_number="BE0403170701",
        address="Voorbeeldstraat 1\n3500 Hasselt",
        order_reference="PO-2026-001",
        by=None,
    )
    return edition
