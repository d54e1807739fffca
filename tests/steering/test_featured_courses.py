"""The steering group features up to six courses on the home page, in its own order."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.models import FeaturedCourse
from courses.selectors import list_featured_courses
from tests import factories


def feature(home, *courses):
    for position, course in enumerate(courses):
        FeaturedCourse.objects.create(home_page=home, course=course, sort_order=position)


@pytest.fixture
def courses(offer):
    return [offer["course"], *(factories.make_course(offer["track"], title=f"Uitgelicht {n}") for n in range(6))]


def featured_section(response):
    html = response.content.decode()
    start = html.index('id="uitgelicht"')
    return html[start : html.index('id="binnenkort"')]


def test_featured_courses_show_above_upcoming_in_the_chosen_order(client, offer, courses):
    feature(offer["home"], courses[3], courses[0], courses[5])

    response = client.get("/")

    assert response.status_code == 200
    section = featured_section(response)
    positions = [section.index(course.title) for course in (courses[3], courses[0], courses[5])]
    assert positions == sorted(positions)
    assert courses[1].title not in section


def test_retired_and_unpublished_courses_are_not_featured(offer, courses):
    courses[1].is_retired = True
    courses[1].save_revision().publish()
    courses[2].unpublish()
    feature(offer["home"], courses[1], courses[2], courses[3])

    assert list_featured_courses(offer["home"]) == [courses[3]]


def test_home_page_without_featured_courses_has_no_section(client, offer):
    response = client.get("/")

    assert 'id="uitgelicht"' not in response.content.decode()


def test_featured_courses_cost_the_same_queries_for_one_or_six(client, offer, courses):
    # Logged in, so the anonymous page cache does not answer.
    client.force_login(factories.make_person())
    feature(offer["home"], courses[0])
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")

    FeaturedCourse.objects.all().delete()
    feature(offer["home"], *courses[:6])
    client.get("/")
    with CaptureQueriesContext(connection) as six:
        response = client.get("/")

    assert all(course.title in featured_section(response) for course in courses[:6])
    assert len(six) == len(one)


def test_steering_group_chooses_featured_courses_in_the_page_editor(client, offer):
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(admin)

    response = client.get(f"/admin/pages/{offer['home'].pk}/edit/")

    assert response.status_code == 200
    assert "featured_courses-TOTAL_FORMS" in response.content.decode()
