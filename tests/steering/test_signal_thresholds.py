"""The steering group sets where the Signalen report raises a signal."""

import pytest

from django.contrib.auth.models import Group

from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from steering import selectors
from steering.models import SignalThresholds
from tests import factories
from tests.steering.test_signals_report import URL, waitlist

SETTINGS_URL = "/admin/settings/steering/signalthresholds/"
# Django's Dutch message for a value outside a validator's range.
ERROR_MESSAGE = "Zorg ervoor dat deze waarde"


def member_of(group_name):
    ensure_role_permissions()
    person = factories.make_person()
    person.groups.add(Group.objects.get(name=group_name))
    return person


def thresholds_data(**changes):
    data = {
        "long_waitlist_min": "5",
        "long_waitlist_percentage": "25",
        "nearly_empty_percentage": "25",
        "nearly_empty_within_days": "30",
        "low_evaluation_below": "3.0",
    }
    data.update({key: str(value) for key, value in changes.items()})
    return data


@pytest.fixture
def editions(offer):
    """Three waitlisted people on 40 places, and an edition in 45 days with 2 of 20 confirmed."""
    course = offer["course"]
    factories.fill_edition(offer["edition"])
    three_waiting = factories.make_edition(course, capacity=40)
    factories.fill_edition(three_waiting)
    waitlist(three_waiting, 3)
    later = factories.make_edition(course, capacity=20, starts_in_days=45)
    factories.fill_edition(later, 2)
    return {"three_waiting": three_waiting, "later": later}


def test_defaults_hold_while_nothing_is_set(editions):
    assert selectors.list_editions_with_long_waitlists() == []
    assert selectors.list_nearly_empty_editions() == []


def test_selectors_follow_the_thresholds_set(editions):
    SignalThresholds.objects.create(long_waitlist_min=3, nearly_empty_within_days=60, nearly_empty_percentage=11)

    assert selectors.list_editions_with_long_waitlists() == [editions["three_waiting"]]
    assert selectors.list_nearly_empty_editions() == [editions["later"]]


def test_a_share_of_capacity_is_a_percentage(editions):
    # 3 waiting on 40 places is 7.5 %.
    SignalThresholds.objects.create(long_waitlist_percentage=8)
    assert selectors.list_editions_with_long_waitlists() == []

    SignalThresholds.objects.update(long_waitlist_percentage=7)
    assert selectors.list_editions_with_long_waitlists() == [editions["three_waiting"]]


@pytest.mark.parametrize("group_name", [STEERING_GROUP, STAFF])
def test_steering_group_and_staff_change_the_thresholds_and_the_report_follows(client, editions, group_name):
    client.force_login(member_of(group_name))
    report = client.get(URL).content.decode()
    assert "Drempels voor de signalen aanpassen" in report
    assert "minstens 5 wachtenden of een wachtlijst van 25 % van de plaatsen" in report

    edit_url = client.get(SETTINGS_URL)["Location"]
    response = client.post(edit_url, thresholds_data(long_waitlist_min=3, nearly_empty_within_days=60))

    assert response.status_code == 302
    thresholds = SignalThresholds.objects.get()
    assert (thresholds.long_waitlist_min, thresholds.nearly_empty_within_days) == (3, 60)
    report = client.get(URL).content.decode()
    assert "minstens 3 wachtenden" in report
    assert "binnen 60 dagen" in report
    assert f"/admin/editions/inspect/{editions['three_waiting'].pk}/" in report
    assert f"/admin/editions/inspect/{editions['later'].pk}/" in report


@pytest.mark.parametrize(
    "changes", [{"long_waitlist_min": 0}, {"long_waitlist_percentage": 101}, {"nearly_empty_within_days": 400}]
)
def test_out_of_range_thresholds_are_refused_and_nothing_changes(client, db, changes):
    client.force_login(member_of(STEERING_GROUP))
    edit_url = client.get(SETTINGS_URL)["Location"]

    response = client.post(edit_url, thresholds_data(**changes))

    assert response.status_code == 200
    assert (
        "De instelling kon niet worden opgeslagen" in response.content.decode() or "error" in response.content.decode()
    )
    assert SignalThresholds.objects.get().long_waitlist_min == 5
    assert SignalThresholds.objects.get().long_waitlist_percentage == 25
    assert SignalThresholds.objects.get().nearly_empty_within_days == 30


def test_trainers_cannot_change_the_thresholds(client, db):
    client.force_login(member_of(TRAINERS))
    edit_url = client.get(SETTINGS_URL)["Location"]

    opened = client.get(edit_url)
    posted = client.post(edit_url, thresholds_data(long_waitlist_min=1))

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    assert (opened.status_code, opened["Location"]) == (302, "/admin/")
    assert (posted.status_code, posted["Location"]) == (302, "/admin/")
    assert SignalThresholds.objects.get().long_waitlist_min == 5
