"""Enrol, cancel and promote: the only code that takes or frees seats.

Every service that takes a seat locks the edition row once, before counting, inside a
durable transaction, so confirmed enrolments never exceed capacity, also under concurrent
requests on PostgreSQL (SQLite serialises writers itself, in IMMEDIATE mode).
"""

from dataclasses import dataclass, field
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.log_actions import log

from courses.models import Edition
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
from enrolment.models import Enrolment, EnrolmentEvent
from enrolment.selectors import list_overlapping_sessions


@dataclass
class EnrolmentOutcome:
    enrolment: Enrolment
    overlapping_sessions: list = field(default_factory=list)

    @property
    def is_waitlisted(self):
        return self.enrolment.status == Enrolment.Status.WAITLISTED


def _acting_on_behalf(person, by):
    return by is not None and by.pk != person.pk


def _notify(enrolment, kind):
    from enrolment.tasks import send_enrolment_mail

    transaction.on_commit(partial(send_enrolment_mail.enqueue, enrolment.pk, kind))


def _record(enrolment, *, by, note="", action):
    EnrolmentEvent.objects.create(enrolment=enrolment, status=enrolment.status, by=by, note=note)
    log(
        enrolment,
        action,
        user=by,
        data={"status": enrolment.status, "edition": enrolment.edition_id, "person": enrolment.person_id, "note": note},
    )


def enrol(edition: Edition, *, person, by=None, now=None) -> EnrolmentOutcome:
    """Enrol the person in the edition, or put them on its waitlist when it is full.

    Staff acting on someone's behalf (by) may enrol outside the enrolment window. Raise
    EditionNotOpen for an edition that is not approved, EnrolmentNotYetOpen and
    EnrolmentClosed outside the window, AlreadyEnrolled for a second active enrolment.
    """
    now = now or timezone.now()
    on_behalf = _acting_on_behalf(person, by)
    with transaction.atomic(durable=True):
        # The one lock that serialises every seat-taking service for this edition.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != Edition.Status.APPROVED:
            raise EditionNotOpen
        if not on_behalf:
            if now < edition.enrolment_opens_at:
                raise EnrolmentNotYetOpen
            if now >= edition.enrolment_closes_at:
                raise EnrolmentClosed
        if Enrolment.objects.active().filter(person=person, edition=edition).exists():
            raise AlreadyEnrolled
        enrolments = Enrolment.objects.filter(edition=edition)
        confirmed = enrolments.confirmed().count()
        # A seat freed while people wait belongs to the first of them, not to a newcomer.
        has_room = confirmed < edition.capacity and not enrolments.waitlisted().exists()
        status = Enrolment.Status.CONFIRMED if has_room else Enrolment.Status.WAITLISTED
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    person=person,
                    edition=edition,
                    status=status,
                    enrolled_by=by if on_behalf else None,
                    confirmed_at=now if has_room else None,
                )
        except IntegrityError as error:
            raise AlreadyEnrolled from error
        _record(enrolment, by=by or person, action="academy.enrolment.enrol")
        _notify(enrolment, "confirmed" if has_room else "waitlisted")
    return EnrolmentOutcome(enrolment, list(list_overlapping_sessions(enrolment)))


def cancel_enrolment(enrolment: Enrolment, *, by, reason="", now=None) -> Enrolment:
    """Cancel the enrolment, keeping its record, and hand a freed seat to the waitlist.

    A participant cancels their own enrolment until the edition's cancellation deadline
    (leaving the waitlist is always possible); staff cancel at any time, with a reason.
    Raise NotActive, CancellationClosed or ReasonRequired.
    """
    now = now or timezone.now()
    on_behalf = _acting_on_behalf(enrolment.person, by)
    reason = reason.strip()
    if on_behalf and not reason:
        raise ReasonRequired
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().select_related("edition").get(pk=enrolment.pk)
        if not enrolment.is_active:
            raise NotActive
        was_confirmed = enrolment.status == Enrolment.Status.CONFIRMED
        deadline = enrolment.edition.effective_cancellation_deadline
        if was_confirmed and not on_behalf and deadline is not None and now >= deadline:
            raise CancellationClosed
        enrolment.status = Enrolment.Status.CANCELLED
        enrolment.cancelled_at = now
        enrolment.cancelled_by = by
        enrolment.cancellation_reason = reason
        enrolment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason", "updated_at"])
        _record(enrolment, by=by, note=reason, action="academy.enrolment.cancel")
        _notify(enrolment, "cancelled")
        if was_confirmed:
            # Freeing a seat needs no lock on the edition; the promotion takes it.
            from enrolment.tasks import promote_waitlist

            transaction.on_commit(partial(promote_waitlist.enqueue, enrolment.edition_id))
    return enrolment


def promote_from_waitlist(edition: Edition, *, now=None) -> list[Enrolment]:
    """Confirm the first people on the waitlist, in order, as far as there are free seats."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        free = edition.capacity - Enrolment.objects.filter(edition=edition).confirmed().count()
        if free <= 0:
            return []
        promoted = list(Enrolment.objects.filter(edition=edition).in_waitlist_order()[:free])
        for enrolment in promoted:
            enrolment.status = Enrolment.Status.CONFIRMED
            enrolment.confirmed_at = now
            enrolment.save(update_fields=["status", "confirmed_at", "updated_at"])
            _record(enrolment, by=None, action="academy.enrolment.promote")
            _notify(enrolment, "promoted")
    return promoted


def change_capacity(edition: Edition, *, capacity: int, by) -> Edition:
    """Set the edition's capacity and promote from the waitlist into any new seats.

    Raise CapacityTooLow below the number of confirmed enrolments.
    """
    with transaction.atomic(durable=True):
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if capacity < max(Enrolment.objects.filter(edition=edition).confirmed().count(), 1):
            raise CapacityTooLow
        previous = edition.capacity
        edition.capacity = capacity
        edition.save(update_fields=["capacity", "updated_at"])
        log(edition, "wagtail.edit", user=by, data={"capacity": [previous, capacity]})
    if capacity > previous:
        promote_from_waitlist(edition)
    return edition
