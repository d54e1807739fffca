"""Read enrolments for pages, mails and the admin."""

from urllib.parse import urlencode

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks

from courses.models import Session
from courses.selectors import attach_editions, list_editions_with_places
from enrolment.extensions import add_to_dashboard, dashboard_notes
from enrolment.models import Enrolment


def list_overlapping_sessions(enrolment):
    """Sessions of the person's other active enrolments that overlap this edition's sessions."""
    overlapping = Session.objects.none()
    sessions = list(enrolment.edition.sessions.all())
    others = Session.objects.filter(
        edition__enrolments__person=enrolment.person,
        edition__enrolments__status__in=Enrolment.ACTIVE_STATUSES,
    ).exclude(edition=enrolment.edition)
    for session in sessions:
        overlapping = overlapping | others.filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
    return overlapping.select_related("edition__course").distinct().order_by("starts_at")


def get_waitlist_position(enrolment: Enrolment):
    """The 1-based place of a waitlisted enrolment, or None."""
    if enrolment.status != Enrolment.Status.WAITLISTED:
        return None
    ahead = (
        Enrolment.objects.filter(edition_id=enrolment.edition_id)
        .waitlisted()
        .filter(Q(created_at__lt=enrolment.created_at) | Q(created_at=enrolment.created_at, pk__lt=enrolment.pk))
    )
    return ahead.count() + 1


def may_cancel_own(enrolment: Enrolment, *, now=None) -> bool:
    """Whether the person may still cancel their own enrolment: leaving the waitlist always,
    a confirmed seat until the edition's cancellation deadline (its start when none is set)."""
    if not enrolment.is_active:
        return False
    if enrolment.status != Enrolment.Status.CONFIRMED:
        return True
    deadline = enrolment.edition.effective_cancellation_deadline
    return deadline is None or (now or timezone.now()) < deadline


def _mark_cancellation(enrolments, *, now):
    """Give each active enrolment what its card shows: may_cancel and the deadline."""
    for enrolment in enrolments:
        enrolment.may_cancel = may_cancel_own(enrolment, now=now)
        enrolment.cancellation_deadline = (
            enrolment.edition.effective_cancellation_deadline
            if enrolment.status == Enrolment.Status.CONFIRMED
            else None
        )


def get_cancellation(enrolment: Enrolment, *, now=None) -> dict:
    """What the page that asks "do you really want to cancel?" shows."""
    _mark_cancellation([enrolment], now=now or timezone.now())
    return {
        "enrolment": enrolment,
        "waitlist_position": get_waitlist_position(enrolment),
        "has_waitlist": enrolment.status == Enrolment.Status.CONFIRMED
        and Enrolment.objects.waitlisted().filter(edition_id=enrolment.edition_id).exists(),
    }


def list_enrolments_by_edition(person, editions, *, now=None):
    """The person's active enrolment per edition id, for the editions shown on a page."""
    if not person.is_authenticated:
        return {}
    by_pk = {edition.pk: edition for edition in editions}
    enrolments = list(Enrolment.objects.active().filter(person=person, edition__in=list(by_pk)))
    positions = _waitlist_positions([e for e in enrolments if e.status == Enrolment.Status.WAITLISTED])
    for enrolment in enrolments:
        enrolment.edition = by_pk[enrolment.edition_id]
        enrolment.waitlist_position = positions.get(enrolment.pk)
    _mark_cancellation(enrolments, now=now or timezone.now())
    return {enrolment.edition_id: enrolment for enrolment in enrolments}


def annotate_places(editions):
    """Annotate the editions with confirmed_count and free_places.

    The one home of "places left": none while anyone waits, since enrol() gives a free
    seat to the waitlist and not to a newcomer (and reconcile_waitlists() fills it);
    otherwise capacity minus the confirmed enrolments.
    """
    confirmed = (
        Enrolment.objects.confirmed()
        .filter(edition=OuterRef("pk"))
        .order_by()
        .values("edition")
        .annotate(n=Count("pk"))
        .values("n")
    )
    waiting = Enrolment.objects.waitlisted().filter(edition=OuterRef("pk"))
    return editions.annotate(
        confirmed_count=Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0)),
        free_places=Case(
            When(Exists(waiting), then=Value(0)),
            default=Greatest(F("capacity") - F("confirmed_count"), Value(0)),
            output_field=IntegerField(),
        ),
    )


def list_held_edition_ids(person):
    """The primary keys of the editions the person holds an active enrolment in, as a subquery."""
    return Enrolment.objects.active().filter(person=person).values("edition_id")


