"""A trainer's start: after logging in, their own page with the session of now on top."""

from datetime import timedelta

from django.utils import timezone

from courses.models import Edition, Session, Trainer
from tests.factories import make_course, make_edition, make_person

PASSWORD = "wachtwoord-123"


def log_in(client, email):
    return client.post("/account/login/", {"login": email, "password": PASSWORD})


def verify_email(person):
    person.emailaddress_set.create(email=person.email, verified=True, primary=True)


def add_session(edition, *, minutes):
    starts_at = timezone.now() + timedelta(minutes=minutes)
    return Session.objects.create(
        edition=edition, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), online_url="https://example.org"
    )


def test_a_trainer_lands_on_their_own_page_after_logging_in(client, edition, trainer_user):
    verify_email(trainer_user)

    response = log_in(client, trainer_user.email)

    assert response.status_code == 302
    assert response["Location"] == "/lesgever/"


def test_a_participant_still_lands_on_mijn_academie_and_next_wins(client, edition, trainer_user):
    participant = make_person("an@example.org")
    verify_email(participant)
    verify_email(trainer_user)

    assert log_in(client, participant.email)["Location"] == "/mijn/"
    client.logout()
    response = client.post(
        "/account/login/?next=/aanbod/", {"login": trainer_user.email, "password": PASSWORD, "next": "/aanbod/"}
    )
    assert response["Location"] == "/aanbod/"


def test_the_running_session_is_on_top_with_its_roll_call_one_tap_away(client, offer, edition, trainer_user):
    running = add_session(edition, minutes=-30)
    add_session(edition, minutes=60 * 24)
    client.force_login(trainer_user)

    page = client.get("/lesgever/").content.decode()

    top = page.index('id="nu-kop"')
    assert "Nu bezig" in page
    assert page.index(f'href="/lesgever/sessies/{running.pk}/aanwezigheden/"') > top
    assert page.index(f'href="/lesgever/sessies/{running.pk}/code/"') > top
    assert top < page.index("Komende edities")


def test_a_session_opening_within_the_window_counts_as_running(client, settings, offer, edition, trainer_user):
    settings.CHECK_IN_OPENS_MINUTES_BEFORE = 15
    soon = add_session(edition, minutes=10)
    client.force_login(trainer_user)

    page = client.get("/lesgever/").content.decode()

    assert "Nu bezig" in page
    assert f'href="/lesgever/sessies/{soon.pk}/aanwezigheden/"' in page


def test_without_a_running_session_the_next_one_is_on_top(client, offer, edition, trainer_user):
    first = edition.sessions.order_by("starts_at").first()
    cancelled = make_edition(offer["course"], starts_in_days=1, status=Edition.Status.CANCELLED)
    cancelled.trainers.add(Trainer.objects.get(user=trainer_user))
    client.force_login(trainer_user)

    page = client.get("/lesgever/").content.decode()

    assert "Je volgende sessie" in page and "Nu bezig" not in page
    assert page.index(f'href="/lesgever/sessies/{first.pk}/aanwezigheden/"') < page.index("Komende edities")
    assert f"/lesgever/sessies/{cancelled.sessions.get().pk}/aanwezigheden/" not in page


def test_another_trainers_session_is_never_on_top(client, offer, edition, other_trainer):
    add_session(edition, minutes=-30)
    own = make_edition(make_course(offer["basic"], title="Eigen vorming"), starts_in_days=5)
    own.trainers.add(Trainer.objects.get(user=other_trainer))
    client.force_login(other_trainer)

    page = client.get("/lesgever/").content.decode()

    assert "Eigen vorming" in page[page.index('id="nu-kop"') :]
    assert "Nu bezig" not in page
