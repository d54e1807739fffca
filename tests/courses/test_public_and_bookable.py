"""One definition of public and bookable, walked through every surface for every state.

EditionQuerySet.public() and with_booking_state() decide; the catalogue, the home page,
the course page and its "Inschrijven" button, the enrol view and service, staff
enrolment in the admin, the .ics download, the sitemap, the JSON-LD and the reminders
must all agree with them. The table below is the whole rule in one place.
"""

import json
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from courses.models import Edition, ProgrammeYear
from enrolment import services
from enrolment.exceptions import EditionNotOpen, EnrolmentClosed, EnrolmentNotYetOpen
from enrolment.models import Enrolment
from tests.factories import make_course, make_edition, make_person

ENROLLED = "ingeschreven"
NOT_FOUND = 404
NOT_YET_OPEN = "nog niet geopend"
CLOSED = "gesloten"
CANCELLED = "geannuleerd"
SCHEDULED = "EventScheduled"
EVENT_CANCELLED = "EventCancelled"


@dataclass(frozen=True)
class Surfaces:
    catalogue: bool  # listed in /aanbod/
    course_page: bool  # listed on its course page
    button: bool  # the "Inschrijven" form on the course page
    enrol: object  # what the participant's POST gives: ENROLLED, NOT_FOUND or a message
    staff: bool  # staff may enrol someone, in the admin and through the service
    ics: int  # status of /agenda/editie/<id>.ics
    sitemap: bool  # the course page is in /sitemap.xml
    json_ld: object  # eventStatus in the course page's JSON-LD, None when absent
    reminder: bool  # send_reminders mails a confirmed participant


EXPECTED = {
    "concept": Surfaces(False, False, False, NOT_FOUND, False, 404, True, None, False),
    "ingediend": Surfaces(False, False, False, NOT_FOUND, False, 404, True, None, False),
    "werkjaar-niet-gepubliceerd": Surfaces(False, False, False, NOT_FOUND, False, 404, True, None, False),
    "werkjaar-gepubliceerd": Surfaces(True, True, True, ENROLLED, True, 200, True, SCHEDULED, True),
    "goedgekeurd": Surfaces(True, True, True, ENROLLED, True, 200, True, SCHEDULED, True),
    "nog-niet-open": Surfaces(True, True, False, NOT_YET_OPEN, True, 200, True, SCHEDULED, True),
    "geannuleerd": Surfaces(False, True, False, CANCELLED, False, 200, True, EVENT_CANCELLED, False),
    "voorbij": Surfaces(False, False, False, CLOSED, True, 200, True, None, False),
    "vorming-stopgezet": Surfaces(False, False, False, NOT_FOUND, False, 404, False, None, False),
    "vorming-offline": Surfaces(False, False, False, NOT_FOUND, False, 404, False, None, False),
}


def build(state, track):
    """A course of its own with one edition in the state; upcoming editions start in two
    days, within the reminders' reach, with their enrolment window open."""
    course = make_course(track, title=f"Vorming {state}")
    fields = {"status": Edition.Status.APPROVED, "starts_in_days": 2}
    if state == "concept":
        fields["status"] = Edition.Status.DRAFT
    elif state == "ingediend":
        fields["status"] = Edition.Status.SUBMITTED
    elif state == "geannuleerd":
        fields["status"] = Edition.Status.CANCELLED
    elif state == "voorbij":
        # The factory leaves the window of a past edition open: only its end refuses it.
        fields["starts_in_days"] = -10
    elif state.startswith("werkjaar"):
        fields["programme_year"] = ProgrammeYear.objects.create(
            name="2026-2027",
            starts_on=date(2026, 9, 1),
            ends_on=date(2027, 8, 31),
            is_published=state == "werkjaar-gepubliceerd",
        )
    edition = make_edition(course, **fields)
    if state == "nog-niet-open":
        Edition.objects.filter(pk=edition.pk).update(enrolment_opens_at=timezone.now() + timedelta(hours=12))
    elif state == "vorming-stopgezet":
        course.is_retired = True
        course.save_revision().publish()
    elif state == "vorming-offline":
        course.unpublish()
    edition.refresh_from_db()
    course.refresh_from_db()
    return course, edition


def enrol_result(client, edition):
    person = make_person()
    client.force_login(person)
    response = client.post(f"/mijn/inschrijven/{edition.pk}/")
    client.logout()
    if response.status_code == 404:
        return NOT_FOUND
    assert response.status_code == 302
    texts = " ".join(str(message) for message in get_messages(response.wsgi_request))
    if Enrolment.objects.filter(person=person, edition=edition).exists():
        assert "Je bent ingeschreven" in texts
        return ENROLLED
    for expected in (NOT_YET_OPEN, CLOSED, CANCELLED):
        if expected in texts:
            return expected
    return texts


