"""The admin's listing of editions reads a fixed number of rows, however many it shows."""

import pytest

from courses.models import Edition
from roles.groups import STAFF, STEERING_GROUP
from tests.factories import make_course, make_edition, make_member
from tests.query_counts import count_queries

STATUSES = [Edition.Status.APPROVED, Edition.Status.SUBMITTED, Edition.Status.DRAFT]


def add_editions(package, count):
    for index in range(count):
        course = make_course(package)
        make_edition(course, status=STATUSES[index % len(STATUSES)], starts_in_days=10 + index)


def listing_queries(client):
    client.get("/admin/editions/")
    return count_queries(client, "/admin/editions/")


@pytest.mark.parametrize("role", [STAFF, STEERING_GROUP])
def test_listing_of_twenty_five_editions_takes_as_many_queries_as_five(client, offer, role):
    client.force_login(make_member(role))
    add_editions(offer["basic"], 4)  # and the offer's own edition: 5
    five = listing_queries(client)

    add_editions(offer["advanced"], 20)
    assert Edition.objects.count() == 25

    assert listing_queries(client) == five
