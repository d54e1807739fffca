"""Prerequisites and audiences on the course page, before anyone presses a button.

enrol() and the page read the same rules (enrolment.eligibility): what the page promises
is what the service does.
"""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import get_or_create_profile
from courses.models import Audience, CoursePage, Edition
from enrolment.eligibility import list_requirements
from enrolment.models import Enrolment, PackageExemption
from tests.factories import make_course, make_edition, make_person


@pytest.fixture
def advanced(offer):
    course = make_course(offer["advanced"], title="Begroting lezen", is_required=True)
    edition = make_edition(course, province="antwerpen", starts_in_days=60)
    return {"course": course, "edition": edition, "basic": offer["basic"]}


def enrol_url(edition):
    return reverse("enrolment:enrol", args=[edition.pk])


def edition_section(html, edition):
    """The HTML of the edition's own section on the course page."""
    match = re.search(rf'<section class="edition" aria-labelledby="editie-{edition.pk}">(.*?)</section>', html, re.S)
    assert match, f"no section for edition {edition.pk}"
    return match.group(1)


def test_anonymous_visitor_sees_the_package_that_comes_first_with_a_link(client, advanced):
    html = client.get(advanced["course"].url).content.decode()

    section = edition_section(html, advanced["edition"])
    assert "Eerst voltooien" in section
    assert f'href="{advanced["basic"].url}"' in section
    assert advanced["basic"].title in section
    # Nothing personal for a visitor whose progress is unknown.
    assert "nog niet voltooid" not in html


def test_person_without_the_basic_package_sees_nog_niet_and_no_enrol_button(client, advanced):
    client.force_login(make_person())

    html = client.get(advanced["course"].url).content.decode()

    section = edition_section(html, advanced["edition"])
    assert "Je hebt dit nog niet voltooid." in section
    assert "Je kan nog niet inschrijven" in section
    assert f'href="{advanced["basic"].url}"' in section
    assert enrol_url(advanced["edition"]) not in html
    assert "je hebt dit nog niet voltooid" in html.split('<h2 id="edities">')[0]


def test_person_exempted_from_the_basic_package_sees_the_button(client, advanced, django_user_model):
    person = make_person()
    staff = make_person()
    PackageExemption.objects.create(person=person, package=advanced["basic"], reason="Ervaring", granted_by=staff)
    client.force_login(person)

    html = client.get(advanced["course"].url).content.decode()

    section = edition_section(html, advanced["edition"])
    assert "Je hebt dit voltooid." in section
    assert f'action="{enrol_url(advanced["edition"])}"' in section
    assert "Inschrijven" in section


def test_course_without_prerequisite_says_nothing_about_one(client, offer):
    client.force_login(make_person())

    html = client.get(offer["course"].url).content.decode()

    assert "Eerst voltooien" not in html
    assert f'action="{enrol_url(offer["edition"])}"' in html


def test_edition_for_officials_says_so_and_who_is_not_one_gets_a_link_to_the_profile(client, offer):
    offer["edition"].restricted_to_audiences.set(Audience.objects.filter(code="mandataris"))

    anonymous = edition_section(client.get(offer["course"].url).content.decode(), offer["edition"])
    client.force_login(make_person())
    outsider = edition_section(client.get(offer["course"].url).content.decode(), offer["edition"])

    assert "Alleen voor" in anonymous and "mandatarissen" in anonymous
    assert "Je profiel vermeldt geen van deze rollen." in outsider
    assert f'href="{reverse("accounts:profile_edit")}"' in outsider
    assert enrol_url(offer["edition"]) not in outsider


def test_an_official_sees_the_button_of_an_edition_for_officials(client, offer):
    offer["edition"].restricted_to_audiences.set(Audience.objects.filter(code="mandataris"))
    person = make_person()
    get_or_create_profile(person).roles.set(Audience.objects.filter(code="mandataris"))
    client.force_login(person)

    section = edition_section(client.get(offer["course"].url).content.decode(), offer["edition"])

    assert "Dat ben jij volgens je profiel." in section
    assert f'action="{enrol_url(offer["edition"])}"' in section


def test_a_refusal_shows_beside_the_edition_without_the_button(client, advanced):
    client.force_login(make_person())

    response = client.post(enrol_url(advanced["edition"]), follow=True)

    html = response.content.decode()
    section = edition_section(html, advanced["edition"])
    assert "moet je eerst" in section
    assert "moet je eerst" not in html.split('<h2 id="edities">')[0]
    assert enrol_url(advanced["edition"]) not in html
    assert not Enrolment.objects.exists()


def test_requirements_take_the_same_queries_for_one_edition_or_five(advanced, django_capture_on_commit_callbacks):
    person = make_person()
    officials = Audience.objects.filter(code="mandataris")
    with django_capture_on_commit_callbacks(execute=True):
        advanced["edition"].restricted_to_audiences.set(officials)
    course = CoursePage.objects.get(pk=advanced["course"].pk)
    editions = [Edition.objects.get(pk=advanced["edition"].pk)]
    with CaptureQueriesContext(connection) as one:
        list_requirements(course, editions, person)
    # Committed, as in the admin: the reserved audiences are kept per offer generation.
    with django_capture_on_commit_callbacks(execute=True):
        for days in (70, 80, 90, 100):
            make_edition(advanced["course"], starts_in_days=days).restricted_to_audiences.set(officials)
    course = CoursePage.objects.get(pk=advanced["course"].pk)
    editions = list(Edition.objects.filter(course=course))

    with CaptureQueriesContext(connection) as five:
        requirements = list_requirements(course, editions, person)

    assert len(editions) == 5
    assert len(five) == len(one)
    assert requirements.met is False
    assert all(edition.unmet_package == advanced["basic"] and edition.in_audience is False for edition in editions)
