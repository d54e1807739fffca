"""When a session takes attendance (CHECK_IN_OPENS_MINUTES_BEFORE), the one-tap check-in
from Mijn academie, and the check-in code on a projector."""

from datetime import timedelta

import pytest

from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from attendance.models import Attendance
from attendance.services import ensure_check_in_code
from courses.models import Session
from tests.attendance.conftest import confirm, named_person
from tests.query_counts import count_queries

PRESENT, ABSENT = Attendance.Status.PRESENT, Attendance.Status.ABSENT


def session_starting_in(edition, minutes):
    starts_at = timezone.now() + timedelta(minutes=minutes)
    return Session.objects.create(
        edition=edition, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), online_url="https://example.org"
    )


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(("opens_before", "minutes", "opened"), [(15, 10, True), (15, 20, False), (30, 20, True)])
def test_check_in_by_code_opens_the_set_minutes_before_the_start(
    client, settings, participant, edition, enrolment, opens_before, minutes, opened
):
    settings.CHECK_IN_OPENS_MINUTES_BEFORE = opens_before
    session = session_starting_in(edition, minutes)
    client.force_login(participant)

    client.post(f"/inchecken/{ensure_check_in_code(session)}/")

    assert Attendance.objects.filter(session=session, status=PRESENT).exists() is opened


def test_the_roll_call_takes_presence_from_the_same_moment(client, trainer, edition, enrolment):
    soon, later = session_starting_in(edition, 10), session_starting_in(edition, 20)
    client.force_login(trainer)

    for session in (soon, later):
        client.post(f"/lesgever/sessies/{session.pk}/aanwezigheden/", {f"mark_{enrolment.pk}": ABSENT})

    assert list(Attendance.objects.values_list("session", flat=True)) == [soon.pk]


def test_the_check_in_page_says_from_when_before_it_opens(client, participant, edition, enrolment):
    session = session_starting_in(edition, 60)
    client.force_login(participant)

    page = client.get(f"/inchecken/{ensure_check_in_code(session)}/").content.decode()

    opens = timezone.localtime(session.starts_at - timedelta(minutes=15)).strftime("%H:%M")
    assert "Inchecken kan vanaf" in page and opens in page
    assert "Ik ben aanwezig" not in page


# One tap from Mijn academie


def test_mijn_academie_offers_one_tap_check_in_for_a_session_opening_now(client, participant, edition, enrolment):
    session = session_starting_in(edition, 5)
    client.force_login(participant)

    page = client.get("/mijn/").content.decode()
    response = client.post(f"/inchecken/sessie/{session.pk}/")

    assert f'action="/inchecken/sessie/{session.pk}/"' in page
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert message_texts(response) == ["Je bent ingecheckt. Fijne sessie!"]
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.status, attendance.source) == (session, PRESENT, "zelf")
    assert f'action="/inchecken/sessie/{session.pk}/"' not in client.get("/mijn/").content.decode()


def test_mijn_academie_offers_no_check_in_before_the_window_or_to_the_waitlisted(client, participant, edition):
    later = session_starting_in(edition, 60)
    now = session_starting_in(edition, -5)
    client.force_login(participant)

    page = client.get("/mijn/").content.decode()

    assert "Nu inchecken" not in page
    confirm(edition, participant)
    page = client.get("/mijn/").content.decode()
    assert f'action="/inchecken/sessie/{now.pk}/"' in page
    assert f'action="/inchecken/sessie/{later.pk}/"' not in page


def test_one_tap_check_in_refuses_who_is_not_enrolled_or_too_early(client, participant, edition, enrolment):
    outsider = named_person("Olaf", "Buiten", "olaf@example.org")
    now, later = session_starting_in(edition, -5), session_starting_in(edition, 60)

    client.force_login(outsider)
    refused = client.post(f"/inchecken/sessie/{now.pk}/")
    other_client = Client()
    other_client.force_login(participant)
    early = other_client.post(f"/inchecken/sessie/{later.pk}/")

    assert message_texts(refused) == ["Je bent niet ingeschreven voor deze sessie."]
    assert message_texts(early) == ["Inchecken kan alleen tijdens de sessie en kort ervoor."]
    assert not Attendance.objects.exists()
    assert other_client.get(f"/inchecken/sessie/{now.pk}/").status_code == 405
    assert other_client.post("/inchecken/sessie/999999/").status_code == 404


def test_mijn_academie_check_in_costs_no_query_when_nothing_is_open_and_one_for_any_number_of_sessions(
    client, participant, edition, enrolment, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    client.get("/mijn/")
    nothing_open = count_queries(client, "/mijn/")
    assert "check-in-button" not in client.get("/mijn/").content.decode()
    # Committed, as in production: the sessions are part of the offer, read per generation.
    with django_capture_on_commit_callbacks(execute=True):
        session_starting_in(edition, 5)
    client.get("/mijn/")
    one_open = count_queries(client, "/mijn/")
    assert client.get("/mijn/").content.decode().count('class="check-in-button"') == 1
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in (-30, -10):
            session_starting_in(edition, minutes)
    client.get("/mijn/")  # what the process remembers per offer generation, as under load
    three_open = count_queries(client, "/mijn/")

    assert client.get("/mijn/").content.decode().count('class="check-in-button"') == 3
    assert one_open == nothing_open + 1
    assert three_open == one_open


# The code on a projector


def test_the_projector_view_shows_the_code_and_qr_code_full_screen(client, trainer, edition, first_session):
    client.force_login(trainer)

    response = client.get(f"/lesgever/sessies/{first_session.pk}/code/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="projector-code">{ensure_check_in_code(first_session)}</p>' in html
    assert 'src="data:image/svg+xml' in html
    assert "site-header" not in html and "wagtail-userbar" not in html
    assert (
        f'href="/lesgever/sessies/{first_session.pk}/code/"'
        in client.get(f"/lesgever/sessies/{first_session.pk}/aanwezigheden/").content.decode()
    )


def test_another_trainer_gets_no_projector_view(client, other_trainer, participant, first_session):
    for person in (other_trainer, participant):
        client.force_login(person)
        assert client.get(f"/lesgever/sessies/{first_session.pk}/code/").status_code == 404


def test_the_roll_call_page_has_no_userbar_to_cover_its_choices(client, trainer, staff_member, first_session):
    staff_member.is_superuser = True
    staff_member.save(update_fields=["is_superuser"])
    client.force_login(staff_member)

    roll_call = client.get(f"/lesgever/sessies/{first_session.pk}/aanwezigheden/").content.decode()
    dashboard = client.get("/lesgever/").content.decode()

    assert "wagtail-userbar" in dashboard
    assert "wagtail-userbar" not in roll_call
