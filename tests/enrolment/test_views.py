"""The enrolment views: wiring, permissions and messages."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from courses.models import Edition
from enrolment import services
from enrolment.models import Enrolment
from tests.factories import fill_edition, make_person


def enrol_url(edition):
    return f"/mijn/inschrijven/{edition.pk}/"


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_enrol_from_the_course_page(logged_in, offer, person):
    response = logged_in.post(enrol_url(offer["edition"]))

    assert response.status_code == 302
    assert response["Location"] == f"{offer['course'].url}#editie-{offer['edition'].pk}"
    assert Enrolment.objects.get(person=person).status == Enrolment.Status.CONFIRMED
    assert texts(response) == ["Je bent ingeschreven. Je krijgt een bevestiging per e-mail."]


def test_course_page_offers_the_button_and_then_shows_the_enrolment(logged_in, offer):
    page = logged_in.get(offer["course"].url).content.decode()
    assert f'action="/mijn/inschrijven/{offer["edition"].pk}/"' in page

    logged_in.post(enrol_url(offer["edition"]))
    page = logged_in.get(offer["course"].url).content.decode()

    assert "Je bent ingeschreven voor deze editie." in page
    assert f'action="/mijn/inschrijven/{offer["edition"].pk}/"' not in page


def test_anonymous_visitors_are_sent_to_log_in(client, offer):
    response = client.post(enrol_url(offer["edition"]))

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Enrolment.objects.exists()
    start_url = f"/mijn/inschrijven/{offer['edition'].pk}/starten/"
    assert f'<a class="button" href="{start_url}">Inschrijven' in client.get(offer["course"].url).content.decode()


def test_enrol_is_post_only(logged_in, offer):
    # A GET (after a login that followed an expired session) goes back to the edition.
    assert logged_in.get(enrol_url(offer["edition"])).status_code == 302
    assert logged_in.put(enrol_url(offer["edition"])).status_code == 405
    assert not Enrolment.objects.exists()


def test_enrol_needs_the_csrf_token(offer, person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)

    assert client.post(enrol_url(offer["edition"])).status_code == 403
    assert not Enrolment.objects.exists()


def test_unknown_or_draft_edition_gives_404(logged_in, offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(status=Edition.Status.DRAFT)

    assert logged_in.post(enrol_url(offer["edition"])).status_code == 404
    assert logged_in.post("/mijn/inschrijven/999999/").status_code == 404
    assert not Enrolment.objects.exists()


def test_closed_edition_gives_a_message_and_changes_nothing(logged_in, offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(enrolment_closes_at=timezone.now() - timedelta(minutes=1))

    response = logged_in.post(enrol_url(offer["edition"]))

    assert texts(response) == ["De inschrijvingen voor deze editie zijn gesloten."]
    assert not Enrolment.objects.exists()


def test_full_edition_puts_you_on_the_waitlist_with_a_message(logged_in, offer, person):
    fill_edition(offer["edition"])

    response = logged_in.post(enrol_url(offer["edition"]))

    assert Enrolment.objects.get(person=person).status == Enrolment.Status.WAITLISTED
    assert "je staat op de wachtlijst" in texts(response)[0]
    assert "Je staat op de wachtlijst, op plaats 1." in logged_in.get(offer["course"].url).content.decode()


def test_enrolling_twice_gives_a_message(logged_in, offer, person):
    logged_in.post(enrol_url(offer["edition"]))

    response = logged_in.post(enrol_url(offer["edition"]))

    assert texts(response)[-1] == "Je bent al ingeschreven voor deze editie."
    assert Enrolment.objects.filter(person=person).count() == 1


def test_cancel_own_enrolment(logged_in, offer, person):
    enrolment = services.enrol(offer["edition"], person=person).enrolment

    response = logged_in.post(f"/mijn/inschrijvingen/{enrolment.pk}/annuleren/")

    assert response["Location"] == "/mijn/"
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED


def test_someone_elses_enrolment_gives_404(logged_in, offer):
    other = services.enrol(offer["edition"], person=make_person()).enrolment

    assert logged_in.post(f"/mijn/inschrijvingen/{other.pk}/annuleren/").status_code == 404
    assert Enrolment.objects.get(pk=other.pk).status == Enrolment.Status.CONFIRMED


def test_dashboard_shows_enrolments_and_waitlist_positions(logged_in, offer, person, django_assert_max_num_queries):
    services.enrol(offer["edition"], person=person)
    from tests.factories import make_edition

    full = make_edition(offer["course"], capacity=1, province="brussel", starts_in_days=60)
    fill_edition(full)
    services.enrol(full, person=person)

    # One for the evaluations the person may still give (evaluations' dashboard hook), one
    # for the links of the apps above enrolment (mijn_academie_links), one for the sessions
    # open for check-in now (attendance's dashboard hook).
    with django_assert_max_num_queries(23):
        response = logged_in.get("/mijn/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoe werkt de gemeente?" in html
    assert "Op de wachtlijst, plaats 1" in html
    assert "Je volgende sessies" in html
    assert "Je attesten" in html


def test_dashboard_needs_login(client, db):
    response = client.get("/mijn/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_enrolment_posts_are_rate_limited_per_person(logged_in, offer, person):
    from enrolment.views import ENROLMENT_RATE

    limit = int(ENROLMENT_RATE.split("/")[0])
    for _ in range(limit):
        logged_in.post(enrol_url(offer["edition"]))

    response = logged_in.post(enrol_url(offer["edition"]))

    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()
    assert Enrolment.objects.filter(person=person).count() == 1
