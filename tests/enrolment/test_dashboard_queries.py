"""Mijn academie reads a fixed number of rows, however much a person has done."""

import pytest

from certificates.models import Certificate
from enrolment.models import Enrolment
from materials.models import CourseMaterial
from tests.factories import make_course, make_edition, make_person
from tests.query_counts import count_queries


def give_history(person, package, *, enrolments, certificates):
    for index in range(enrolments):
        course = make_course(package, title=f"Vorming {index}")
        # Half of them ended, half still to come, so every section of the page fills.
        edition = make_edition(course, sessions=2, starts_in_days=-60 if index % 2 == 0 else 20 + index)
        enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
        session = edition.sessions.first()
        CourseMaterial.objects.create(
            course=course, session=session, title="Slides", kind="link", link_url="https://example.org/s"
        )
        if index < certificates:
            Certificate.objects.create(
                kind=Certificate.Kind.EDITION,
                person=person,
                edition=enrolment.edition,
                holder_name="An Peeters",
                title=course.title,
                issuer_name="Academie",
            )


@pytest.fixture(autouse=True)
def sessions_from_the_cache(settings):
    # As in production: the session comes from the cache, not from a query.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def dashboard_queries(client):
    client.get("/mijn/")
    return count_queries(client, "/mijn/")


def test_mijn_academie_takes_at_most_twelve_queries_with_ten_enrolments_and_five_certificates(client, offer):
    person = make_person()
    give_history(person, offer["basic"], enrolments=10, certificates=5)
    client.force_login(person)

    assert dashboard_queries(client) <= 12


def test_mijn_academie_takes_as_many_queries_for_ten_enrolments_as_for_two(client, offer):
    few, many = make_person(), make_person()
    give_history(few, offer["basic"], enrolments=2, certificates=1)
    give_history(many, offer["advanced"], enrolments=10, certificates=5)

    client.force_login(few)
    for_few = dashboard_queries(client)
    client.force_login(many)

    assert dashboard_queries(client) == for_few
