"""Enrol, cancel, promote and move: the only code that takes or frees seats.

The one lock order. Every service that touches seats (enrol, cancel or leave the
waitlist, promote, move to another edition, change capacity, cancel an edition) runs in
one transaction.atomic() and:

1. locks the edition row first, with lock_edition() (``select_for_update(of=("self",))``),
   before it counts or touches enrolments; several editions with lock_editions(), in
   primary-key order;
2. only then locks enrolment rows, with ``select_for_update(of=("self",))`` when a row
   must be locked.

``select_for_update()`` combined with ``select_related()`` (or a filter across a relation)
without ``of`` locks every joined row too, the edition included, in whatever order the
query meets them: that is how a cancellation and a promotion deadlocked. Never lock
without ``of`` across a join. A service that must be atomic with another one calls its
locked inner function inside the caller's transaction (fill_free_seats(), and here
_enrol_locked() and _cancel_locked()) rather than opening a durable block of its own: a
cancellation hands its freed seat to the waitlist in its own transaction, so no lost task
can leave a seat empty. The edition lock serialises every seat change of an
edition, so confirmed enrolments never exceed capacity, also under concurrent requests on
PostgreSQL (SQLite ignores row locks and serialises writers itself).

The extension point. Apps above enrolment that keep something per enrolment (payments)
register a Wagtail hook named enrolment.extensions.ENROLMENT_CHANGED. Every status change (enrol,
waitlist, promote, cancel, cancel by the academy) calls each such hook inside the
service's transaction, under the edition lock, as
``hook(enrolment, action=..., by=..., details=...)``: ``details`` holds what the person
answered at enrolment for those apps (for example the rate they pay), empty otherwise. A
hook that raises an EnrolmentError refuses the change: nothing of it is kept. A hook, not
a signal: it is part of the core flow, runs in its transaction and may refuse it; and
enrolment names no upper module.
"""

import secrets
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.log_actions import log

from academy.task_queue import enqueue_in_transaction
from courses.models import BookingState, CoursePage, Edition, Session
from courses.selectors import get_booking_state
from courses.services import refresh_edition_schedule
from enrolment import tasks
from enrolment.eligibility import get_missing_package, is_in_audience, list_person_audience_ids
from enrolment.exceptions import (
    AlreadyEnrolled,
    CancellationClosed,
    CapacityTooLow,
    EditionAlreadyCancelled,
    EditionCancellationReasonRequired,
    EditionCancelled,
    EditionNotOpen,
    EnrolmentClosed,
    EnrolmentError,
    EnrolmentNotYetOpen,
    NotActive,
    NotForThisAudience,
    PossibleDuplicate,
    PrerequisiteMissing,
    ReasonRequired,
)
from enrolment.extensions import ENROLMENT_CHANGED
from enrolment.models import Enrolment, EnrolmentEvent, PackageExemption
from enrolment.people import list_possible_duplicates
from enrolment.selectors import list_editions_with_free_seats_and_waitlist, list_overlapping_sessions, may_cancel_own


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
    enqueue_in_transaction(tasks.send_enrolment_mail, enrolment.pk, kind)


ENROL_ACTION = "academy.enrolment.enrol"
PROMOTE_ACTION = "academy.enrolment.promote"
CANCEL_ACTION = "academy.enrolment.cancel"


def _record(enrolment, *, by, note="", action, details=None):
    EnrolmentEvent.objects.create(enrolment=enrolment, status=enrolment.status, by=by, note=note)
    log(
        enrolment,
        action,
        user=by,
        data={"status": enrolment.status, "edition": enrolment.edition_id, "person": enrolment.person_id, "note": note},
    )
    for hook in hooks.get_hooks(ENROLMENT_CHANGED):
        hook(enrolment, action=action, by=by, details=details or {})


def lock_edition(edition_id: int) -> Edition:
    """Lock the edition row, and only that row, until the caller's transaction ends.

    The first lock of every service that touches seats (see the module docstring).
    """
    return Edition.objects.select_for_update(of=("self",)).get(pk=edition_id)


def lock_editions(edition_ids) -> dict[int, Edition]:
    """Lock several edition rows in primary-key order and return them by primary key.

    A fixed order means two services locking the same editions never wait on each other
    crosswise (a move from A to B at the same time as one from B to A).
    """
    return {
        edition.pk: edition
        for edition in Edition.objects.select_for_update(of=("self",)).filter(pk__in=edition_ids).order_by("pk")
    }