def staff_result(client, edition):
    """Whether staff may enrol someone: the admin form and the service must say the same."""
    staff = get_user_model().objects.create_superuser("staf@example.org", "staf@example.org", "wachtwoord-123")
    client.force_login(staff)
    target = make_person("via-de-balie@example.org")
    response = client.post("/admin/enrolments/new/", {"edition": edition.pk, "q": target.email, "person": target.pk})
    client.logout()
    in_admin = Enrolment.objects.filter(person=target, edition=edition).exists()
    if not in_admin:
        # Only public, approved editions are offered; another is refused in Dutch.
        assert response.status_code == 200
        assert "Voor deze editie kan je niemand inschrijven" in response.content.decode()

    try:
        services.enrol(edition, person=make_person(), by=staff)
    except EditionNotOpen:
        through_service = False
    else:
        through_service = True

    people = get_user_model().objects.count()
    try:
        services.enrol_person_without_account(edition, first_name="Jan", last_name="Peeters", by=staff)
    except EditionNotOpen:
        assert get_user_model().objects.count() == people, "a refused enrolment left a person behind"
        without_account = False
    else:
        without_account = True
    assert in_admin == through_service == without_account
    return in_admin


def json_ld_status(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    if found is None:
        return None
    instances = json.loads(found.group(1))["hasCourseInstance"]
    assert len(instances) <= 1
    return instances[0]["eventStatus"].rpartition("/")[2] if instances else None


@pytest.mark.parametrize("state", EXPECTED)
def test_every_surface_follows_public_and_bookable(state, client, offer, django_capture_on_commit_callbacks):
    course, edition = build(state, offer["track"])
    # A confirmed place, however it came about, to see whether a reminder goes out.
    reminded = make_person("herinnering@example.org")
    Enrolment.objects.create(person=reminded, edition=edition, status=Enrolment.Status.CONFIRMED)
    marker = f'id="editie-{edition.pk}"'

    catalogue = client.get("/aanbod/").content.decode()
    home = client.get("/").content.decode()
    # The home page lists what can be booked now ("Binnenkort van start"): where the button is.
    assert (course.title in home) == EXPECTED[state].button
    page = client.get(course.url)
    page_html = page.content.decode() if page.status_code == 200 else ""
    client.force_login(make_person())
    logged_in_page = client.get(course.url).content.decode()
    client.logout()
    sitemap = client.get("/sitemap.xml").content.decode()
    ics = client.get(f"/agenda/editie/{edition.pk}.ics")
    enrol = enrol_result(client, edition)
    staff = staff_result(client, edition)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())

    actual = Surfaces(
        catalogue=course.title in catalogue,
        course_page=marker in page_html,
        button=f'action="/mijn/inschrijven/{edition.pk}/"' in logged_in_page,
        enrol=enrol,
        staff=staff,
        ics=ics.status_code,
        sitemap=course.url in sitemap,
        json_ld=json_ld_status(page_html),
        reminder=any(message.to == [reminded.email] for message in mail.outbox),
    )
    assert asdict(actual) == asdict(EXPECTED[state])


@pytest.mark.parametrize("state", EXPECTED)
def test_querysets_agree_with_the_table(state, offer):
    _course, edition = build(state, offer["track"])
    expected = EXPECTED[state]

    assert Edition.objects.public().filter(pk=edition.pk).exists() == (expected.ics == 200)
    assert Edition.objects.bookable().filter(pk=edition.pk).exists() == (expected.enrol == ENROLLED)
    assert Edition.objects.in_catalogue().filter(pk=edition.pk).exists() == expected.catalogue


def test_cancelled_edition_is_marked_on_its_course_page(client, offer):
    course, edition = build("geannuleerd", offer["track"])
    client.force_login(make_person())

    html = client.get(course.url).content.decode()

    section = html[html.index(f'id="editie-{edition.pk}"') :]
    assert "Geannuleerd" in section
    assert "Deze editie is geannuleerd." in section
    assert "plaatsen vrij" not in section.split("</section>")[0]
    assert "Inschrijven" not in section.split("</section>")[0]


def test_retired_course_page_still_shows_an_enrolled_person_their_edition(client, offer):
    course, edition = build("vorming-stopgezet", offer["track"])
    person = make_person()
    Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    client.force_login(person)

    html = client.get(course.url).content.decode()

    assert f'id="editie-{edition.pk}"' in html
    assert "Je bent ingeschreven voor deze editie." in html
    # Not public: no .ics link that would 404, nothing for search engines.
    assert f"/agenda/editie/{edition.pk}.ics" not in html
    assert json_ld_status(html) is None


def test_window_opens_at_its_start_and_closes_at_its_end(offer):
    edition = offer["edition"]

    assert services.enrol(edition, person=make_person(), now=edition.enrolment_opens_at).enrolment.pk
    with pytest.raises(EnrolmentNotYetOpen):
        services.enrol(edition, person=make_person(), now=edition.enrolment_opens_at - timedelta(seconds=1))
    with pytest.raises(EnrolmentClosed):
        services.enrol(edition, person=make_person(), now=edition.enrolment_closes_at)
    assert list(Edition.objects.bookable(now=edition.enrolment_closes_at - timedelta(seconds=1))) == [edition]
