"""A hand-counted fixture for the reports: two programme years, two tracks, two provinces.

Every expected figure in the tests is counted by hand from this table (each session lasts 3 h):

| edition | course | year | province | places | sessions |
|---|---|---|---|---|---|
| E1 | A | 2025-2026 | Antwerpen | 4 | 2, past |
| E2 | B | 2025-2026 | Limburg | 2 | 1, past |
| E6 | B | 2025-2026 | Antwerpen | 5 | 1, past, no attendance taken |
| E3 | A | 2026-2027 | Limburg | 3 | 2, past |
| E4 | B | 2026-2027 | Antwerpen | 4 | 1, upcoming |
| E5 | A, edition cancelled | 2026-2027 | Limburg | 5 | 1, upcoming |

Enrolments (C: confirmed, a seat):
E1: P1 C (present 2), P2 C (present 1, absent 1), P3 C (absent 2), P4 cancelled.
E2: P1 C (present), P5 C (excused), P6 waiting.
E6: P7 C (no attendance recorded for anyone).
E3: P1 C (present 1, absent 1), P2 C after the waitlist (present 2), P6 C (absent 1), P5 waiting.
E4: P3 C, P7 C, P8 waitlisted then cancelled.
E5: P4 cancelled by the academy.

Course A (track Politieke vorming): studiedag, for volunteers, with partner ACV.
Course B (track Sociale vorming): avond, for volunteers and elected officials, no partner.
"""

from datetime import date, timedelta

import pytest

from django.utils import timezone

from attendance.models import Attendance
from courses.models import Edition, ProgrammeYear
from enrolment.models import Enrolment, EnrolmentEvent
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests import factories

C = Enrolment.Status.CONFIRMED
W = Enrolment.Status.WAITLISTED
PRESENT, ABSENT, EXCUSED = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED


@pytest.fixture
def steering_member(db):
    return factories.make_member(STEERING_GROUP)


@pytest.fixture
def staff_member(db):
    return factories.make_member(STAFF)


@pytest.fixture
def trainer(db):
    return factories.make_member(TRAINERS)


def enrol(edition, person, status=C, *, waitlisted_first=False):
    now = timezone.now()
    cancelled = status in (Enrolment.Status.CANCELLED, Enrolment.Status.CANCELLED_BY_ACADEMY)
    enrolment = Enrolment.objects.create(
        person=person,
        edition=edition,
        status=status,
        confirmed_at=now if status == C else None,
        cancelled_at=now if cancelled else None,
    )
    if waitlisted_first:
        EnrolmentEvent.objects.create(enrolment=enrolment, status=W)
    EnrolmentEvent.objects.create(enrolment=enrolment, status=status)
    return enrolment


def attend(enrolment, *statuses):
    for session, status in zip(enrolment.edition.sessions.order_by("starts_at"), statuses, strict=False):
        Attendance.objects.create(enrolment=enrolment, session=session, status=status)


@pytest.fixture
def figures(site):
    catalogue = site["catalogue"]
    politics = factories.make_track(catalogue, slug="politieke-vorming", title="Politieke vorming")
    social = factories.make_track(catalogue, slug="sociale-vorming", title="Sociale vorming")
    acv = factories.make_partner("ACV")
    course_a = factories.make_course(politics, format="studiedag", audiences=["vrijwilliger"], partners=[acv])
    course_b = factories.make_course(social, format="avond", audiences=["vrijwilliger", "mandataris"])
    last_year = ProgrammeYear.objects.create(
        name="2025-2026", starts_on=date(2025, 9, 1), ends_on=date(2026, 8, 31), is_published=True
    )
    this_year = ProgrammeYear.objects.create(
        name="2026-2027", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31), is_published=True
    )

    def edition(course, year, province, capacity, starts_in_days, sessions, **fields):
        return factories.make_edition(
            course,
            programme_year=year,
            province=province,
            capacity=capacity,
            starts_in_days=starts_in_days,
            sessions=sessions,
            **fields,
        )

    e1 = edition(course_a, last_year, "antwerpen", 4, -200, 2)
    e2 = edition(course_b, last_year, "limburg", 2, -150, 1, scope="provinciaal")
    e6 = edition(course_b, last_year, "antwerpen", 5, -100, 1)
    e3 = edition(course_a, this_year, "limburg", 3, -20, 2)
    e4 = edition(course_b, this_year, "antwerpen", 4, 30, 1, scope="nationaal")
    e5 = edition(course_a, this_year, "limburg", 5, 40, 1, status=Edition.Status.CANCELLED)
    p1, p2, p3, p4, p5, p6, p7, p8 = (factories.make_person(f"p{n}@example.org") for n in range(1, 9))

    attend(enrol(e1, p1), PRESENT, PRESENT)
    attend(enrol(e1, p2), PRESENT, ABSENT)
    attend(enrol(e1, p3), ABSENT, ABSENT)
    enrol(e1, p4, Enrolment.Status.CANCELLED)
    attend(enrol(e2, p1), PRESENT)
    attend(enrol(e2, p5), EXCUSED)
    enrol(e2, p6, W)
    enrol(e6, p7)
    attend(enrol(e3, p1), PRESENT, ABSENT)
    attend(enrol(e3, p2, waitlisted_first=True), PRESENT, PRESENT)
    attend(enrol(e3, p6), ABSENT)
    enrol(e3, p5, W)
    enrol(e4, p3)
    enrol(e4, p7)
    enrol(e4, p8, Enrolment.Status.CANCELLED, waitlisted_first=True)
    enrol(e5, p4, Enrolment.Status.CANCELLED_BY_ACADEMY)
    return {"last_year": last_year, "this_year": this_year, "editions": [e1, e2, e3, e4, e5, e6]}


@pytest.fixture
def many_rows(figures):
    """The fixture again, and many more editions, people, enrolments and attendances on top."""
    courses = [factories.make_course(figures["editions"][0].course.get_parent()) for _ in range(6)]
    partners = [factories.make_partner(f"Partner {n}") for n in range(4)]
    for index, course in enumerate(courses):
        course.partner_organisations.set(partners[: 1 + index % 4])
        course.save()
    provinces = ["antwerpen", "limburg", "brussel", "oost-vlaanderen"]
    for index in range(16):
        year = figures["last_year"] if index % 2 else figures["this_year"]
        edition = factories.make_edition(
            courses[index % 6],
            programme_year=year,
            province=provinces[index % 4],
            capacity=6,
            starts_in_days=-60 + index * 7,
            sessions=2,
        )
        for number in range(7):
            status = C if number < 6 else W
            enrolment = enrol(edition, factories.make_person(), status, waitlisted_first=number == 5)
            if status == C and edition.ends_at < timezone.now() - timedelta(hours=1):
                attend(enrolment, PRESENT if number % 3 else ABSENT, PRESENT)
    return figures