def _require_transaction():
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("Call this inside the transaction that locked the edition.")


def fill_free_seats(edition: Edition, *, now=None) -> list[Enrolment]:
    """Confirm the first people on the waitlist, in order, as far as there are free seats.

    The caller has locked the edition with lock_edition() in its open transaction; the
    promotions commit or roll back with the caller's change. Record each promotion and
    mail the promoted people after commit. Raise TransactionManagementError outside a
    transaction.
    """
    _require_transaction()
    now = now or timezone.now()
    enrolments = Enrolment.objects.filter(edition_id=edition.pk)
    free = edition.capacity - enrolments.confirmed().count()
    if free <= 0:
        return []
    promoted = list(enrolments.in_waitlist_order().select_for_update(of=("self",))[:free])
    for enrolment in promoted:
        enrolment.status = Enrolment.Status.CONFIRMED
        enrolment.confirmed_at = now
        enrolment.save(update_fields=["status", "confirmed_at", "updated_at"])
        _record(enrolment, by=None, action=PROMOTE_ACTION)
        _notify(enrolment, "promoted")
    return promoted


def _check_audience(edition, person):
    if not is_in_audience(edition, list_person_audience_ids(person)):
        raise NotForThisAudience(
            _("Deze editie is voorbehouden aan: %(audiences)s. Vul je rollen aan in je profiel.")
            % {"audiences": ", ".join(str(audience).lower() for audience in edition.restricted_to_audiences.all())}
        )


def _check_prerequisite(edition, person):
    missing = get_missing_package(edition.course, person)
    if missing is not None:
        raise PrerequisiteMissing(
            _(
                "Voor “%(package)s” moet je eerst “%(required)s” voltooid hebben, "
                "of een vrijstelling krijgen van de academie."
            )
            % {"package": edition.course.package.title, "required": missing.title}
        )


def _check_bookable(edition, *, now, on_behalf):
    """Refuse an enrolment in an edition that is not bookable (EditionQuerySet.with_booking_state).

    Staff acting on someone's behalf may enrol before the window opens, after it closes
    and after the edition ended, but never in an edition that is not public (a draft, a
    submitted edition, an approved edition in an unpublished programme year, an edition of
    a retired or unpublished course) or that is cancelled. Raise EditionNotOpen,
    EditionCancelled, EnrolmentNotYetOpen or EnrolmentClosed.
    """
    state = get_booking_state(edition, now=now)
    if state == BookingState.NOT_PUBLIC:
        raise EditionNotOpen
    if state == BookingState.CANCELLED:
        raise EditionCancelled
    if on_behalf:
        return
    if state == BookingState.NOT_YET_OPEN:
        raise EnrolmentNotYetOpen
    if state == BookingState.CLOSED:
        raise EnrolmentClosed


def _enrol_locked(edition: Edition, *, person, by, now, via_partner=None, details=None) -> Enrolment:
    """Enrol the person in the edition that the caller has locked, or waitlist them."""
    on_behalf = _acting_on_behalf(person, by)
    edition.course = CoursePage.objects.select_related("package__required_package").get(pk=edition.course_id)
    _check_bookable(edition, now=now, on_behalf=on_behalf)
    if Enrolment.objects.active().filter(person=person, edition=edition).exists():
        raise AlreadyEnrolled
    if not on_behalf:
        _check_audience(edition, person)
    _check_prerequisite(edition, person)
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
                via_partner=via_partner,
            )
    except IntegrityError as error:
        raise AlreadyEnrolled from error
    _record(enrolment, by=by or person, action=ENROL_ACTION, details=details)
    _notify(enrolment, "confirmed" if has_room else "waitlisted")
    return enrolment


def enrol(edition: Edition, *, person, by=None, now=None, via_partner=None, details=None) -> EnrolmentOutcome:
    """Enrol the person in the edition, or put them on its waitlist when it is full.

    via_partner is the PartnerOrganisation through whose channel (embedded offer, feed,
    link) the person came; the enrolment records it for the partner channel figures.

    Staff acting on someone's behalf (by) may enrol outside the enrolment window and
    outside the edition's audiences, never in an edition that is not public or cancelled
    (see _check_bookable). Raise EditionNotOpen for an edition that is not public,
    EditionCancelled for a cancelled one, EnrolmentNotYetOpen and EnrolmentClosed outside
    the window or after the edition ended, AlreadyEnrolled for a second active
    enrolment, NotForThisAudience when the person has none of the edition's audiences,
    PrerequisiteMissing for an advanced package whose basic package the person has
    neither completed nor been exempted from. details: the person's answers for the apps
    that hook into enrolment (see the module docstring), which may refuse with their own
    EnrolmentError.
    """
    now = now or timezone.now()
    # Durable: the outcome a view reports is committed, never part of a larger change.
    with transaction.atomic(durable=True):
        enrolment = _enrol_locked(
            lock_edition(edition.pk), person=person, by=by, now=now, via_partner=via_partner, details=details
        )
    return EnrolmentOutcome(enrolment, list(list_overlapping_sessions(enrolment)))


