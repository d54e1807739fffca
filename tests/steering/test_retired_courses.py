"""A retired course leaves the offer, but its page, enrolments and certificates stay."""

import re

import pytest

from django.contrib.auth import get_user_model

from enrolment.models import Enrolment
from tests import factories


def retire(course):
    course.is_retired = True
    course.save_revision().publish()


@pytest.fixture
def retired(offer):
    person = factories.make_person("dirk@example.org")
    Enrolment.objects.create(person=person, edition=offer["edition"], status=Enrolment.Status.CONFIRMED)
    kept = factories.make_course(offer["track"], title="Nog steeds aangeboden")
    factories.make_edition(kept, province="antwerpen")
    retire(offer["course"])
    return {**offer, "person": person, "kept": kept}


def test_retired_course_leaves_the_catalogue_results_and_facets(client, retired):
    response = client.get("/aanbod/")

    html = response.content.decode()
    assert "Nog steeds aangeboden" in html
    assert "Hoe werkt de gemeente?" not in html
    assert re.search(r"\b1 vorming gevonden", html)
    assert 'value="limburg"' not in html
    assert 'value="avondreeks"' not in html


def test_retired_course_leaves_the_track_and_package_overviews(client, retired):
    for page in (retired["track"], retired["basic"]):
        assert "Hoe werkt de gemeente?" not in client.get(page.url).content.decode()


def test_retired_course_page_stays_with_a_notice_instead_of_enrolling(client, retired):
    client.force_login(factories.make_person())

    response = client.get(retired["course"].url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze vorming wordt niet meer aangeboden." in html
    assert f"/mijn/inschrijven/{retired['edition'].pk}/" not in html


def test_enrolled_participant_still_finds_their_enrolment(client, retired):
    client.force_login(retired["person"])

    dashboard = client.get("/mijn/").content.decode()
    course_page = client.get(retired["course"].url).content.decode()

    assert "Hoe werkt de gemeente?" in dashboard
    assert "Je bent ingeschreven voor deze editie." in course_page
    assert Enrolment.objects.filter(person=retired["person"], status=Enrolment.Status.CONFIRMED).exists()


def test_retired_course_takes_no_new_enrolments(client, retired):
    newcomer = factories.make_person()
    client.force_login(newcomer)

    response = client.post(f"/mijn/inschrijven/{retired['edition'].pk}/")

    assert response.status_code == 404
    assert not Enrolment.objects.filter(person=newcomer).exists()


def test_retiring_is_in_the_settings_tab_of_the_course_editor(client, offer):
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(admin)

    response = client.get(f"/admin/pages/{offer['course'].pk}/edit/")

    assert response.status_code == 200
    assert 'name="is_retired"' in response.content.decode()
