"""Who may enrol: audiences, the basic package before the advanced one, exemptions."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model

from accounts.services import get_or_create_profile
from attendance.models import Attendance
from certificates.progress import get_package_progress
from courses.models import Audience, Edition
from enrolment import services
from enrolment.exceptions import NotForThisAudience, PrerequisiteMissing
from enrolment.models import Enrolment, PackageExemption
from tests.factories import make_course, make_edition, make_person


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("staff@example.org", "staff@example.org", "x", is_staff=True)


def test_edition_for_officials_refuses_others_with_a_clear_message(offer):
    edition = offer["edition"]
    edition.restricted_to_audiences.set(Audience.objects.filter(code="mandataris"))
    person = make_person()

    with pytest.raises(NotForThisAudience) as raised:
        services.enrol(edition, person=person)

    assert "voorbehouden aan: mandatarissen" in str(raised.value.message)
    assert not Enrolment.objects.exists()


def test_edition_for_officials_accepts_an_official(offer):
    edition = offer["edition"]
    edition.restricted_to_audiences.set(Audience.objects.filter(code="mandataris"))
    person = make_person()
    get_or_create_profile(person).roles.set(Audience.objects.filter(code__in=["mandataris", "vrijwilliger"]))

    assert services.enrol(edition, person=person).enrolment.status == Enrolment.Status.CONFIRMED


def test_staff_may_enrol_someone_outside_the_audience(offer, staff):
    offer["edition"].restricted_to_audiences.set(Audience.objects.filter(code="mandataris"))

    assert services.enrol(offer["edition"], person=make_person(), by=staff).enrolment.pk


@pytest.fixture
def advanced_edition(offer):
    course = make_course(offer["advanced"], title="Begroting lezen", is_required=True)
    # After the basic course has ended: an edition that has ended takes no enrolments.
    return make_edition(course, province="antwerpen", starts_in_days=60)


def test_advanced_package_needs_the_basic_package_first(offer, advanced_edition):
    person = make_person()

    with pytest.raises(PrerequisiteMissing) as raised:
        services.enrol(advanced_edition, person=person)

    assert "eerst" in str(raised.value.message)
    assert not Enrolment.objects.exists()


def test_completed_basic_package_opens_the_advanced_one(offer, advanced_edition):
    person = make_person()
    enrolment = services.enrol(offer["edition"], person=person).enrolment
    # Basic package: one required course, attended in full; no electives available.
    for session in offer["edition"].sessions.all():
        Attendance.objects.create(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)
    after = offer["edition"].ends_at + timedelta(days=1)
    Edition.objects.filter(pk=advanced_edition.pk).update(enrolment_closes_at=after + timedelta(days=30))

    outcome = services.enrol(advanced_edition, person=person, now=after)

    assert outcome.enrolment.status == Enrolment.Status.CONFIRMED


def test_an_exemption_counts_as_the_basic_package(offer, advanced_edition, staff):
    person = make_person()
    PackageExemption.objects.create(
        person=person, package=offer["basic"], reason="Jaren gemeenteraadslid", granted_by=staff
    )

    assert services.enrol(advanced_edition, person=person).enrolment.pk


def test_package_progress_counts_required_courses_and_enough_electives(offer):
    person = make_person()
    elective_a = make_course(offer["basic"], title="Keuze A")
    elective_b = make_course(offer["basic"], title="Keuze B")
    for course in (offer["course"], elective_a, elective_b):
        edition = make_edition(course, starts_in_days=-10)
        enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
        Enrolment.objects.filter(pk=enrolment.pk).update(created_at=edition.starts_at - timedelta(days=1))
        Attendance.objects.create(enrolment=enrolment, session=edition.sessions.get(), status=Attendance.Status.PRESENT)

    [progress] = get_package_progress(person, [offer["basic"]])

    # One required course plus one elective (electives_required=1); the second elective adds nothing.
    assert (progress.completed, progress.needed, progress.is_complete) == (2, 2, True)


def test_dashboard_shows_package_progress(client, offer):
    person = make_person()
    services.enrol(offer["edition"], person=person)
    make_course(offer["basic"], title="Keuze A")
    client.force_login(person)

    html = client.get("/mijn/").content.decode()

    assert "0 van 2 vormingen voltooid" in html


def test_staff_record_an_exemption_in_the_admin(client, offer):
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "x")
    person = make_person()
    client.force_login(admin)

    response = client.post(
        "/admin/exemptions/new/",
        {"person": person.pk, "package": offer["basic"].pk, "reason": "Twaalf jaar schepen"},
    )

    assert response.status_code == 302
    exemption = PackageExemption.objects.get()
    assert (exemption.person, exemption.granted_by, exemption.reason) == (person, admin, "Twaalf jaar schepen")
