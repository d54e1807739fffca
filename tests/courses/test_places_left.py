"""The places left that a page shows never promise a seat a newcomer would not get: while
anyone waits, there are none."""

import re

import pytest

from django.utils import timezone

from courses.models import Edition
from courses.selectors import list_editions_with_places
from enrolment.models import Enrolment
from tests.factories import make_person


@pytest.fixture
def edition(offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(capacity=4)
    return Edition.objects.get(pk=offer["edition"].pk)


def enrol(edition, status):
    return Enrolment.objects.create(person=make_person(), edition=edition, status=status)


def places_left(edition):
    return list_editions_with_places().get(pk=edition.pk).places_left


def test_places_left_are_the_free_seats_when_nobody_waits(edition):
    enrol(edition, Enrolment.Status.CONFIRMED)

    assert places_left(edition) == 3


def test_a_waitlist_leaves_no_places_even_beside_a_free_seat(edition, client):
    for _ in range(3):
        enrol(edition, Enrolment.Status.CONFIRMED)
    enrol(edition, Enrolment.Status.WAITLISTED)
    # A seat freed while people wait, before the waitlist is filled.
    freed = Enrolment.objects.filter(edition=edition).confirmed().first()
    Enrolment.objects.filter(pk=freed.pk).update(status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now())

    assert places_left(edition) == 0
    course_page = client.get(edition.course.url).content.decode()
    catalogue = client.get("/aanbod/").content.decode()
    for html in (course_page, catalogue):
        assert "Volzet" in html
        assert not re.search(r"Nog \d+ plaats(en)? vrij", html)
    assert "0 vormingen gevonden" in client.get("/aanbod/?plaatsen=ja").content.decode()


def test_a_full_edition_has_no_places_left(edition):
    for _ in range(4):
        enrol(edition, Enrolment.Status.CONFIRMED)

    assert places_left(edition) == 0