def get_dashboard(person, *, now=None):
    """What "Mijn academie" shows: upcoming sessions, enrolments by state, the past, and what
    the apps above enrolment add (enrolment.extensions.DASHBOARD_CONTEXT)."""
    now = now or timezone.now()
    enrolments = attach_editions(list(Enrolment.objects.filter(person=person).order_by("edition__starts_at", "pk")))
    waitlisted = [enrolment for enrolment in enrolments if enrolment.status == Enrolment.Status.WAITLISTED]
    positions = _waitlist_positions(waitlisted)
    for enrolment in waitlisted:
        enrolment.waitlist_position = positions.get(enrolment.pk)
    current = [e for e in enrolments if e.is_active and e.edition.ends_at and e.edition.ends_at >= now]
    _mark_cancellation(current, now=now)
    upcoming_sessions = sorted(
        (
            (session, enrolment)
            for enrolment in current
            if enrolment.status == Enrolment.Status.CONFIRMED
            for session in enrolment.edition.sessions.all()
            if session.ends_at >= now
        ),
        key=lambda item: item[0].starts_at,
    )
    confirmed = [enrolment for enrolment in enrolments if enrolment.status == Enrolment.Status.CONFIRMED]
    upcoming_sessions = upcoming_sessions[:10]
    notes = dashboard_notes(enrolments)
    for enrolment in enrolments:
        enrolment.notes = notes.get(enrolment.pk, [])
    cancelled_by_academy = [
        e
        for e in enrolments
        if e.status == Enrolment.Status.CANCELLED_BY_ACADEMY and e.edition.ends_at and e.edition.ends_at >= now
    ]
    dashboard = {
        "upcoming_sessions": upcoming_sessions,
        "current_enrolments": current,
        "past_enrolments": [
            e
            for e in enrolments
            if e.status == Enrolment.Status.CONFIRMED and e.edition.ends_at and e.edition.ends_at < now
        ],
        "cancelled_enrolments": [e for e in enrolments if e.status == Enrolment.Status.CANCELLED],
        "cancelled_by_academy": cancelled_by_academy,
        "history": _history(enrolments, shown=set(map(id, current + cancelled_by_academy))),
        "extra_sections": list_dashboard_sections(person, now=now, enrolments=enrolments),
    }
    add_to_dashboard(person, dashboard, confirmed=confirmed, enrolments=enrolments)
    return dashboard


def list_dashboard_sections(person, *, now, enrolments):
    """What apps above enrolment add to Mijn academie: each function registered with
    the "mijn_academie_section" hook, called as hook(person, now=now, enrolments=enrolments)
    with all the person's enrolments and their editions' sessions, returns None or a dict
    with the template to include ("template") and what it shows."""
    sections = []
    for hook in hooks.get_hooks("mijn_academie_section"):
        section = hook(person, now=now, enrolments=enrolments)
        if section:
            sections.append(section)
    return sections


def _history(enrolments, *, shown):
    """Enrolments no longer current (cancelled, or of an edition that ended), newest first,
    each with the day that belongs to its status."""
    history = [enrolment for enrolment in enrolments if id(enrolment) not in shown]
    for enrolment in history:
        enrolment.history_date = enrolment.cancelled_at or enrolment.edition.starts_at
    return sorted(history, key=lambda e: (e.history_date is not None, e.history_date), reverse=True)


def _waitlist_positions(enrolments):
    """Waitlist positions of several enrolments in one query."""
    if not enrolments:
        return {}
    queue = (
        Enrolment.objects.waitlisted()
        .filter(edition_id__in={enrolment.edition_id for enrolment in enrolments})
        .order_by("edition_id", "created_at", "pk")
        .values_list("pk", "edition_id")
    )
    positions, counters = {}, {}
    for pk, edition_id in queue:
        counters[edition_id] = counters.get(edition_id, 0) + 1
        positions[pk] = counters[edition_id]
    return positions


def list_enrolments_for_admin():
    """Every enrolment with what the staff listing and its export show, in a fixed number of queries.

    Waitlisted enrolments carry their 1-based waitlist_position, counted in the database over
    the whole waitlist of their edition, so the position stays right in a filtered listing.
    """
    waitlisted = Enrolment.objects.waitlisted().filter(edition_id=OuterRef("edition_id"))
    ahead = (
        waitlisted.filter(
            Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("edition_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Enrolment.objects.select_related("person", "edition__course", "enrolled_by", "via_partner").annotate(
        waitlist_position=Case(
            When(status=Enrolment.Status.WAITLISTED, then=Coalesce(Subquery(ahead), 0) + 1),
            default=None,
            output_field=IntegerField(),
        )
    )


def list_editions_with_free_seats_and_waitlist(*, now=None):
    """Approved editions, not ended, that have a free seat while someone waits.

    None should exist: every service that frees a seat fills it in the same transaction.
    An edition found here was left behind by a failure, and enrolment.services.
    reconcile_waitlists() fills it. Counted without locks: the service checks again under
    the edition lock.
    """
    now = now or timezone.now()
    return (
        list_editions_with_places()
        .approved()
        # An edition without sessions yet has no end, and has not ended.
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gte=now))
        .filter(Exists(Enrolment.objects.waitlisted().filter(edition=OuterRef("pk"))))
        .filter(confirmed_count__lt=F("capacity"))
        .order_by("pk")
    )


def get_own_enrolment(edition, *, person):
    """The person's active enrolment in the edition, or None."""
    return Enrolment.objects.active().filter(person=person, edition=edition).first()


def get_enrolment_start(edition, *, here: str) -> dict:
    """What the page shows that asks someone without a login to create an account or log in,
    both coming back to here."""
    query = urlencode({"next": here})
    return {
        "edition": edition,
        "signup_url": f"{reverse('account_signup')}?{query}",
        "login_url": f"{reverse('account_login')}?{query}",
    }
