"""Staff and the steering group see enrolments per partner channel."""

import pytest

from courses.models import Edition, ProgrammeYear
from enrolment import services
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests import factories
from tests.steering.test_signals_report import member_of

REPORT = "/admin/partnerkanalen/"
LISTING = "/admin/enrolments/"


@pytest.fixture
def channel_enrolments(partner_offer):
    from datetime import date

    year = ProgrammeYear.objects.create(
        name="2026-2027", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31), is_published=True
    )
    Edition.objects.filter(pk=partner_offer["open_edition"].pk).update(programme_year=year)
    acv, femma = partner_offer["acv"], partner_offer["femma"]
    for _ in range(3):
        services.enrol(partner_offer["open_edition"], person=factories.make_person(), via_partner=acv)
    cancelled = services.enrol(partner_offer["open_edition"], person=factories.make_person(), via_partner=acv)
    services.cancel_enrolment(cancelled.enrolment, by=cancelled.enrolment.person)
    services.enrol(partner_offer["edition"], person=factories.make_person(), via_partner=acv)
    services.enrol(partner_offer["edition"], person=factories.make_person(), via_partner=femma)
    services.enrol(partner_offer["edition"], person=factories.make_person("zonderkanaal@example.org"))
    return {**partner_offer, "year": year}


@pytest.mark.parametrize("group_name", [STAFF, STEERING_GROUP])
def test_curators_see_counts_per_partner_and_programme_year(client, channel_enrolments, group_name):
    client.force_login(member_of(group_name))

    response = client.get(REPORT)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row["partner"], row["programme_year"], row["total"], row["active"], row["confirmed"]) for row in rows] == [
        ("ACV", "2026-2027", 4, 3, 3),
        ("ACV", None, 1, 1, 1),
        ("Femma", None, 1, 1, 1),
    ]
    html = response.content.decode()
    assert "Zonder werkjaar" in html
    assert f"?via_partner={channel_enrolments['acv'].pk}&amp;programme_year={channel_enrolments['year'].pk}" in html


def test_trainers_and_participants_may_not_read_the_report(client, channel_enrolments):
    client.force_login(member_of(TRAINERS))
    assert client.get(REPORT).status_code in (302, 403)

    client.force_login(factories.make_person())
    assert client.get(REPORT).status_code in (302, 403)


def test_report_is_in_the_menu_for_the_steering_group_only(client, channel_enrolments):
    client.force_login(member_of(STEERING_GROUP))
    assert REPORT in client.get("/admin/").content.decode()

    client.force_login(member_of(TRAINERS))
    assert REPORT not in client.get("/admin/").content.decode()


def test_enrolment_listing_filters_on_the_partner_channel(client, channel_enrolments):
    client.force_login(member_of(STEERING_GROUP))

    response = client.get(LISTING, {"via_partner": channel_enrolments["femma"].pk})

    assert response.status_code == 200
    [enrolment] = response.context["object_list"]
    assert enrolment.via_partner == channel_enrolments["femma"]
    assert "Via het kanaal van partner" in response.content.decode()

    without = client.get(LISTING, {"via_partner": "null"}).context["object_list"]
    # The full edition's two participants and the one who came without a channel.
    assert len(without) == Enrolment.objects.filter(via_partner=None).count() == 3
    assert "zonderkanaal@example.org" in {enrolment.person.email for enrolment in without}
