"""After an expired session, logging in never ends on an empty 405 for a POST-only URL."""

import pytest

from calendars.models import CalendarFeed
from calendars.services import get_or_create_feed
from curation.models import CourseRequest
from enrolment import services
from enrolment.models import Enrolment
from tests.accounts.conftest import PASSWORD, make_participant
from tests.curation.factories import make_request

TRY_AGAIN = "Je sessie was verlopen. Probeer opnieuw."


@pytest.fixture
def participant(offer):
    return make_participant()


def test_enrol_posted_after_the_session_expired_goes_back_to_the_edition_after_login(client, offer, participant):
    edition = offer["edition"]
    enrol_url = f"/mijn/inschrijven/{edition.pk}/"

    expired = client.post(enrol_url)
    assert expired.url == f"/account/login/?next={enrol_url}"
    after_login = client.post(expired.url, {"login": participant.email, "password": PASSWORD})
    assert after_login.url == enrol_url
    response = client.get(enrol_url, follow=True)

    assert response.redirect_chain == [(f"{offer['course'].url}#editie-{edition.pk}", 302)]
    assert response.status_code == 200
    assert TRY_AGAIN in response.content.decode()
    assert not Enrolment.objects.exists()


def test_get_of_the_enrol_url_for_an_unknown_edition_goes_to_the_catalogue(client, offer, participant):
    client.force_login(participant)

    response = client.get("/mijn/inschrijven/999999/")

    assert response.url == "/aanbod/"


def test_get_of_the_cancel_url_asks_first_and_cancels_nothing(client, offer, participant):
    # The cancel URL is no longer POST-only: its GET is the page that asks first.
    enrolment = services.enrol(offer["edition"], person=participant).enrolment
    client.force_login(participant)

    response = client.get(f"/mijn/inschrijvingen/{enrolment.pk}/annuleren/")

    assert response.status_code == 200
    assert "Ja, uitschrijven" in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CONFIRMED


def test_get_of_the_renew_feed_url_goes_back_to_the_feed_page_and_keeps_the_link(client, offer, participant):
    token = get_or_create_feed(participant).token
    client.force_login(participant)

    response = client.get("/mijn/agenda/vernieuwen/", follow=True)

    assert response.redirect_chain == [("/mijn/agenda/", 302)]
    assert TRY_AGAIN in response.content.decode()
    assert CalendarFeed.objects.get(person=participant).token == token


def test_get_of_the_support_url_goes_back_to_the_request_and_counts_nothing(client, offer, participant):
    course_request = make_request(is_public=True)
    client.force_login(participant)

    response = client.get(f"/vormingsvraag/openbaar/{course_request.pk}/steunen/", follow=True)

    assert response.redirect_chain == [(f"/vormingsvraag/openbaar/#vraag-{course_request.pk}", 302)]
    assert TRY_AGAIN in response.content.decode()
    assert not CourseRequest.objects.get(pk=course_request.pk).supports.exists()


@pytest.mark.parametrize(
    "url",
    ["/mijn/inschrijven/{edition}/", "/mijn/agenda/vernieuwen/"],
)
def test_no_post_only_url_answers_a_get_after_login_with_405(client, offer, participant, url):
    client.force_login(participant)

    response = client.get(url.format(edition=offer["edition"].pk))

    assert response.status_code == 302


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_still_not_allowed(client, offer, participant, method):
    client.force_login(participant)

    response = getattr(client, method)(f"/mijn/inschrijven/{offer['edition'].pk}/")

    assert response.status_code == 405
