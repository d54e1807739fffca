"""Completion rules at their edges: the threshold, excused absences, late enrolment, cancellation."""

from datetime import timedelta

import pytest

from django.utils import timezone

from attendance import services
from attendance.completion import get_completion
from attendance.exceptions import AttendanceError, NotAParticipant, SessionNotStarted
from attendance.models import Attendance
from enrolment.models import Enrolment
from tests.factories import make_course, make_edition, make_person

PRESENT, ABSENT, EXCUSED = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED


@pytest.fixture
def trainer(db):
    return make_person("lesgever@example.org")


@pytest.fixture
def edition(offer):
    """Five sessions, all past; the course asks 80 %."""
    course = make_course(offer["basic"], title="Vijf avonden", attendance_threshold=80)
    return make_edition(course, sessions=5, starts_in_days=-40)


def enrol_confirmed(edition, *, joined_at=None):
    enrolment = Enrolment.objects.create(person=make_person(), edition=edition, status=Enrolment.Status.CONFIRMED)
    joined_at = joined_at or edition.starts_at - timedelta(days=5)
    Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
    enrolment.refresh_from_db()
    return enrolment


def mark(edition, enrolment, statuses, *, by):
    for session, status in zip(edition.sessions.order_by("starts_at"), statuses, strict=False):
        if status:
            services.record_attendance(session, marks={enrolment.pk: status}, by=by)


def test_exactly_at_the_threshold_completes(edition, trainer):
    enrolment = enrol_confirmed(edition)
    mark(edition, enrolment, [PRESENT, PRESENT, PRESENT, PRESENT, ABSENT], by=trainer)

    completion = get_completion(enrolment)

    assert (completion.attended, completion.owed, completion.is_completed) == (4, 5, True)


def test_one_session_below_the_threshold_does_not_complete(edition, trainer):
    enrolment = enrol_confirmed(edition)
    mark(edition, enrolment, [PRESENT, PRESENT, PRESENT, ABSENT, ABSENT], by=trainer)

    assert not get_completion(enrolment).is_completed


def test_an_unrecorded_session_counts_as_not_attended(edition, trainer):
    enrolment = enrol_confirmed(edition)
    mark(edition, enrolment, [PRESENT, PRESENT, PRESENT], by=trainer)

    completion = get_completion(enrolment)

    assert (completion.attended, completion.owed, completion.is_completed) == (3, 5, False)


def test_excused_absence_counts_only_where_the_course_says_so(edition, trainer):
    enrolment = enrol_confirmed(edition)
    mark(edition, enrolment, [PRESENT, PRESENT, PRESENT, EXCUSED, ABSENT], by=trainer)

    assert not get_completion(enrolment).is_completed

    edition.course.excused_absence_counts = True
    edition.course.save()
    enrolment.refresh_from_db()

    assert get_completion(enrolment).is_completed


def test_sessions_before_a_late_enrolment_are_not_owed(edition, trainer):
    sessions = list(edition.sessions.order_by("starts_at"))
    # Got a seat after the second session: three sessions left, 80 % of three is three.
    enrolment = enrol_confirmed(edition, joined_at=sessions[1].starts_at + timedelta(hours=1))
    mark(edition, enrolment, [None, None, PRESENT, PRESENT, PRESENT], by=trainer)

    completion = get_completion(enrolment)

    assert (completion.attended, completion.owed, completion.is_completed) == (3, 3, True)


def test_a_late_enroller_marked_present_earlier_has_that_session_counted(edition, trainer):
    sessions = list(edition.sessions.order_by("starts_at"))
    enrolment = enrol_confirmed(edition, joined_at=sessions[1].starts_at + timedelta(hours=1))
    mark(edition, enrolment, [PRESENT, None, PRESENT, PRESENT, ABSENT], by=trainer)

    completion = get_completion(enrolment)

    assert (completion.attended, completion.owed, completion.is_completed) == (3, 4, False)


def test_a_cancelled_enrolment_never_completes(edition, trainer):
    enrolment = enrol_confirmed(edition)
    mark(edition, enrolment, [PRESENT] * 5, by=trainer)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now())
    enrolment.refresh_from_db()

    assert not get_completion(enrolment).is_completed


def test_marks_for_someone_outside_the_edition_change_nothing(edition, offer, trainer):
    enrolment = enrol_confirmed(edition)
    other = enrol_confirmed(make_edition(offer["course"], starts_in_days=-40))
    session = edition.sessions.first()

    with pytest.raises(NotAParticipant):
        services.record_attendance(session, marks={enrolment.pk: PRESENT, other.pk: PRESENT}, by=trainer)

    assert not Attendance.objects.exists()


def test_waitlisted_people_cannot_be_marked(edition, trainer):
    waitlisted = Enrolment.objects.create(person=make_person(), edition=edition, status=Enrolment.Status.WAITLISTED)

    with pytest.raises(NotAParticipant):
        services.record_attendance(edition.sessions.first(), marks={waitlisted.pk: PRESENT}, by=trainer)


def test_present_before_the_session_begins_is_refused_but_excused_is_not(offer, trainer):
    edition = make_edition(offer["course"], sessions=2, starts_in_days=3)
    enrolment = enrol_confirmed(edition)
    session = edition.sessions.first()

    with pytest.raises(SessionNotStarted):
        services.record_attendance(session, marks={enrolment.pk: PRESENT}, by=trainer)
    assert services.record_attendance(session, marks={enrolment.pk: EXCUSED}, by=trainer) == 1


def test_an_unknown_status_is_refused(edition, trainer):
    enrolment = enrol_confirmed(edition)

    with pytest.raises(AttendanceError):
        services.record_attendance(edition.sessions.first(), marks={enrolment.pk: "misschien"}, by=trainer)
    assert not Attendance.objects.exists()


def test_recording_the_same_mark_twice_changes_nothing(edition, trainer):
    enrolment = enrol_confirmed(edition)
    session = edition.sessions.first()

    assert services.record_attendance(session, marks={enrolment.pk: PRESENT}, by=trainer) == 1
    assert services.record_attendance(session, marks={enrolment.pk: PRESENT}, by=trainer) == 0
    assert services.record_attendance(session, marks={enrolment.pk: ABSENT}, by=trainer) == 1
    assert Attendance.objects.get().status == ABSENT
