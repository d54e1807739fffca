"""Who reaches other people's data and the pages that change things: every role × every
object URL, as the status code each answer must have.

The roles are roles.groups' groups plus the edge cases of roles.rules: `is_staff` without a
group (grants nothing), a trainer of the course but not of its edition (teaches it all the
same), a trainer of another course, a partner organisation's contact (sees their own
organisation's page, never anyone's needs) and a superuser (may do everything).

Codes: 200 shown, 302 done and back to the page, LOGIN sent to a login page, DENIED sent
back to the admin dashboard with Wagtail's "no permission" message, 404 "nothing here" (the
trainer's pages and personal pages do not tell whether the object exists), 403 refused in
the site's layout (a partner organisation's page).
"""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone

from accounts.models import Profile
from certificates.services import issue_certificate
from courses.models import Trainer
from enrolment.models import Enrolment
from materials.models import CourseMaterial
from partner_contacts.services import assign_partner_contact
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests.factories import make_course, make_edition, make_partner, make_person

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"
IS_STAFF_ONLY = "is_staff, no group"
EDITION_TRAINER = "trainer of the edition"
COURSE_TRAINER = "trainer of the course only"
OTHER_TRAINER = "trainer of another course"
STEERING = "steering member"
STAFF_MEMBER = "staff member"
PARTNER_CONTACT = "partner contact"
SUPERUSER = "superuser"
ROLES = [
    ANONYMOUS,
    PARTICIPANT,
    IS_STAFF_ONLY,
    EDITION_TRAINER,
    COURSE_TRAINER,
    OTHER_TRAINER,
    STEERING,
    STAFF_MEMBER,
    PARTNER_CONTACT,
    SUPERUSER,
]

# A redirect to a login page: the site's for the site, the admin's for the admin.
LOGIN = "login"
# Wagtail's refusal: back to the admin dashboard with a message.
DENIED = "denied"
LOGIN_PAGES = ("/account/login/", "/admin/login/")

