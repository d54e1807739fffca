"""Mijn academie reads a fixed number of rows, however much a person has done."""

from datetime import timedelta

import pytest

from django.utils import timezone

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


def test_mijn_academie_shows_a_moved_session_to_who_had_the_page_open(
    client, offer, django_capture_on_commit_callbacks
):
    # The editions and their sessions come from what the process read in this offer
    # generation: a committed change starts a new one.
    person = make_person()
    edition = make_edition(make_course(offer["basic"], title="Vergadertechnieken"), starts_in_days=20)
    Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    session = edition.sessions.get()
    client.force_login(person)
    before = client.get("/mijn/").content.decode()
    moved = session.starts_at + timedelta(days=2, hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at, session.ends_at = moved, moved + timedelta(hours=3)
        session.save()
    after = client.get("/mijn/").content.decode()

    assert f'datetime="{timezone.localtime(session.starts_at - timedelta(days=2, hours=1)).isoformat()}"' in before
    assert f'datetime="{timezone.localtime(moved).isoformat()}"' in after
    assert f'datetime="{timezone.localtime(moved).isoformat()}"' not in before


def test_mijn_academie_shows_each_person_their_own_state_of_a_shared_edition(client, offer):
    edition = make_edition(make_course(offer["basic"], title="Vergadertechnieken"), starts_in_days=20, capacity=1)
    seated, waiting = make_person(), make_person()
    Enrolment.objects.create(person=seated, edition=edition, status=Enrolment.Status.CONFIRMED)
    Enrolment.objects.create(person=waiting, edition=edition, status=Enrolment.Status.WAITLISTED)

    client.force_login(seated)
    for_seated = client.get("/mijn/").content.decode()
    client.force_login(waiting)
    for_waiting = client.get("/mijn/").content.decode()

    assert "Op de wachtlijst, plaats 1" in for_waiting
    assert "Op de wachtlijst" not in for_seated
    assert "Je volgende sessies" in for_seated and 'class="sessions"' in for_seated
    assert 'class="sessions"' not in for_waiting
