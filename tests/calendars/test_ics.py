from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from django.conf import settings
from django.utils import timezone

from calendars.ics import edition_calendar, person_calendar
from courses.models import Edition, Session
from enrolment.models import Enrolment
from tests.factories import make_course, make_edition, make_person

pytestmark = pytest.mark.urls("tests.calendars.urls")


def parse(content):
    assert isinstance(content, bytes)
    return Calendar.from_ical(content)


def uids(calendar):
    return {str(event["UID"]) for event in calendar.events}


def enrol(person, edition, status=Enrolment.Status.CONFIRMED):
    cancelled_at = timezone.now() if status == Enrolment.Status.CANCELLED else None
    return Enrolment.objects.create(person=person, edition=edition, status=status, cancelled_at=cancelled_at)


def test_edition_calendar_has_one_event_per_session_in_brussels_time(offer):
    edition = offer["edition"]
    sessions = list(edition.sessions.order_by("starts_at"))

    calendar = parse(edition_calendar(edition))

    assert calendar["VERSION"] == "2.0"
    assert "Sociale en Politieke Academie" in calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    events = sorted(calendar.events, key=lambda event: event.start)
    assert [str(event["UID"]) for event in events] == [f"session-{session.pk}@academie" for session in sessions]
    for event, session in zip(events, sessions, strict=True):
        assert event.start == session.starts_at
        assert event.end == session.ends_at
        assert str(event.start.tzinfo) == "Europe/Brussels"
        assert event.decoded("DTSTART").tzinfo.key == "Europe/Brussels"
        assert event.get("DTSTART").params["TZID"] == "Europe/Brussels"
        assert "DTSTAMP" in event


def test_edition_calendar_carries_the_brussels_vtimezone(offer):
    calendar = parse(edition_calendar(offer["edition"]))

    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == [settings.TIME_ZONE]
    assert timezones[0].walk("STANDARD") or timezones[0].walk("DAYLIGHT")
    assert calendar.get_missing_tzids() == set()


def test_event_describes_course_venue_and_page(offer):
    edition = offer["edition"]
    session = edition.sessions.order_by("starts_at").first()
    venue = session.venue

    calendar = parse(edition_calendar(edition))

    event = next(event for event in calendar.events if event["UID"] == f"session-{session.pk}@academie")
    assert event["SUMMARY"] == "Hoe werkt de gemeente?"
    assert event["LOCATION"] == f"{venue.name}, {venue.street}, {venue.postcode} {venue.municipality}"
    assert event["URL"] == offer["course"].full_url
    assert event["URL"].startswith("http")
    assert "Sessie 1 van 3." in event["DESCRIPTION"]
    assert offer["course"].full_url in event["DESCRIPTION"]
    assert event["STATUS"] == "CONFIRMED"


def test_online_session_has_its_link_as_location_and_its_title_in_the_summary(offer):
    course = make_course(offer["track"], title="Sociale media voor je vereniging")
    edition = make_edition(course, sessions=1)
    start = edition.starts_at + timedelta(days=7)
    online = Session.objects.create(
        edition=edition,
        title="Terugkomdag",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        online_url="https://meet.example.org/terugkomdag",
    )

    calendar = parse(edition_calendar(edition))

    event = next(event for event in calendar.events if event["UID"] == f"session-{online.pk}@academie")
    assert event["SUMMARY"] == "Sociale media voor je vereniging – Terugkomdag"
    assert event["LOCATION"] == "https://meet.example.org/terugkomdag"
    assert "Online deelnemen: https://meet.example.org/terugkomdag" in event["DESCRIPTION"]


def test_summer_and_winter_sessions_keep_their_local_time(offer):
    course = make_course(offer["track"])
    edition = make_edition(course, sessions=0)
    brussels = ZoneInfo("Europe/Brussels")
    summer = Session.objects.create(
        edition=edition,
        starts_at=datetime(2027, 7, 1, 19, 0, tzinfo=brussels),
        ends_at=datetime(2027, 7, 1, 22, 0, tzinfo=brussels),
        online_url="https://meet.example.org/zomer",
    )
    winter = Session.objects.create(
        edition=edition,
        starts_at=datetime(2027, 1, 14, 19, 0, tzinfo=brussels),
        ends_at=datetime(2027, 1, 14, 22, 0, tzinfo=brussels),
        online_url="https://meet.example.org/winter",
    )

    content = edition_calendar(edition)

    assert b"DTSTART;TZID=Europe/Brussels:20270701T190000" in content
    assert b"DTSTART;TZID=Europe/Brussels:20270114T190000" in content
    events = {str(event["UID"]): event for event in parse(content).events}
    assert events[f"session-{summer.pk}@academie"].start.utcoffset() == timedelta(hours=2)
    assert events[f"session-{winter.pk}@academie"].start.utcoffset() == timedelta(hours=1)
    (vtimezone,) = parse(content).walk("VTIMEZONE")
    assert vtimezone.walk("STANDARD") and vtimezone.walk("DAYLIGHT")


def test_uids_are_stable_between_renderings(offer):
    first = uids(parse(edition_calendar(offer["edition"])))
    second = uids(parse(edition_calendar(offer["edition"])))

    assert first == second
    assert len(first) == 3


def test_person_calendar_holds_only_the_sessions_of_confirmed_enrolments(offer):
    person = make_person()
    confirmed = offer["edition"]
    enrol(person, confirmed)
    for status in (Enrolment.Status.WAITLISTED, Enrolment.Status.PENDING, Enrolment.Status.CANCELLED):
        enrol(person, make_edition(make_course(offer["track"]), sessions=2), status=status)
    enrol(make_person(), make_edition(make_course(offer["track"]), sessions=2))

    calendar = parse(person_calendar(person))

    assert uids(calendar) == {f"session-{pk}@academie" for pk in confirmed.sessions.values_list("pk", flat=True)}
    assert calendar["X-WR-CALNAME"] == "Mijn academie"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.get("REFRESH-INTERVAL").to_ical() == b"PT6H"
    assert calendar.get("X-PUBLISHED-TTL").to_ical() == b"PT6H"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_person_calendar_numbers_sessions_per_edition(offer):
    person = make_person()
    enrol(person, offer["edition"])
    enrol(person, make_edition(make_course(offer["track"]), sessions=2))

    calendar = parse(person_calendar(person))

    lines = [line for event in calendar.events for line in str(event["DESCRIPTION"]).splitlines()]
    numbers = sorted(line for line in lines if line.startswith("Sessie"))
    assert numbers == [
        "Sessie 1 van 2.",
        "Sessie 1 van 3.",
        "Sessie 2 van 2.",
        "Sessie 2 van 3.",
        "Sessie 3 van 3.",
    ]


def test_person_calendar_marks_sessions_of_a_cancelled_edition(offer):
    person = make_person()
    enrol(person, offer["edition"])
    Edition.objects.filter(pk=offer["edition"].pk).update(status=Edition.Status.CANCELLED)

    calendar = parse(person_calendar(person))

    assert {str(event["STATUS"]) for event in calendar.events} == {"CANCELLED"}
    assert all("Deze editie is geannuleerd." in event["DESCRIPTION"] for event in calendar.events)


def test_empty_person_calendar_is_valid(db):
    calendar = parse(person_calendar(make_person()))

    assert calendar.events == []
    assert calendar["X-WR-CALNAME"] == "Mijn academie"
