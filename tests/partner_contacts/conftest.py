"""A hand-made world for partner contacts: two organisations, their members with and without
consent, enrolments in two tracks, attendance that completes one edition and not another."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Profile
from attendance.models import Attendance
from courses.models import ProgrammeYear
from enrolment.models import Enrolment
from partner_contacts.services import assign_partner_contact
from roles.services import ensure_role_permissions
from tests import factories


def make_member(email, *organisations, first_name="", last_name="", consents=False, needs=""):
    person = factories.make_person(email)
    person.first_name, person.last_name = first_name, last_name
    person.save()
    profile = Profile.objects.create(
        user=person,
        accessibility_needs=needs,
        shares_participation=consents,
        shares_participation_since=timezone.now() if consents else None,
    )
    profile.partner_organisations.set(organisations)
    return person


def enrol(person, edition, status=Enrolment.Status.CONFIRMED, *, present=0):
    """An enrolment from before the edition began, present at its first `present` sessions."""
    cancelled_at = timezone.now() if status == Enrolment.Status.CANCELLED else None
    enrolment = Enrolment.objects.create(person=person, edition=edition, status=status, cancelled_at=cancelled_at)
    joined_at = edition.starts_at - timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    for session in edition.sessions.order_by("starts_at")[:present]:
        Attendance.objects.create(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)
    return enrolment


@pytest.fixture
def world(offer):
    """ACV with a contact and four members; CM with its own member and contact.

    Politieke vorming (track of the offer): "Hoe werkt de gemeente?", a past edition of
    three sessions in 2025-2026. Sociale vorming: "Armoede begrijpen", an edition ahead,
    without programme year.

    - Ann (ACV, consents): the first edition, present 3 of 3 (completed); the second.
    - Bert (ACV, no consent, with needs): the first edition, present 1 of 3 (attended).
    - Carla (ACV, no consent): on the waitlist of the first and cancelled in the second:
      counted as a member, in no count of participation.
    - Dirk (ACV and CM, consents): the second edition.
    - Eva (CM, consents): the first edition; never seen by ACV's contact.
    """
    ensure_role_permissions()
    acv, cm = factories.make_partner("ACV"), factories.make_partner("CM")
    year = ProgrammeYear.objects.create(name="2025-2026", starts_on="2025-09-01", ends_on="2026-08-31")
    past = factories.make_edition(offer["course"], starts_in_days=-60, sessions=3, programme_year=year)
    social = factories.make_track(offer["catalogue"], slug="sociale-vorming", title="Sociale vorming")
    poverty = factories.make_course(social, title="Armoede begrijpen")
    ahead = factories.make_edition(poverty, starts_in_days=20, label="Gent, najaar")

    ann = make_member("ann@example.org", acv, first_name="Ann", last_name="Peeters", consents=True)
    bert = make_member("bert@example.org", acv, first_name="Bert", last_name="Geheim", needs="Een rolstoelplaats")
    carla = make_member("carla@example.org", acv, first_name="Carla", last_name="Verborgen")
    dirk = make_member("dirk@example.org", acv, cm, first_name="Dirk", last_name="Claes", consents=True)
    eva = make_member("eva@example.org", cm, first_name="Eva", last_name="Anders", consents=True)
    enrol(ann, past, present=3)
    enrol(ann, ahead)
    enrol(bert, past, present=1)
    enrol(carla, past, Enrolment.Status.WAITLISTED)
    enrol(carla, ahead, Enrolment.Status.CANCELLED)
    enrol(dirk, ahead)
    enrol(eva, past, present=3)

    contact = factories.make_person("contact@acv.example.org")
    assign_partner_contact(contact, organisation=acv, by=None)
    other_contact = factories.make_person("contact@cm.example.org")
    assign_partner_contact(other_contact, organisation=cm, by=None)
    return {
        **offer,
        "acv": acv,
        "cm": cm,
        "past": past,
        "ahead": ahead,
        "ann": ann,
        "bert": bert,
        "carla": carla,
        "dirk": dirk,
        "eva": eva,
        "contact": contact,
        "other_contact": other_contact,
        "group": Group.objects.get(name="Partnercontacten"),
    }
