import io
from datetime import date

import pytest
from pypdf import PdfReader

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase

from brochure import services
from courses.models import Edition, ProgrammeYear
from roles.services import ensure_role_permissions

INTRODUCTION = "<p>Welkom bij het werkjaar van de academie: samen leren over politiek en samenleving.</p>"


@pytest.fixture
def year(offer):
    """A published programme year that holds the offer fixture's edition."""
    year = ProgrammeYear.objects.create(
        name="2026-2027",
        starts_on=date(2026, 9, 1),
        ends_on=date(2099, 8, 31),
        is_published=True,
        introduction=INTRODUCTION,
    )
    Edition.objects.update(programme_year=year)
    return year


def make_brochure(year, **variant):
    """Ask for the brochure; the immediate task backend lays it out once the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        brochure = services.request_brochure(year, **variant)
    brochure.refresh_from_db()
    return brochure


def read_pdf(brochure):
    with brochure.pdf.open("rb") as file:
        return PdfReader(io.BytesIO(file.read()))


def page_text(page):
    """The page's text with every run of white space as one space, as lines wrap anywhere."""
    return " ".join(page.extract_text().split())


def pdf_text(reader):
    return " ".join(page_text(page) for page in reader.pages)


def make_member(email, group_name):
    user = get_user_model().objects.create_user(email, email, "wachtwoord-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def roles(offer):
    ensure_role_permissions()
    return offer