# One row per URL, one column per role, in the order of ROLES:
#   anon   part   is_staff ed.tr  co.tr  oth.tr steer  staff  contact super
MATRIX = {
    "participant list": (LOGIN, 404, 404, 200, 200, 404, 200, 200, 404, 200),
    "attendance sheet PDF": (LOGIN, 404, 404, 200, 200, 404, 200, 200, 404, 200),
    "message to all participants": (LOGIN, 404, 404, 302, 302, 404, 302, 302, 404, 302),
    "roll call": (LOGIN, 404, 404, 200, 200, 404, 404, 200, 404, 200),
    "roll call in the admin": (LOGIN, LOGIN, LOGIN, 200, 200, 404, 404, 200, LOGIN, 200),
    "enrolment admin listing": (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200, 200, LOGIN, 200),
    "enrolment export (CSV)": (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200, 200, LOGIN, 200),
    "certificate admin listing": (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200, 200, LOGIN, 200),
    "certificate PDF in the admin": (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200, 200, LOGIN, 200),
    "edition edit in the admin": (LOGIN, LOGIN, LOGIN, 200, 200, DENIED, DENIED, 200, LOGIN, 200),
    "participants-only document": (404, 404, 404, 200, 200, 404, 200, 200, 404, 200),
    "steering signals": (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, 200, 200, LOGIN, 200),
    "cancel another person's enrolment": (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "another person's certificate PDF": (LOGIN, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "own organisation's participation": (LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "own organisation's members (CSV)": (LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 200),
    "another organisation's participation": (LOGIN, 403, 403, 403, 403, 403, 403, 403, 403, 200),
    "another organisation's members (XLSX)": (LOGIN, 403, 403, 403, 403, 403, 403, 403, 403, 200),
    "partner contacts in the admin": (LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, DENIED, 200, LOGIN, 200),
}
assert all(len(row) == len(ROLES) for row in MATRIX.values())


def make_user(email, *groups, trainer=False, **fields):
    user = make_person(email)
    for field, value in fields.items():
        setattr(user, field, value)
    user.save()
    user.groups.add(*(Group.objects.get(name=name) for name in groups))
    if trainer:
        Trainer.objects.create(name=email.split("@")[0], user=user)
    return user


NEEDS = "Een doventolk"


def member_of(person, organisation):
    profile = Profile.objects.create(
        user=person,
        accessibility_needs=NEEDS,
        shares_participation=True,
        shares_participation_since=timezone.now(),
    )
    profile.partner_organisations.set([organisation])


@pytest.fixture
def world(roles, settings):
    """An edition taught by one trainer, whose course is taught by another; a confirmed
    participant with needs, a certificate and a participants-only document; and a trainer
    of another course."""
    settings.REQUIRE_2FA_FOR_STAFF = False
    course, edition = roles["course"], roles["edition"]
    edition_trainer = make_user("editie@example.org", TRAINERS, trainer=True)
    course_trainer = make_user("vorming@example.org", TRAINERS, trainer=True)
    other_trainer = make_user("ander@example.org", TRAINERS, trainer=True)
    edition.trainers.set([edition_trainer.trainer_profile])
    course.trainers.set([course_trainer.trainer_profile])
    course.save()
    other_course = make_course(roles["basic"], title="Een andere vorming")
    other_course.trainers.set([other_trainer.trainer_profile])
    other_course.save()
    make_edition(other_course).trainers.set([other_trainer.trainer_profile])

    participant = make_user("deelnemer@example.org", first_name="Griet", last_name="Deelnemer")
    enrolment = Enrolment.objects.create(person=participant, edition=edition, status=Enrolment.Status.CONFIRMED)
    # Griet lets ACV see her participation; Tom, of CM, too. Neither's needs are ever shown.
    acv, cm = make_partner("ACV"), make_partner("CM")
    member_of(participant, acv)
    other_member = make_user("tom@example.org", first_name="Tom", last_name="Anderlid")
    member_of(other_member, cm)
    Enrolment.objects.create(person=other_member, edition=edition, status=Enrolment.Status.CONFIRMED)
    contact = make_user("contact@acv.example.org")
    assign_partner_contact(contact, organisation=acv, by=None)

    material = CourseMaterial.objects.create(
        course=course,
        title="Syllabus voor deelnemers",
        kind="document",
        file=ContentFile(b"geheim", name="syllabus.txt"),
        visibility="deelnemers",
    )
    return {
        **roles,
        "users": {
            ANONYMOUS: None,
            PARTICIPANT: make_user("andere.deelnemer@example.org"),
            IS_STAFF_ONLY: make_user("vlag@example.org", is_staff=True),
            EDITION_TRAINER: edition_trainer,
            COURSE_TRAINER: course_trainer,
            OTHER_TRAINER: other_trainer,
            STEERING: make_user("stuurgroep@example.org", STEERING_GROUP),
            STAFF_MEMBER: make_user("medewerker@example.org", STAFF),
            PARTNER_CONTACT: contact,
            SUPERUSER: make_user("super@example.org", is_superuser=True, is_staff=True),
        },
        "participant": participant,
        "enrolment": enrolment,
        "material": material,
    }


def certificate_of(world):
    """A certificate of the participant for a past edition of the course, with its PDF."""
    past = make_edition(world["course"], starts_in_days=-30)
    enrolment = Enrolment.objects.create(person=world["participant"], edition=past, status=Enrolment.Status.CONFIRMED)
    joined_at = past.starts_at - timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    enrolment.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        outcome = issue_certificate(enrolment, by=world["users"][SUPERUSER], note="Aanwezig volgens de papieren lijst")
    certificate = outcome.certificate
    certificate.refresh_from_db()
    assert certificate.pdf
    return certificate


def participant_list(client, world):
    return client.get(f"/lesgever/edities/{world['edition'].pk}/deelnemers/")


def attendance_sheet(client, world):
    return client.get(f"/lesgever/edities/{world['edition'].pk}/aanwezigheidslijst.pdf")


def message_to_all(client, world):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/lesgever/edities/{world['edition'].pk}/deelnemers/", {"subject": "Praktisch", "body": "Tot dinsdag."}
        )
    sent = [message for message in mail.outbox if message.subject.startswith("Praktisch")]
    done = response.status_code == 302 and not response["Location"].startswith(LOGIN_PAGES)
    assert bool(sent) == done
    return response


def roll_call(client, world):
    return client.get(f"/lesgever/sessies/{world['edition'].sessions.first().pk}/aanwezigheden/")


def admin_roll_call(client, world):
    return client.get(f"/admin/aanwezigheden/{world['edition'].sessions.first().pk}/")


def enrolment_listing(client, world):
    return client.get("/admin/enrolments/")


def enrolment_export(client, world):
    return client.get("/admin/enrolments/", {"export": "csv"})


def certificate_listing(client, world):
    certificate_of(world)
    return client.get("/admin/certificates/")


def certificate_pdf_in_admin(client, world):
    return client.get(f"/admin/certificates/pdf/{certificate_of(world).pk}/")


def edition_edit(client, world):
    return client.get(f"/admin/editions/edit/{world['edition'].pk}/")


def restricted_document(client, world):
    material = world["material"]
    return client.get(f"/materiaal/{material.pk}/{material.filename}")


def signals(client, world):
    return client.get("/admin/signalen/")


def cancel_other_enrolment(client, world):
    response = client.post(f"/mijn/inschrijvingen/{world['enrolment'].pk}/annuleren/")
    world["enrolment"].refresh_from_db()
    assert world["enrolment"].status == Enrolment.Status.CONFIRMED
    return response


def other_certificate(client, world):
    return client.get(f"/mijn/attesten/{certificate_of(world).code}.pdf")


def own_participation(client, world):
    return client.get("/organisatie/acv/deelname/")


def own_members_csv(client, world):
    return client.get("/organisatie/acv/deelname/leden.csv")


def other_participation(client, world):
    return client.get("/organisatie/cm/deelname/")


def other_members_xlsx(client, world):
    return client.get("/organisatie/cm/deelname.xlsx")


def partner_contacts_admin(client, world):
    return client.get("/admin/partnercontacten/")


ACTIONS = {
    "participant list": participant_list,
    "attendance sheet PDF": attendance_sheet,
    "message to all participants": message_to_all,
    "roll call": roll_call,
    "roll call in the admin": admin_roll_call,
    "enrolment admin listing": enrolment_listing,
    "enrolment export (CSV)": enrolment_export,
    "certificate admin listing": certificate_listing,
    "certificate PDF in the admin": certificate_pdf_in_admin,
    "edition edit in the admin": edition_edit,
    "participants-only document": restricted_document,
    "steering signals": signals,
    "cancel another person's enrolment": cancel_other_enrolment,
    "another person's certificate PDF": other_certificate,
    "own organisation's participation": own_participation,
    "own organisation's members (CSV)": own_members_csv,
    "another organisation's participation": other_participation,
    "another organisation's members (XLSX)": other_members_xlsx,
    "partner contacts in the admin": partner_contacts_admin,
}
assert ACTIONS.keys() == MATRIX.keys()

# What a page that is shown must contain, so that a 200 is the page and not an error page.
SHOWN = {
    "participant list": "Griet Deelnemer",
    "roll call": "Griet Deelnemer",
    "roll call in the admin": "Griet Deelnemer",
    "enrolment admin listing": "deelnemer@example.org",
    "enrolment export (CSV)": "deelnemer@example.org",
    "certificate admin listing": "Griet Deelnemer",
    "edition edit in the admin": 'name="capacity"',
    "participants-only document": "geheim",
    "own organisation's participation": "Griet Deelnemer",
    "own organisation's members (CSV)": "deelnemer@example.org",
    "another organisation's participation": "Tom Anderlid",
    "partner contacts in the admin": "contact@acv.example.org",
}


def cells():
    for action, row in MATRIX.items():
        for role, expected in zip(ROLES, row, strict=True):
            yield pytest.param(action, role, expected, id=f"{action} | {role}")


@pytest.mark.parametrize(("action", "role", "expected"), list(cells()))
def test_access_matrix(client, world, action, role, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)

    response = ACTIONS[action](client, world)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_PAGES)
        return
    if expected == DENIED:
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        return
    assert response.status_code == expected
    if expected == 302:
        assert not response["Location"].startswith(LOGIN_PAGES)
    if expected == 200 and action in SHOWN:
        assert SHOWN[action] in body.decode()
    if expected == 200 and action.endswith("PDF"):
        assert body.startswith(b"%PDF")
    if expected == 200 and action.endswith("(XLSX)"):
        assert body.startswith(b"PK")
    if role == PARTNER_CONTACT:
        # Never anyone's needs, never another organisation's member.
        assert NEEDS.encode() not in body
        assert b"Tom Anderlid" not in body and b"tom@example.org" not in body
