"""The "Signalen" report: where demand outgrows the offer, what stays empty, what is asked."""

from functools import partial

import pytest

from django.contrib.auth import get_user_model

from courses.models import Edition
from curation.models import CourseRequest
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from steering import selectors
from steering.models import SignalThresholds
from tests import factories
from tests.curation.factories import make_request

URL = "/admin/signalen/"


def waitlist(edition, count):
    for _ in range(count):
        Enrolment.objects.create(person=factories.make_person(), edition=edition, status=Enrolment.Status.WAITLISTED)


member_of = factories.make_member


@pytest.fixture
def course(offer):
    return offer["course"]


def test_long_waitlists_by_count_or_share_of_capacity_longest_first(course):
    five = factories.make_edition(course, capacity=40)
    factories.fill_edition(five)
    waitlist(five, 5)
    quarter = factories.make_edition(course, capacity=8)
    factories.fill_edition(quarter)
    waitlist(quarter, 2)
    short = factories.make_edition(course, capacity=40)
    factories.fill_edition(short)
    waitlist(short, 4)
    past = factories.make_edition(course, capacity=2, starts_in_days=-5)
    waitlist(past, 6)
    draft = factories.make_edition(course, capacity=2, status=Edition.Status.DRAFT)
    waitlist(draft, 6)

    assert selectors.list_editions_with_long_waitlists() == [five, quarter]
    assert [edition.waitlisted_count for edition in selectors.list_editions_with_long_waitlists()] == [5, 2]


def test_nearly_empty_editions_start_within_thirty_days_below_a_quarter(offer, course):
    factories.fill_edition(offer["edition"])
    empty_soon = factories.make_edition(course, capacity=20, starts_in_days=5)
    almost_soon = factories.make_edition(course, capacity=20, starts_in_days=25)
    factories.fill_edition(almost_soon, 4)
    quarter_full = factories.make_edition(course, capacity=20, starts_in_days=10)
    factories.fill_edition(quarter_full, 5)
    factories.make_edition(course, capacity=20, starts_in_days=45)
    factories.make_edition(course, capacity=20, starts_in_days=-3)

    assert selectors.list_nearly_empty_editions() == [empty_soon, almost_soon]


def test_open_requests_counted_by_theme_and_province(db):
    climate, poverty = factories.make_theme("Klimaat"), factories.make_theme("Armoede")
    make_request(theme=climate, province="limburg")
    make_request(theme=climate, province="antwerpen", status=CourseRequest.Status.IN_REVIEW)
    make_request(theme=poverty, province="limburg")
    make_request(province="limburg")
    make_request(theme=poverty, province="brussel", status=CourseRequest.Status.REJECTED)
    make_request(theme=poverty, province="brussel", status=CourseRequest.Status.SCHEDULED)

    by_theme, without_theme = selectors.count_open_requests_by_theme()

    assert by_theme == [{"label": "Klimaat", "count": 2}, {"label": "Armoede", "count": 1}]
    assert without_theme == 1
    assert selectors.count_open_requests_by_province() == [
        {"label": "Limburg", "count": 3},
        {"label": "Antwerpen", "count": 1},
    ]


@pytest.fixture
def many_editions(offer):
    factories.fill_edition(offer["edition"])
    courses = [factories.make_course(offer["track"]) for _ in range(4)]
    venue = factories.make_venue()
    for index in range(24):
        edition = factories.make_edition(
            courses[index % 4], capacity=4, starts_in_days=3 + index, sessions=2, venue=venue
        )
        if index % 2:
            factories.fill_edition(edition)
            waitlist(edition, 1 + index % 3)
    themes = [factories.make_theme(f"Thema {n}") for n in range(5)]
    for index in range(20):
        make_request(theme=themes[index % 5], province=("limburg", "antwerpen", "brussel")[index % 3])


# The report reads the thresholds once and hands them to both edition lists.
THRESHOLDS = SignalThresholds()


@pytest.mark.parametrize(
    "selector",
    [
        pytest.param(partial(selectors.list_editions_with_long_waitlists, THRESHOLDS), id="long waitlists"),
        pytest.param(partial(selectors.list_nearly_empty_editions, THRESHOLDS), id="nearly empty"),
        pytest.param(selectors.count_open_requests_by_theme, id="requests by theme"),
        pytest.param(selectors.count_open_requests_by_province, id="requests by province"),
    ],
)
def test_each_table_is_one_query(many_editions, selector, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        selector()


def test_report_page_query_count_does_not_grow_with_editions(client, many_editions, django_assert_max_num_queries):
    client.force_login(member_of(STEERING_GROUP))

    # 21: the admin menu asks once whether to show Aanwezigheden (staff and trainers only).
    with django_assert_max_num_queries(21):
        response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert len(selectors.list_editions_with_long_waitlists()) == 12
    assert html.count('<th scope="row"><a href="/admin/editions/inspect/') == 12 + 12
    assert "Thema 3" in html and "Limburg" in html


@pytest.mark.parametrize("group_name", [STEERING_GROUP, STAFF])
def test_steering_group_and_staff_see_the_report_and_its_menu_item(client, offer, group_name):
    client.force_login(member_of(group_name))

    response = client.get(URL)
    home = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Lange wachtlijsten", "Bijna lege edities", "Open vormingsvragen"):
        assert heading in html
    assert "<caption>" in html
    assert URL in home.content.decode()


def test_superuser_sees_the_report(client, db):
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(admin)

    assert client.get(URL).status_code == 200


def test_trainers_are_refused_and_see_no_menu_item(client, offer):
    client.force_login(member_of(TRAINERS))

    response = client.get(URL)

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]