def _mark_cancelled(enrolment: Enrolment, *, status, by, reason: str, now):
    enrolment.status = status
    enrolment.cancelled_at = now
    enrolment.cancelled_by = by
    enrolment.cancellation_reason = reason
    enrolment.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason", "updated_at"])


def _cancel_locked(enrolment: Enrolment, *, edition: Edition, by, reason: str, now) -> Enrolment:
    """Cancel the enrolment of the edition that the caller has locked; fill freed seats."""
    on_behalf = _acting_on_behalf(enrolment.person, by)
    if on_behalf and not reason:
        raise ReasonRequired
    enrolment = Enrolment.objects.select_for_update(of=("self",)).get(pk=enrolment.pk)
    enrolment.edition = edition
    if not enrolment.is_active:
        raise NotActive
    if not on_behalf and not may_cancel_own(enrolment, now=now):
        raise CancellationClosed
    _mark_cancelled(enrolment, status=Enrolment.Status.CANCELLED, by=by, reason=reason, now=now)
    _record(enrolment, by=by, note=reason, action=CANCEL_ACTION)
    _notify(enrolment, "cancelled")
    # In the same transaction, so no lost task can leave a freed seat empty.
    fill_free_seats(edition, now=now)
    return enrolment


def cancel_enrolment(enrolment: Enrolment, *, by, reason="", now=None) -> Enrolment:
    """Cancel the enrolment, keeping its record, and hand a freed seat to the waitlist at once.

    A participant cancels their own enrolment until the edition's cancellation deadline
    (leaving the waitlist is always possible); staff cancel at any time, with a reason.
    Raise NotActive, CancellationClosed or ReasonRequired.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # An enrolment never changes edition, so its edition_id is safe to read unlocked.
        edition = lock_edition(enrolment.edition_id)
        return _cancel_locked(enrolment, edition=edition, by=by, reason=reason.strip(), now=now)


def promote_from_waitlist(edition: Edition, *, now=None) -> list[Enrolment]:
    """Confirm the first people on the waitlist, in order, as far as there are free seats."""
    with transaction.atomic():
        return fill_free_seats(lock_edition(edition.pk), now=now)


def reconcile_waitlists(*, now=None) -> dict[int, list[Enrolment]]:
    """Fill every free seat of an approved, unfinished edition where people wait.

    The safety net behind fill_free_seats(): a seat left empty by a failure (a lost task,
    a change made outside the services) goes to the first on the waitlist, in order, and
    they are mailed after commit. Each edition in its own transaction, locked first; an
    edition cancelled or filled meanwhile is skipped. Return the promoted enrolments by
    edition primary key; an empty dict when nothing was left behind.
    """
    now = now or timezone.now()
    promoted = {}
    for edition_id in list(list_editions_with_free_seats_and_waitlist(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            edition = lock_edition(edition_id)
            if edition.status != Edition.Status.APPROVED:
                continue
            filled = fill_free_seats(edition, now=now)
        if filled:
            promoted[edition_id] = filled
    return promoted


def create_person_without_account(*, first_name: str, last_name: str, phone: str = "", by):
    """Create a person without an e-mail address, whom staff enrol by phone or at a desk.

    The person gets a generated unique username and an unusable password: they cannot log
    in until someone gives them an e-mail address. Raise EnrolmentError without a name.
    """
    first_name, last_name, phone = first_name.strip(), last_name.strip(), phone.strip()
    if not first_name or not last_name:
        raise EnrolmentError(_("Geef de voornaam en de familienaam van de persoon op."))
    User = get_user_model()
    base = slugify(f"{first_name} {last_name}")[:100] or "deelnemer"
    with transaction.atomic():
        username = f"{base}-{secrets.token_hex(3)}"
        while User.objects.filter(username=username).exists():
            username = f"{base}-{secrets.token_hex(3)}"
        person = User(username=username, email="", first_name=first_name, last_name=last_name)
        person.set_unusable_password()
        person.save()
        # The profile is accounts' (above enrolment), through the hook "create_person_profile".
        for create_profile in hooks.get_hooks("create_person_profile"):
            create_profile(person, phone=phone)
        log(person, "academy.person.create_without_account", user=by, data={"username": username})
    return person


def enrol_person_without_account(
    edition: Edition,
    *,
    first_name: str,
    last_name: str,
    phone: str = "",
    by,
    now=None,
    is_someone_else: bool = False,
) -> EnrolmentOutcome:
    """Create a person without an e-mail address and enrol them on their behalf (by).

    A new person only when nobody matches: someone with the same name or phone number
    (enrolment.people.list_possible_duplicates) is to be chosen instead, unless staff
    confirm it is someone else (is_someone_else). The person and the enrolment are made in
    one transaction: whatever enrol() refuses leaves no person behind. Raise
    PossibleDuplicate, EnrolmentError without a name, and whatever enrol() raises.
    """
    now = now or timezone.now()
    if not is_someone_else and list_possible_duplicates(first_name=first_name, last_name=last_name, phone=phone):
        raise PossibleDuplicate
    with transaction.atomic():
        person = create_person_without_account(first_name=first_name, last_name=last_name, phone=phone, by=by)
        enrolment = _enrol_locked(lock_edition(edition.pk), person=person, by=by, now=now)
    return EnrolmentOutcome(enrolment, list(list_overlapping_sessions(enrolment)))


def move_enrolment(enrolment: Enrolment, *, to_edition: Edition, by, reason: str = "", now=None) -> EnrolmentOutcome:
    """Move an active enrolment to another edition of the same course, in one transaction.

    Both editions are locked in primary-key order; the new seat (or waitlist place) is
    taken and the old enrolment cancelled with the reason "Verplaatst naar …", its freed
    seat going to its waitlist at once. A refusal changes nothing. In a full edition the
    person lands on the waitlist. Raise NotActive, EnrolmentError for another course or the
    same edition, AlreadyEnrolled when the person is already in the other edition, and
    whatever enrol() and cancel_enrolment() raise.
    """
    now = now or timezone.now()
    if to_edition.pk == enrolment.edition_id:
        raise EnrolmentError(_("Kies een andere editie dan die van de inschrijving."))
    reason = reason.strip()
    with transaction.atomic():
        # An enrolment never changes edition, so its edition_id is safe to read unlocked.
        editions = lock_editions([enrolment.edition_id, to_edition.pk])
        if to_edition.pk not in editions:
            raise EditionNotOpen
        from_edition, to_edition = editions[enrolment.edition_id], editions[to_edition.pk]
        enrolment = Enrolment.objects.select_related("person").get(pk=enrolment.pk)
        if not enrolment.is_active:
            raise NotActive
        if to_edition.course_id != from_edition.course_id:
            raise EnrolmentError(_("Verplaatsen kan alleen naar een editie van dezelfde vorming."))
        if Enrolment.objects.active().filter(person=enrolment.person, edition=to_edition).exists():
            raise AlreadyEnrolled(_("Deze persoon is al ingeschreven voor de andere editie."))
        if reason:
            note = _("Verplaatst naar %(edition)s: %(reason)s") % {"edition": to_edition, "reason": reason}
        else:
            note = _("Verplaatst naar %(edition)s") % {"edition": to_edition}
        # The seat still came through the partner's channel: the moved enrolment keeps it.
        moved = _enrol_locked(to_edition, person=enrolment.person, by=by, now=now, via_partner=enrolment.via_partner)
        _cancel_locked(enrolment, edition=from_edition, by=by, reason=note, now=now)
        log(
            enrolment,
            "academy.enrolment.move",
            user=by,
            data={"to_edition": to_edition.pk, "to_enrolment": moved.pk, "reason": reason},
        )
    return EnrolmentOutcome(moved, list(list_overlapping_sessions(moved)))


def grant_exemption(person, *, package, reason: str, by) -> PackageExemption:
    """Record that the person's earlier competences count as the completed package."""
    exemption = PackageExemption.objects.create(person=person, package=package, reason=reason, granted_by=by)
    log(exemption, "wagtail.create", user=by, data={"person": person.pk, "package": package.pk})
    return exemption


