import pytest
from icalendar import Calendar

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext

from calendars.models import CalendarFeed
from calendars.services import get_or_create_feed, renew_feed_token
from courses.models import Edition
from enrolment.models import Enrolment
from tests.factories import make_course, make_edition, make_person

pytestmark = pytest.mark.urls("tests.calendars.urls")


def feed_path(token):
    return f"/mijn/agenda/{token}.ics"


def assert_redirects_to_login(response, path):
    assert response.status_code == 302
    assert response.url == f"{resolve_url(settings.LOGIN_URL)}?next={path}"


# The edition download


def test_edition_calendar_is_downloaded_as_an_ics_attachment(client, offer):
    edition = offer["edition"]

    response = client.get(f"/agenda/editie/{edition.pk}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{offer["course"].slug}-editie-{edition.pk}.ics"'
    assert len(Calendar.from_ical(response.content).events) == 3


def test_unknown_edition_calendar_is_not_found(client, offer):
    assert client.get("/agenda/editie/999999.ics").status_code == 404


def test_draft_edition_calendar_is_not_found(client, offer):
    draft = make_edition(offer["course"], status=Edition.Status.DRAFT)

    assert client.get(f"/agenda/editie/{draft.pk}.ics").status_code == 404


def test_calendar_of_an_edition_of_an_unpublished_course_is_not_found(client, offer):
    offer["course"].unpublish()

    assert client.get(f"/agenda/editie/{offer['edition'].pk}.ics").status_code == 404


def test_edition_calendar_refuses_writes(client, offer):
    assert client.post(f"/agenda/editie/{offer['edition'].pk}.ics").status_code == 405


# The personal feed


def test_personal_feed_is_served_without_login(client, offer):
    person = make_person()
    Enrolment.objects.create(person=person, edition=offer["edition"], status=Enrolment.Status.CONFIRMED)
    token = get_or_create_feed(person).token

    response = client.get(feed_path(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Mijn academie"
    assert len(calendar.events) == 3


def test_unknown_feed_token_is_not_found(client, db):
    assert client.get(feed_path("onbekend-en-niet-geraden-0123456789abcdef")).status_code == 404


def test_feed_of_a_deactivated_person_is_not_found(client, db):
    person = make_person()
    token = get_or_create_feed(person).token
    person.is_active = False
    person.save(update_fields=["is_active"])

    assert client.get(feed_path(token)).status_code == 404


def test_renewing_kills_the_old_feed_url(client, db):
    person = make_person()
    old = get_or_create_feed(person).token

    new = renew_feed_token(person).token

    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


def test_personal_feed_query_count_does_not_grow_with_enrolments(client, offer):
    few, many = make_person(), make_person()
    for person, count in ((few, 2), (many, 10)):
        for _ in range(count):
            edition = make_edition(make_course(offer["track"]), sessions=2)
            Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    few_token, many_token = get_or_create_feed(few).token, get_or_create_feed(many).token
    # Wagtail keeps the site root paths in the cache after the first page URL.
    client.get(feed_path(few_token))

    with CaptureQueriesContext(connection) as few_queries:
        few_response = client.get(feed_path(few_token))
    with CaptureQueriesContext(connection) as many_queries:
        many_response = client.get(feed_path(many_token))

    assert len(Calendar.from_ical(few_response.content).events) == 4
    assert len(Calendar.from_ical(many_response.content).events) == 20
    assert len(few_queries) == len(many_queries) <= 3


# The overview and the renew button


def test_overview_requires_login(client, db):
    assert_redirects_to_login(client.get("/mijn/agenda/"), "/mijn/agenda/")


def test_overview_shows_the_absolute_feed_url_and_a_webcal_link(client, db):
    person = make_person()
    client.force_login(person)

    response = client.get("/mijn/agenda/")

    assert response.status_code == 200
    feed = CalendarFeed.objects.get(person=person)
    content = response.content.decode()
    assert f'value="http://testserver/mijn/agenda/{feed.token}.ics"' in content
    assert f'href="webcal://testserver/mijn/agenda/{feed.token}.ics"' in content
    assert 'action="/mijn/agenda/vernieuwen/"' in content
    assert "<h1>Mijn agenda</h1>" in content
    assert "no-store" in response["Cache-Control"]


def test_overview_keeps_the_same_feed(client, db):
    person = make_person()
    token = get_or_create_feed(person).token
    client.force_login(person)

    response = client.get("/mijn/agenda/")

    assert feed_path(token) in response.content.decode()
    assert CalendarFeed.objects.filter(person=person).count() == 1


def test_renew_requires_login(client, db):
    person = make_person()
    token = get_or_create_feed(person).token

    response = client.post("/mijn/agenda/vernieuwen/")

    assert_redirects_to_login(response, "/mijn/agenda/vernieuwen/")
    assert CalendarFeed.objects.get(person=person).token == token


def test_renew_accepts_only_post(client, db):
    person = make_person()
    token = get_or_create_feed(person).token
    client.force_login(person)

    # A GET (after a login that followed an expired session) goes back to the feed page.
    assert client.get("/mijn/agenda/vernieuwen/")["Location"] == "/mijn/agenda/"
    assert client.put("/mijn/agenda/vernieuwen/").status_code == 405
    assert CalendarFeed.objects.get(person=person).token == token


def test_renew_replaces_the_token_and_says_so(client, db):
    person = make_person()
    old = get_or_create_feed(person).token
    client.force_login(person)

    response = client.post("/mijn/agenda/vernieuwen/")

    assert response.status_code == 302
    assert response.url == "/mijn/"
    assert CalendarFeed.objects.get(person=person).token != old
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        "Je hebt een nieuwe agendalink. De oude link werkt niet meer: voeg de nieuwe link opnieuw toe in je agenda-app."
    ]


def test_renew_checks_the_csrf_token(db):
    person = make_person()
    old = get_or_create_feed(person).token
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)

    response = client.post("/mijn/agenda/vernieuwen/")

    assert response.status_code == 403
    assert CalendarFeed.objects.get(person=person).token == old
