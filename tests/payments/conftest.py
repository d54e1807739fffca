from datetime import date
from decimal import Decimal

import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Site

from payments.models import PaymentSettings
from roles.groups import STAFF
from tests import factories

IBAN = "BE68539007547034"
BIC = "GKCCBEBB"
CODA_SAMPLE = "Coda_v2_3_single_statement.txt"


def set_bank_account(iban=IBAN, bic=BIC, **fields):
    settings = PaymentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.iban, settings.bic, settings.account_holder = iban, bic, "Sociale en Politieke Academie vzw"
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.fixture
def paid(offer):
    """The offer's edition at € 25, reduced rate from the settings (50 %), free for partner
    volunteers, with the academy's account in the payment settings."""
    edition = offer["edition"]
    edition.price = Decimal("25.00")
    edition.free_for_partner_volunteers = True
    edition.save()
    set_bank_account()
    return {**offer, "edition": edition}


@pytest.fixture
def staff(db):
    user = factories.make_person("staf@example.org")
    user.groups.add(Group.objects.get(name=STAFF))
    return user


def coda_file(movements, *, sample=CODA_SAMPLE):
    """A CODA file with the header and trailer of one of pycoda's samples and one movement
    (a credit with a structured communication) per (amount, twelve digits, payer account,
    payer name) tuple."""
    from pathlib import Path

    import coda

    lines = (Path(coda.__file__).parent / "tests" / sample).read_text(encoding="windows-1252").splitlines()
    template = lines[2]
    body = []
    for number, (amount, digits, account, name) in enumerate(movements, start=1):
        sequence = f"{number:04d}0000"
        line = list(template.ljust(128))
        line[2:10] = sequence
        line[10:31] = f"ACADEMIE{number:013d}"
        line[31] = "0"
        line[32:47] = f"{int(Decimal(amount) * 1000):015d}"
        line[47:53] = date(2026, 11, 20).strftime("%d%m%y")
        line[61] = "1"
        line[62:65] = "101"
        line[65:115] = digits.ljust(50)
        body.append("".join(line)[:128])
        body.append("22" + sequence + " " * 116)
        body.append(("23" + sequence + account.ljust(37) + name.ljust(35)).ljust(125) + "0 0")
    trailer = [line for line in lines if line.startswith(("8", "9"))]
    return ("\n".join(lines[:2] + body + trailer) + "\n").encode("windows-1252")


def upload(content, name="uittreksel.txt"):
    return SimpleUploadedFile(name, content)