# An edition's life: saving it with its schedule and capacity, cancelling it. Both lock the
# edition first, like every service that touches seats.

CANCEL_EDITION_ACTION = "academy.edition.cancel"
CANCEL_BY_ACADEMY_ACTION = "academy.enrolment.cancel_by_academy"


def _check_capacity(locked_edition: Edition, capacity: int):
    """Refuse a capacity below the confirmed enrolments of the locked edition.

    The one home of the rule "capacity >= confirmed"; the edition lock keeps the count true
    until the caller's transaction ends. Raise CapacityTooLow.
    """
    confirmed = Enrolment.objects.filter(edition_id=locked_edition.pk).confirmed().count()
    if capacity < confirmed:
        raise CapacityTooLow(
            _(
                "Het aantal plaatsen kan niet lager zijn dan het aantal bevestigde inschrijvingen (%(count)s). "
                "Annuleer eerst inschrijvingen of kies minstens %(count)s plaatsen."
            )
            % {"count": confirmed}
        )


def _schedule_of(edition_id: int) -> dict:
    """What a calendar shows of each session of the edition: start, end, venue and link.

    Times to the minute, as the admin edits them: a form that drops the seconds of a time
    written elsewhere moves nothing for the participant.
    """
    return {
        pk: (starts_at.replace(second=0, microsecond=0), ends_at.replace(second=0, microsecond=0), venue_id, online_url)
        for pk, starts_at, ends_at, venue_id, online_url in Session.objects.filter(edition_id=edition_id).values_list(
            "pk", "starts_at", "ends_at", "venue_id", "online_url"
        )
    }


