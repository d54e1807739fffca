"""The enrolment rules, exhaustively, against the database."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from wagtail.models import ModelLogEntry

from courses.models import Edition
from enrolment import services
from enrolment.exceptions import (
    AlreadyEnrolled,
    CancellationClosed,
    CapacityTooLow,
    EditionNotOpen,
    EnrolmentClosed,
    EnrolmentNotYetOpen,
    NotActive,
    ReasonRequired,
)
from enrolment.models import Enrolment
from enrolment.selectors import get_waitlist_position
from enrolment.tasks import promote_waitlist
from tests.factories import make_course, make_edition, make_person, make_site, make_track

Status = Enrolment.Status


@pytest.fixture
def edition(offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(capacity=2)
    return Edition.objects.get(pk=offer["edition"].pk)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("staff@example.org", "staff@example.org", "x", is_staff=True)


def test_enrol_confirms_while_there_are_seats(edition):
    person = make_person()

    outcome = services.enrol(edition, person=person)

    assert outcome.enrolment.status == Status.CONFIRMED
    assert outcome.enrolment.confirmed_at is not None
    assert outcome.enrolment.enrolled_by is None
    assert not outcome.is_waitlisted
    assert list(outcome.enrolment.events.values_list("status", flat=True)) == [Status.CONFIRMED]


def test_full_edition_puts_participant_on_waitlist_in_order(edition):
    for _ in range(2):
        services.enrol(edition, person=make_person())

    first = services.enrol(edition, person=make_person()).enrolment
    second = services.enrol(edition, person=make_person()).enrolment

    assert first.status == second.status == Status.WAITLISTED
    assert get_waitlist_position(first) == 1
    assert get_waitlist_position(second) == 2
    assert Enrolment.objects.filter(edition=edition).confirmed().count() == 2


def test_enrolling_twice_is_refused_and_changes_nothing(edition):
    person = make_person()
    services.enrol(edition, person=person)

    with pytest.raises(AlreadyEnrolled) as raised:
        services.enrol(edition, person=person)

    assert "al ingeschreven" in str(raised.value.message)
    assert Enrolment.objects.filter(person=person).count() == 1


def test_enrolment_window_is_enforced(edition):
    now = timezone.now()

    with pytest.raises(EnrolmentNotYetOpen):
        services.enrol(edition, person=make_person(), now=edition.enrolment_opens_at - timedelta(minutes=1))
    with pytest.raises(EnrolmentClosed):
        services.enrol(edition, person=make_person(), now=edition.enrolment_closes_at)
    assert not Enrolment.objects.exists()
    assert services.enrol(edition, person=make_person(), now=now).enrolment.status == Status.CONFIRMED


def test_staff_enrol_someone_outside_the_window_and_it_is_recorded(edition, staff):
    person = make_person()

    outcome = services.enrol(edition, person=person, by=staff, now=edition.enrolment_closes_at + timedelta(hours=1))

    assert outcome.enrolment.enrolled_by == staff
    entry = ModelLogEntry.objects.get(action="academy.enrolment.enrol")
    assert entry.user_id == staff.pk
    assert entry.data["person"] == person.pk


@pytest.mark.parametrize("status", [Edition.Status.DRAFT, Edition.Status.CANCELLED])
def test_unapproved_edition_cannot_be_enrolled_in(edition, status):
    Edition.objects.filter(pk=edition.pk).update(status=status)

    with pytest.raises(EditionNotOpen):
        services.enrol(edition, person=make_person())


def test_participant_cancels_before_the_deadline_and_the_record_stays(edition):
    person = make_person()
    enrolment = services.enrol(edition, person=person).enrolment

    cancelled = services.cancel_enrolment(enrolment, by=person)

    assert cancelled.status == Status.CANCELLED
    assert cancelled.cancelled_by == person
    assert cancelled.cancelled_at is not None
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert list(cancelled.events.values_list("status", flat=True)) == [Status.CONFIRMED, Status.CANCELLED]
    assert ModelLogEntry.objects.filter(action="academy.enrolment.cancel").count() == 1


def test_participant_cannot_cancel_after_the_deadline(edition):
    person = make_person()
    enrolment = services.enrol(edition, person=person).enrolment

    with pytest.raises(CancellationClosed):
        services.cancel_enrolment(enrolment, by=person, now=edition.starts_at)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_cancellation_deadline_can_be_set_per_edition(edition):
    Edition.objects.filter(pk=edition.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))
    person = make_person()
    enrolment = services.enrol(edition, person=person).enrolment

    with pytest.raises(CancellationClosed):
        services.cancel_enrolment(enrolment, by=person)


def test_waitlisted_person_can_always_leave_the_list(edition):
    for _ in range(2):
        services.enrol(edition, person=make_person())
    person = make_person()
    enrolment = services.enrol(edition, person=person).enrolment

    services.cancel_enrolment(enrolment, by=person, now=edition.starts_at + timedelta(hours=1))

    assert Enrolment.objects.get(pk=enrolment.pk).status == Status.CANCELLED


def test_staff_cancel_at_any_time_but_only_with_a_reason(edition, staff):
    enrolment = services.enrol(edition, person=make_person()).enrolment

    with pytest.raises(ReasonRequired):
        services.cancel_enrolment(enrolment, by=staff, reason="  ")
    services.cancel_enrolment(enrolment, by=staff, reason="Ziek gemeld per telefoon", now=edition.starts_at)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED
    assert enrolment.cancellation_reason == "Ziek gemeld per telefoon"
    assert enrolment.cancelled_by == staff


def test_cancelling_twice_is_refused(edition):
    person = make_person()
    enrolment = services.enrol(edition, person=person).enrolment
    services.cancel_enrolment(enrolment, by=person)

    with pytest.raises(NotActive):
        services.cancel_enrolment(enrolment, by=person)


def test_a_cancellation_promotes_the_first_on_the_waitlist(edition, django_capture_on_commit_callbacks):
    people = [make_person() for _ in range(4)]
    enrolments = [services.enrol(edition, person=person).enrolment for person in people]

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrolment(enrolments[0], by=people[0])

    statuses = [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in enrolments]
    assert statuses == [Status.CANCELLED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert get_waitlist_position(Enrolment.objects.get(pk=enrolments[3].pk)) == 1
    assert ModelLogEntry.objects.filter(action="academy.enrolment.promote").count() == 1


def test_a_cancellation_promotes_within_its_own_transaction(edition):
    people = [make_person() for _ in range(3)]
    enrolments = [services.enrol(edition, person=person).enrolment for person in people]

    # No on-commit callback runs here: the promotion must not wait for a queued task.
    services.cancel_enrolment(enrolments[1], by=people[1])

    assert Enrolment.objects.get(pk=enrolments[2].pk).status == Status.CONFIRMED
    assert Enrolment.objects.filter(edition=edition).confirmed().count() == 2


def test_leaving_the_waitlist_promotes_nobody_and_confirms_nobody_extra(edition):
    people = [make_person() for _ in range(4)]
    enrolments = [services.enrol(edition, person=person).enrolment for person in people]

    services.cancel_enrolment(enrolments[2], by=people[2])

    statuses = [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in enrolments]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.CANCELLED, Status.WAITLISTED]


def test_the_promote_waitlist_task_still_fills_free_seats(edition):
    enrolments = [services.enrol(edition, person=make_person()).enrolment for _ in range(3)]
    Enrolment.objects.filter(pk=enrolments[0].pk).update(status=Status.CANCELLED, cancelled_at=timezone.now())

    promote_waitlist.enqueue(edition.pk)

    assert Enrolment.objects.get(pk=enrolments[2].pk).status == Status.CONFIRMED


def test_fill_free_seats_refuses_to_run_outside_a_transaction(transactional_db):
    _home, catalogue = make_site()
    edition = make_edition(make_course(make_track(catalogue)))

    with pytest.raises(TransactionManagementError):
        services.fill_free_seats(edition)


def test_a_newcomer_does_not_take_a_seat_that_belongs_to_the_waitlist(edition):
    people = [make_person() for _ in range(3)]
    enrolments = [services.enrol(edition, person=person).enrolment for person in people]
    # A seat left free beside a waitlist, as an older queued promotion that got lost left it.
    Enrolment.objects.filter(pk=enrolments[0].pk).update(status=Status.CANCELLED, cancelled_at=timezone.now())

    newcomer = services.enrol(edition, person=make_person()).enrolment

    assert newcomer.status == Status.WAITLISTED
    assert services.promote_from_waitlist(edition) == [Enrolment.objects.get(pk=enrolments[2].pk)]


def test_raising_the_capacity_promotes_the_waitlist_in_order(edition, staff):
    enrolments = [services.enrol(edition, person=make_person()).enrolment for _ in range(5)]

    edition.capacity = 4
    services.save_edition(edition, by=staff)

    statuses = [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in enrolments]
    assert statuses == [Status.CONFIRMED] * 4 + [Status.WAITLISTED]


def test_capacity_cannot_drop_below_the_confirmed_enrolments(edition, staff):
    for _ in range(2):
        services.enrol(edition, person=make_person())

    edition.capacity = 1
    with pytest.raises(CapacityTooLow) as raised:
        services.save_edition(edition, by=staff)

    assert "bevestigde inschrijvingen (2)" in str(raised.value.message)
    assert Edition.objects.get(pk=edition.pk).capacity == 2


def test_overlapping_sessions_give_a_warning_not_a_block(offer):
    person = make_person()
    services.enrol(offer["edition"], person=person)
    session = offer["edition"].sessions.order_by("starts_at").first()
    other = make_edition(offer["course"], starts_in_days=0)
    other.sessions.update(
        starts_at=session.starts_at + timedelta(hours=1), ends_at=session.ends_at + timedelta(hours=1)
    )
    Edition.objects.filter(pk=other.pk).update(enrolment_closes_at=session.starts_at)

    outcome = services.enrol(other, person=person)

    assert outcome.enrolment.status == Status.CONFIRMED
    assert [found.pk for found in outcome.overlapping_sessions] == [session.pk]
