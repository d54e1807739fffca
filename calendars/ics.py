"""Render sessions as iCalendar files (RFC 5545) for calendar apps.

Times are written in the academy's time zone with its VTIMEZONE, so a session at 19:00 in
Brussels stays at 19:00 in every calendar app, across daylight saving time.
"""

from datetime import timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vDuration

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Edition

from .selectors import list_edition_sessions, list_person_sessions

PRODID = "-//Sociale en Politieke Academie//Agenda//NL"
UID_DOMAIN = "academie"
# How often subscribed calendar apps should fetch the personal feed again; X-PUBLISHED-TTL
# is the older spelling that Outlook and Apple Calendar read.
FEED_REFRESH_INTERVAL = timedelta(hours=6)


def edition_calendar(edition, *, removed_sessions=()) -> bytes:
    """Return the sessions of the edition as an iCalendar file, with a cancelled event for
    each of the removed_sessions (enrolment.extensions.RemovedSession) so calendar apps take it out."""
    calendar = _new_calendar(name=edition.course.title)
    sessions = list(list_edition_sessions(edition))
    _add_edition_events(calendar, edition, sessions)
    zone = ZoneInfo(settings.TIME_ZONE)
    for session in removed_sessions:
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", timezone.now())
        event.add("dtstart", timezone.localtime(session.starts_at, zone))
        event.add("dtend", timezone.localtime(session.ends_at, zone))
        event.add("summary", edition.course.title)
        event.add("status", "CANCELLED")
        event.add("sequence", edition.calendar_sequence)
        calendar.add_component(event)
    return _to_ical(calendar)


def person_calendar(person) -> bytes:
    """Return the sessions of the person's confirmed enrolments as an iCalendar file.

    Waitlisted, pending and cancelled enrolments are left out: the calendar shows only
    the sessions the person has a place in. An edition the academy cancelled stays in,
    its events cancelled, so calendar apps that follow the feed strike them through.
    """
    calendar = _new_calendar(name=_("Mijn academie"))
    calendar.add("refresh-interval", FEED_REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH_INTERVAL))
    for _edition_id, sessions in groupby(list_person_sessions(person), key=lambda session: session.edition_id):
        sessions = list(sessions)
        _add_edition_events(calendar, sessions[0].edition, sessions)
    return _to_ical(calendar)


def offer_calendar(editions, *, name) -> bytes:
    """Return the sessions of the editions (their sessions prefetched) as one iCalendar
    feed to subscribe to, such as the catalogue's offer for a filter."""
    calendar = _new_calendar(name=name)
    calendar.add("refresh-interval", FEED_REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH_INTERVAL))
    for edition in editions:
        _add_edition_events(calendar, edition, list(edition.sessions.all()))
    return _to_ical(calendar)


def session_uid(session):
    return f"session-{session.pk}@{UID_DOMAIN}"


def _new_calendar(*, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _add_edition_events(calendar, edition, sessions):
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now()
    course = edition.course
    course_url = course.full_url
    for number, session in enumerate(sessions, start=1):
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(session.starts_at, zone))
        event.add("dtend", timezone.localtime(session.ends_at, zone))
        event.add("summary", f"{course.title} – {session.title}" if session.title else course.title)
        event.add("location", _location(session))
        event.add("description", _description(session, edition, number=number, count=len(sessions), url=course_url))
        event.add("status", "CANCELLED" if edition.status == Edition.Status.CANCELLED else "CONFIRMED")
        # Raised by every change that matters to a calendar (enrolment.services), so an
        # update replaces the event a calendar app already holds.
        event.add("sequence", edition.calendar_sequence)
        if course_url:
            event.add("url", course_url)
        calendar.add_component(event)


def _location(session):
    if session.venue is None:
        return session.online_url
    return f"{session.venue.name}, {session.venue.address}"


def _description(session, edition, *, number, count, url):
    lines = []
    if edition.course.summary:
        lines.append(edition.course.summary)
    if edition.status == Edition.Status.CANCELLED:
        lines.append(_("Deze editie is geannuleerd."))
    if count > 1:
        lines.append(_("Sessie %(number)s van %(count)s.") % {"number": number, "count": count})
    if session.online_url:
        lines.append(_("Online deelnemen: %(url)s") % {"url": session.online_url})
    if url:
        lines.append(_("Meer informatie: %(url)s") % {"url": url})
    return "\n".join(lines)


def _to_ical(calendar):
    events = calendar.events
    # The VTIMEZONE only needs to cover the events; a calendar without events needs none.
    if events:
        first = min(event.start for event in events).date()
        last = max(event.end for event in events).date() + timedelta(days=1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()