def save_edition(edition: Edition, *, by=None) -> Edition:
    """Save an edition with its sessions, as an admin form built them, and its schedule.

    A capacity below the confirmed enrolments is refused under the edition lock, so no
    enrolment slips in between the count and the save; a raised capacity fills the new
    seats from the waitlist in the same transaction. When a session of an approved edition
    was moved, got another venue or link, or was added or removed, raise the edition's
    calendar sequence and mail every confirmed participant the new schedule with an updated
    .ics after commit, removed sessions in it cancelled (waitlisted people get the schedule
    when they get a seat). Raise CapacityTooLow.
    """
    with transaction.atomic():
        if edition.pk is None:
            edition.save()
            refresh_edition_schedule(edition)
            return edition
        locked = lock_edition(edition.pk)
        _check_capacity(locked, edition.capacity)
        # Fields only services write: a form built from an older read must not undo them.
        if locked.status == Edition.Status.CANCELLED:
            edition.status = Edition.Status.CANCELLED
        edition.cancelled_at, edition.cancelled_by_id = locked.cancelled_at, locked.cancelled_by_id
        edition.cancellation_reason = locked.cancellation_reason
        edition.calendar_sequence = locked.calendar_sequence
        before = _schedule_of(edition.pk)
        edition.save()
        refresh_edition_schedule(edition)
        after = _schedule_of(edition.pk)
        changed = sorted(pk for pk, values in after.items() if before.get(pk) != values)
        # A removed session is cancelled in the calendars by its UID and times; the task
        # gets them as text, since its arguments are stored as JSON.
        removed = [
            [pk, before[pk][0].isoformat(), before[pk][1].isoformat()] for pk in sorted(before.keys() - after.keys())
        ]
        if (changed or removed) and edition.status == Edition.Status.APPROVED:
            edition.calendar_sequence += 1
            edition.save(update_fields=["calendar_sequence", "updated_at"])
            log(edition, "academy.edition.reschedule", user=by, data={"sessions": changed, "removed": removed})

            for enrolment_id in Enrolment.objects.filter(edition=edition).confirmed().values_list("pk", flat=True):
                transaction.on_commit(partial(tasks.send_schedule_change.enqueue, enrolment_id, changed, removed))
        if edition.capacity > locked.capacity:
            fill_free_seats(edition)
    return edition


