"""The trainer's pages: who sees what, and what they show."""

import io

import pytest
from pypdf import PdfReader

from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import ModelLogEntry

from courses.models import Audience, Trainer
from teaching.services import MESSAGE_ACTION
from teaching.views import MESSAGE_RATE
from tests.factories import make_course, make_edition, make_partner, make_person
from tests.teaching.conftest import add_participant


def participants_url(edition):
    return f"/lesgever/edities/{edition.pk}/deelnemers/"


def sheet_url(edition):
    return f"/lesgever/edities/{edition.pk}/aanwezigheidslijst.pdf"


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def session_dates(edition):
    return [timezone.localtime(session.starts_at).strftime("%d/%m/%Y") for session in edition.sessions.all()]


# The overview of one's own editions


def test_overview_lists_own_editions_upcoming_first(client, offer, edition, trainer_user):
    trainer = Trainer.objects.get(user=trainer_user)
    later = make_edition(offer["course"], starts_in_days=90, label="Gent, voorjaar")
    past = make_edition(offer["course"], starts_in_days=-60, label="Brugge, vorig jaar")
    someone_elses = make_edition(make_course(offer["basic"], title="Andermans vorming"), label="Elders")
    later.trainers.add(trainer)
    past.trainers.add(trainer)
    someone_elses.trainers.add(Trainer.objects.create(name="Iemand anders"))
    client.force_login(trainer_user)

    response = client.get("/lesgever/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Andermans vorming" not in page
    positions = [page.index(f'href="{participants_url(e)}"') for e in (edition, later, past)]
    assert positions == sorted(positions)
    assert "Voorbije edities" in page
    assert f'href="{sheet_url(edition)}"' in page


def test_overview_says_so_when_one_trains_nothing(client, offer):
    client.force_login(make_person())

    response = client.get("/lesgever/")

    assert response.status_code == 200
    assert "Je geeft geen komende edities." in response.content.decode()


def test_overview_needs_a_login(client, db):
    response = client.get("/lesgever/")

    assert response.status_code == 302
    assert "login" in response["Location"]


# The participant list


def test_trainer_sees_confirmed_participants_with_organisations_roles_and_needs(client, edition, participants):
    client.force_login(Trainer.objects.get(edition=edition).user)

    response = client.get(participants_url(edition))

    page = response.content.decode()
    assert response.status_code == 200
    for name in ("An Peeters", "Bart Claes", "Chris Zonderadres"):
        assert name in page
    assert "Wout Wachtend" not in page
    assert "Greet Geannuleerd" not in page
    assert "ACV, Femma" in page
    assert "Vrijwilligers" in page
    assert "Mandatarissen" in page
    assert "Rolstoel" in page
    assert "Vegetarisch" in page
    assert "3 bevestigde deelnemers" in page
    assert "1 persoon op de wachtlijst." in page
    # Contact details are not the trainer's: messages go through the academy.
    assert "@example.org" not in page.replace("lesgever@example.org", "")


@pytest.mark.parametrize("who", ["staff_member", "steering_member"])
def test_staff_and_steering_group_see_every_participant_list(client, edition, participants, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(participants_url(edition)).status_code == 200
    assert client.get(sheet_url(edition)).status_code == 200


@pytest.mark.parametrize("who", ["other_trainer", "participant", "ex_member"])
def test_anyone_else_gets_404(client, edition, participants, other_trainer, steering_member, who):
    if who == "participant":
        person = participants["an"]
    elif who == "ex_member":
        steering_member.groups.clear()
        person = steering_member
    else:
        person = other_trainer
    client.force_login(person)

    assert client.get(participants_url(edition)).status_code == 404
    assert client.get(sheet_url(edition)).status_code == 404


def test_participant_list_needs_a_login(client, edition):
    response = client.get(participants_url(edition))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_participant_list_and_sheet_are_never_stored_by_caches(client, edition, trainer_user):
    client.force_login(trainer_user)

    for url in (participants_url(edition), sheet_url(edition)):
        cache_control = {part.strip() for part in client.get(url)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control


def add_many(edition, count, *, offset):
    partner = make_partner(f"Partner {offset}")
    roles = Audience.objects.filter(code__in=["vrijwilliger", "beroepskracht"])
    for number in range(offset, offset + count):
        add_participant(
            edition,
            first_name="Deelnemer",
            last_name=str(number),
            roles=roles,
            partner_organisations=[partner],
            dietary_needs="Halal",
        )


def test_participant_list_queries_do_not_grow_with_participants(
    client, edition, trainer_user, django_assert_max_num_queries
):
    client.force_login(trainer_user)
    add_many(edition, 5, offset=0)
    client.get(participants_url(edition))  # The site settings are cached from then on.
    with CaptureQueriesContext(connection) as with_five:
        assert client.get(participants_url(edition)).content.decode().count('class="participant"') == 5
    # Counted now: the next request resets the connection's query log.
    queries_for_five = len(with_five)

    add_many(edition, 25, offset=5)
    # Enrolling bumps the offer's generation, and with it the cached site settings.
    client.get(participants_url(edition))

    with django_assert_max_num_queries(queries_for_five):
        assert client.get(participants_url(edition)).content.decode().count('class="participant"') == 30


# The attendance sheet


def test_attendance_sheet_is_an_a4_pdf_with_participants_title_and_session_dates(
    client, offer, edition, participants, trainer_user
):
    client.force_login(trainer_user)

    response = client.get(sheet_url(edition))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    reader, text = pdf_text(response)
    box = reader.pages[0].mediabox
    assert sorted([round(float(box.width)), round(float(box.height))]) == [595, 842]
    assert "Hoe werkt de gemeente?" in text
    assert "Sociale en Politieke Academie" in text
    assert "Lies Lesgever" in text
    for name in ("An Peeters", "Bart Claes", "Chris Zonderadres"):
        assert name in text
    assert "Wout Wachtend" not in text
    assert "Greet Geannuleerd" not in text
    dates = session_dates(edition)
    assert len(dates) == 3
    for date in dates:
        assert date in text


def test_attendance_sheet_of_an_edition_without_participants_still_renders(client, edition, trainer_user):
    client.force_login(trainer_user)

    response = client.get(sheet_url(edition))

    _, text = pdf_text(response)
    assert "Hoe werkt de gemeente?" in text


def test_attendance_sheet_of_thirty_participants_runs_over_pages(client, edition, trainer_user):
    add_many(edition, 30, offset=0)
    client.force_login(trainer_user)

    reader, text = pdf_text(client.get(sheet_url(edition)))

    assert len(reader.pages) > 1
    assert "Deelnemer 29" in text


# The message to all participants


def message(subject="Parkeren", body="Parkeer op het plein achter de zaal."):
    return {"subject": subject, "body": body}


def test_trainer_sends_a_message_to_every_confirmed_participant_with_an_address(
    client, edition, participants, trainer_user, django_capture_on_commit_callbacks
):
    client.force_login(trainer_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(participants_url(edition), message())

    assert response.status_code == 302
    assert response["Location"] == participants_url(edition)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Je bericht wordt verstuurd naar 3 deelnemers."]
    assert sorted(tuple(m.to) for m in mail.outbox) == [
        (participants["an"].email,),
        (participants["bart"].email,),
    ]
    sent = mail.outbox[0]
    assert sent.subject == "Parkeren – Hoe werkt de gemeente?"
    assert "Parkeer op het plein achter de zaal." in sent.body
    assert "Lies Lesgever" in sent.body
    assert sent.reply_to == ["lesgever@example.org"]
    entry = ModelLogEntry.objects.for_instance(edition).get(action=MESSAGE_ACTION)
    assert entry.user == trainer_user
    assert entry.data["subject"] == "Parkeren"
    assert entry.message == "Bericht aan alle deelnemers verstuurd"


@pytest.mark.parametrize("who", ["staff_member", "steering_member"])
def test_staff_and_steering_group_may_send_a_message(
    client, edition, participants, who, request, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(who))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(participants_url(edition), message())

    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_another_trainer_cannot_send_a_message(
    client, edition, participants, other_trainer, django_capture_on_commit_callbacks
):
    client.force_login(other_trainer)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(participants_url(edition), message())

    assert response.status_code == 404
    assert callbacks == []
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(action=MESSAGE_ACTION).exists()


def test_incomplete_message_gets_dutch_errors_and_sends_nothing(
    client, edition, participants, trainer_user, django_capture_on_commit_callbacks
):
    client.force_login(trainer_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(participants_url(edition), message(subject="  ", body=""))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul een onderwerp in." in page
    assert "Schrijf een bericht." in page
    assert 'aria-invalid="true"' in page
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(action=MESSAGE_ACTION).exists()


def test_message_needs_the_csrf_token(edition, participants, trainer_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer_user)

    assert client.post(participants_url(edition), message()).status_code == 403
    assert mail.outbox == []


def test_messages_are_rate_limited_per_person(client, edition, participants, trainer_user):
    client.force_login(trainer_user)
    allowed = int(MESSAGE_RATE.split("/")[0])

    statuses = [client.post(participants_url(edition), message()).status_code for _ in range(allowed + 1)]

    assert statuses == [302] * allowed + [429]
    assert ModelLogEntry.objects.filter(action=MESSAGE_ACTION).count() == allowed


def test_trainers_find_their_editions_from_the_menu(client, offer):
    from courses.models import Trainer
    from tests.factories import make_person

    trainer = make_person()
    Trainer.objects.create(name="Luc", user=trainer)
    participant = make_person()

    client.force_login(participant)
    assert 'href="/lesgever/"' not in client.get("/").content.decode()
    client.force_login(trainer)
    assert 'href="/lesgever/"' in client.get("/").content.decode()
