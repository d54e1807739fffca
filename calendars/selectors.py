"""Read what the calendars show, with a query count that does not grow with it."""

from django.db.models import Q

from courses.models import Edition, Session
from enrolment.models import Enrolment

from .models import CalendarFeed


def list_calendar_editions():
    """Editions whose calendar anyone may download: the public ones, cancelled included so
    calendars learn of the cancellation."""
    return Edition.objects.public().select_related("course")


def list_edition_sessions(edition):
    return Session.objects.filter(edition=edition).select_related("venue").order_by("starts_at", "pk")


def list_person_sessions(person):
    """The sessions of every edition the person has a confirmed place in, edition by edition,
    and of those the academy cancelled while the person had a place (confirmed_at is set)."""
    editions = Enrolment.objects.filter(
        Q(status=Enrolment.Status.CONFIRMED)
        | Q(status=Enrolment.Status.CANCELLED_BY_ACADEMY, confirmed_at__isnull=False),
        person=person,
    ).values("edition_id")
    return (
        Session.objects.filter(edition__in=editions)
        .select_related("venue", "edition__course")
        .order_by("edition_id", "starts_at", "pk")
    )


def get_feed_for_token(token):
    """Return the active person's feed with this token, or None."""
    return CalendarFeed.objects.select_related("person").filter(token=token, person__is_active=True).first()