def cancel_edition(edition: Edition, *, reason: str, by, now=None) -> Edition:
    """Cancel the edition for everyone, with a reason they all read.

    In one transaction, the edition locked first: the edition becomes cancelled (when, by
    whom, why) with a higher calendar sequence, and every active enrolment (confirmed,
    waitlisted, pending) ends with the status "cancelled by the academy", recorded in its
    history and the audit log. Everyone is mailed the reason and an .ics that cancels the
    sessions, after commit. Raise EditionCancellationReasonRequired without a reason and
    EditionAlreadyCancelled for a cancelled edition; nothing changes then.
    """
    reason = reason.strip()
    if not reason:
        raise EditionCancellationReasonRequired
    with transaction.atomic():
        locked = lock_edition(edition.pk)
        # Read the clock under the lock: whatever happened to the edition before is earlier.
        now = now or timezone.now()
        if locked.status == Edition.Status.CANCELLED:
            raise EditionAlreadyCancelled
        previous_status = locked.status
        locked.status = Edition.Status.CANCELLED
        locked.cancelled_at = now
        locked.cancelled_by = by
        locked.cancellation_reason = reason
        locked.calendar_sequence += 1
        locked.save(
            update_fields=[
                "status",
                "cancelled_at",
                "cancelled_by",
                "cancellation_reason",
                "calendar_sequence",
                "updated_at",
            ]
        )
        log(locked, CANCEL_EDITION_ACTION, user=by, data={"status": [previous_status, locked.status], "reason": reason})
        enrolments = list(
            Enrolment.objects.filter(edition_id=locked.pk).active().select_for_update(of=("self",)).order_by("pk")
        )
        for enrolment in enrolments:
            _mark_cancelled(enrolment, status=Enrolment.Status.CANCELLED_BY_ACADEMY, by=by, reason=reason, now=now)
            _record(enrolment, by=by, note=reason, action=CANCEL_BY_ACADEMY_ACTION)
            _notify(enrolment, "edition_cancelled")
    return locked


# Two records of one person merged (accounts.merging): their enrolments move to the one kept.

MERGE_CANCEL_ACTION = CANCEL_ACTION
# Which active enrolment stays when both records of a person have one in the same edition.
STATUS_RANK = {Enrolment.Status.CONFIRMED: 3, Enrolment.Status.PENDING: 2, Enrolment.Status.WAITLISTED: 1}


def keeps_first(first: Enrolment, second: Enrolment) -> bool:
    """Whether first is the better of two active enrolments of one edition: the better
    status (confirmed, pending, waitlisted), then the earlier one."""
    return (STATUS_RANK[first.status], -first.pk) >= (STATUS_RANK[second.status], -second.pk)


def move_enrolments_to_person(kept, *, duplicate, by, now=None) -> tuple[int, dict[int, int], list[str]]:
    """Move every enrolment and exemption of duplicate to kept, inside the caller's transaction.

    The editions of both people are locked first, in primary-key order. Where both have an
    active enrolment in the same edition, the better one stays active (keeps_first) and the
    other is cancelled, recorded and logged, its freed seat going to the waitlist; it moves
    too, as history. An exemption kept already has stays with duplicate. Return how many
    enrolments moved, {cancelled enrolment pk: the enrolment that stays} and notes for the log.
    """
    _require_transaction()
    now = now or timezone.now()
    edition_ids = set(
        Enrolment.objects.filter(person_id__in=[kept.pk, duplicate.pk]).values_list("edition_id", flat=True)
    )
    editions = lock_editions(edition_ids)
    kept_active = {
        enrolment.edition_id: enrolment
        for enrolment in Enrolment.objects.filter(person=kept).active().select_for_update(of=("self",))
    }
    moving = list(Enrolment.objects.filter(person=duplicate).select_for_update(of=("self",)).order_by("pk"))
    replaced, notes = {}, []
    for enrolment in moving:
        other = kept_active.get(enrolment.edition_id) if enrolment.is_active else None
        if other is not None:
            stays, goes = (enrolment, other) if keeps_first(enrolment, other) else (other, enrolment)
            freed = goes.status == Enrolment.Status.CONFIRMED
            note = _("Dubbele inschrijving na het samenvoegen van twee personen: %(status)s blijft.") % {
                "status": stays.get_status_display().lower()
            }
            _mark_cancelled(goes, status=Enrolment.Status.CANCELLED, by=by, reason=note, now=now)
            _record(goes, by=by, note=note, action=MERGE_CANCEL_ACTION)
            replaced[goes.pk] = stays.pk
            notes.append(
                _("%(edition)s: beide ingeschreven; %(status)s blijft, de andere inschrijving is geannuleerd.")
                % {"edition": editions[enrolment.edition_id], "status": stays.get_status_display().lower()}
            )
            if freed:
                fill_free_seats(editions[enrolment.edition_id], now=now)
        enrolment.person = kept
        enrolment.save(update_fields=["person", "updated_at"])
    kept_packages = PackageExemption.objects.filter(person=kept).values_list("package_id", flat=True)
    PackageExemption.objects.filter(person=duplicate).exclude(package_id__in=list(kept_packages)).update(person=kept)
    return len(moving), replaced, notes
