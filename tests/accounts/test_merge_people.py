"""Staff merge two records of one person: enrolments, attendance, certificates and history
move to the one kept, atomically, logged, for who may."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail import hooks
from wagtail.models import ModelLogEntry

from accounts.merging import MERGE_PEOPLE, MergeError, PersonRecords, merge_people
from accounts.models import Profile
from attendance.models import Attendance
from certificates.models import Certificate
from courses.models import Edition
from enrolment import services as enrolment_services
from enrolment.models import Enrolment
from roles.groups import STAFF
from roles.services import ensure_role_permissions
from tests.factories import make_edition, make_person

MERGE = "/admin/personen/samenvoegen/"
Status = Enrolment.Status


@pytest.fixture
def staff(db):
    ensure_role_permissions()
    user = make_person("medewerker@example.org")
    user.first_name, user.last_name, user.is_staff = "Bart", "Staf", True
    user.save()
    user.groups.add(Group.objects.get(name=STAFF))
    return user


def by_phone(first_name="Maria", last_name="Janssens", phone="0470 12 34 56", *, staff):
    return enrolment_services.create_person_without_account(
        first_name=first_name, last_name=last_name, phone=phone, by=staff
    )


def certificate_for(edition, person):
    return Certificate.objects.create(
        kind=Certificate.Kind.EDITION,
        person=person,
        edition=edition,
        holder_name=person.get_full_name(),
        title=edition.course.title,
        issuer_name="Sociale en Politieke Academie",
    )


@pytest.fixture
def two_marias(staff, offer):
    """Maria with an e-mail address (kept) and Maria enrolled by phone (the duplicate), who
    attended a session and holds a certificate of another edition."""
    kept = make_person("maria@example.org")
    kept.first_name, kept.last_name = "Maria", "Janssens"
    kept.save()
    Profile.objects.create(user=kept, municipality="Hasselt")
    duplicate = by_phone(staff=staff)
    Profile.objects.filter(user=duplicate).update(dietary_needs="Vegetarisch")
    edition = offer["edition"]
    enrolment = enrolment_services.enrol(edition, person=duplicate, by=staff).enrolment
    Attendance.objects.create(
        enrolment=enrolment, session=edition.sessions.order_by("starts_at").first(), status=Attendance.Status.PRESENT
    )
    past = make_edition(offer["course"], starts_in_days=-30, label="Voorjaar")
    certificate = certificate_for(past, duplicate)
    return kept, duplicate, enrolment, certificate


def test_merge_moves_enrolments_attendance_certificates_and_fills_the_profile(staff, two_marias):
    kept, duplicate, enrolment, certificate = two_marias

    merge_people(kept, duplicate=duplicate, by=staff)

    enrolment.refresh_from_db()
    certificate.refresh_from_db()
    duplicate.refresh_from_db()
    assert enrolment.person == kept and enrolment.status == Status.CONFIRMED
    assert Attendance.objects.get().enrolment == enrolment
    assert certificate.person == kept and certificate.code
    assert not duplicate.is_active
    profile = Profile.objects.get(user=kept)
    assert profile.municipality == "Hasselt"
    assert profile.phone == "0470 12 34 56" and profile.dietary_needs == "Vegetarisch"
    entry = ModelLogEntry.objects.get(action="academy.person.merge")
    assert entry.user == staff and entry.object_id == str(kept.pk)
    assert entry.data["duplicate"] == duplicate.pk
    assert ModelLogEntry.objects.filter(action="academy.person.merged_away", object_id=str(duplicate.pk)).exists()


def test_both_in_one_edition_keeps_the_confirmed_enrolment_and_the_best_marks(staff, offer):
    edition = offer["edition"]
    Edition.objects.filter(pk=edition.pk).update(capacity=1)
    edition.refresh_from_db()
    duplicate = by_phone(staff=staff)
    kept = by_phone(phone="011 22 33 44", staff=staff)
    confirmed = enrolment_services.enrol(edition, person=duplicate, by=staff).enrolment
    waitlisted = enrolment_services.enrol(edition, person=kept, by=staff).enrolment
    first, second = edition.sessions.order_by("starts_at")[:2]
    Attendance.objects.create(enrolment=confirmed, session=first, status=Attendance.Status.ABSENT)
    Attendance.objects.create(enrolment=waitlisted, session=first, status=Attendance.Status.PRESENT)
    Attendance.objects.create(enrolment=waitlisted, session=second, status=Attendance.Status.EXCUSED)

    state = merge_people(kept, duplicate=duplicate, by=staff)

    confirmed.refresh_from_db()
    waitlisted.refresh_from_db()
    assert confirmed.person == kept and confirmed.status == Status.CONFIRMED
    assert waitlisted.status == Status.CANCELLED and "samenvoegen" in waitlisted.cancellation_reason
    assert Enrolment.objects.filter(person=kept).active().count() == 1
    marks = dict(Attendance.objects.filter(enrolment=confirmed).values_list("session_id", "status"))
    assert marks == {first.pk: Attendance.Status.PRESENT, second.pk: Attendance.Status.EXCUSED}
    assert any("beide ingeschreven" in note for note in state.notes)
    entry = ModelLogEntry.objects.get(action="academy.person.merge")
    assert any("beide ingeschreven" in note for note in entry.data["notes"])


def test_a_seat_freed_by_the_merge_goes_to_the_waitlist(staff, offer):
    edition = offer["edition"]
    Edition.objects.filter(pk=edition.pk).update(capacity=2)
    duplicate = by_phone(staff=staff)
    kept = by_phone(phone="011 22 33 44", staff=staff)
    enrolment_services.enrol(edition, person=duplicate, by=staff)
    kept_enrolment = enrolment_services.enrol(edition, person=kept, by=staff).enrolment
    waiting = enrolment_services.enrol(edition, person=make_person(), by=staff).enrolment
    assert waiting.status == Status.WAITLISTED

    merge_people(kept, duplicate=duplicate, by=staff)

    waiting.refresh_from_db()
    kept_enrolment.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert Enrolment.objects.filter(edition=edition).confirmed().count() == 2
    # The earlier of two confirmed enrolments stays.
    assert kept_enrolment.status == Status.CANCELLED


def test_a_certificate_both_hold_stays_valid_with_the_duplicate(staff, offer):
    past = make_edition(offer["course"], starts_in_days=-30)
    duplicate = by_phone(staff=staff)
    kept = by_phone(phone="011 22 33 44", staff=staff)
    certificate_for(past, kept)
    theirs = certificate_for(past, duplicate)

    merge_people(kept, duplicate=duplicate, by=staff)

    theirs.refresh_from_db()
    assert theirs.person == duplicate and not theirs.is_revoked


@pytest.mark.parametrize("case", ["same", "email_into_none", "role", "merged"])
def test_refused_merges_change_nothing(staff, two_marias, case):
    kept, duplicate, enrolment, _certificate = two_marias
    if case == "same":
        pair = (kept, kept)
    elif case == "email_into_none":
        pair = (duplicate, kept)
    elif case == "role":
        pair = (kept, staff)
    else:
        get_user_model().objects.filter(pk=duplicate.pk).update(is_active=False)
        pair = (kept, duplicate)

    with pytest.raises(MergeError):
        merge_people(pair[0], duplicate=pair[1], by=staff)

    enrolment.refresh_from_db()
    assert enrolment.person_id == duplicate.pk
    assert not ModelLogEntry.objects.filter(action="academy.person.merge").exists()


def test_a_failing_app_rolls_the_whole_merge_back(staff, two_marias):
    kept, duplicate, enrolment, certificate = two_marias

    class Failing(PersonRecords):
        order = 99

        def move(self, kept, *, duplicate, by, state):
            raise MergeError("Mislukt")

    with hooks.register_temporarily(MERGE_PEOPLE, lambda: Failing()), pytest.raises(MergeError):
        merge_people(kept, duplicate=duplicate, by=staff)

    enrolment.refresh_from_db()
    certificate.refresh_from_db()
    duplicate.refresh_from_db()
    assert enrolment.person == duplicate and certificate.person == duplicate and duplicate.is_active


def test_staff_find_both_read_what_moves_and_confirm(client, staff, two_marias):
    kept, duplicate, enrolment, _certificate = two_marias
    client.force_login(staff)

    found = client.get(MERGE, {"q": "maria janssens"})
    confirmation = client.get(MERGE, {"q": "maria", "kept": kept.pk, "duplicate": duplicate.pk})

    assert found.status_code == 200
    assert f'name="duplicate" value="{duplicate.pk}"' in found.content.decode()
    html = confirmation.content.decode()
    assert "1 inschrijving gaat mee." in html
    assert "1 aanwezigheden gaan mee" in html
    assert "1 attesten gaan mee" in html
    enrolment.refresh_from_db()
    assert enrolment.person == duplicate

    response = client.post(MERGE, {"kept": kept.pk, "duplicate": duplicate.pk}, follow=True)

    assert "is samengevoegd in" in " ".join(str(message) for message in response.context["messages"])
    enrolment.refresh_from_db()
    assert enrolment.person == kept


def test_a_refused_merge_in_the_admin_says_why(client, staff, two_marias):
    kept, duplicate, _enrolment, _certificate = two_marias
    client.force_login(staff)

    response = client.get(MERGE, {"kept": duplicate.pk, "duplicate": kept.pk})

    assert "Behoud de persoon met het e-mailadres" in response.content.decode()


def test_people_without_the_merge_permission_are_refused(client, two_marias, offer):
    kept, duplicate, enrolment, _certificate = two_marias
    client.force_login(make_person("nieuwsgierig@example.org"))

    responses = [
        client.get(MERGE, {"q": "maria"}),
        client.post(MERGE, {"kept": kept.pk, "duplicate": duplicate.pk}),
    ]

    assert all(response.status_code in (302, 403) for response in responses)
    enrolment.refresh_from_db()
    assert enrolment.person == duplicate
