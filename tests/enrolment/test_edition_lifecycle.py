"""An edition's life after approval: cancelled by the academy, its sessions moved, its
capacity changed. Driven through the admin, the mails, the calendars and Mijn academie."""

from datetime import timedelta
from io import StringIO

import pytest
from icalendar import Calendar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

from calendars.ics import edition_calendar
from calendars.services import get_or_create_feed
from courses.models import Edition, Trainer
from enrolment import services
from enrolment.exceptions import EditionAlreadyCancelled, EditionCancellationReasonRequired
from enrolment.models import Enrolment
from enrolment.reminders import send_due_reminders
from enrolment.tasks import send_enrolment_mail
from roles.groups import STAFF, TRAINERS
from roles.services import ensure_role_permissions
from tests.courses.test_edition_admin import edition_form_data, local
from tests.factories import make_edition, make_person, make_venue

Status = Enrolment.Status
REASON = "De lesgever is ziek en we vinden geen vervanger."


def member(email, group_name):
    user = get_user_model().objects.create_user(username=email, email=email, password="wachtwoord-123")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff(offer):
    ensure_role_permissions()
    return member("medewerker@example.org", STAFF)


@pytest.fixture
def edition(offer):
    """An approved edition with two seats, both taken, one person waiting, one pending
    approval and one who left earlier."""
    edition = make_edition(offer["course"], capacity=2, province="brussel", label="Brussel, voorjaar", sessions=2)
    people = {name: make_person(f"{name}@example.org") for name in ("anna", "bert", "chris", "dirk", "eva")}
    for name in ("anna", "bert", "chris", "eva"):
        services.enrol(edition, person=people[name])
    Enrolment.objects.create(person=people["dirk"], edition=edition, status=Status.PENDING)
    services.cancel_enrolment(Enrolment.objects.get(person=people["eva"]), by=people["eva"])
    mail.outbox.clear()
    edition.people = people
    return edition


def cancel_url(edition):
    return f"/admin/editions/cancel/{edition.pk}/"


def status_of(person):
    return Enrolment.objects.filter(person=person).order_by("-pk").values_list("status", flat=True).first()


def events_of(content):
    return Calendar.from_ical(content).walk("VEVENT")


def test_staff_cancel_an_edition_in_the_admin_and_everyone_is_told(
    client, staff, edition, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    assert cancel_url(edition) in client.get(f"/admin/editions/edit/{edition.pk}/").content.decode()
    assert cancel_url(edition) in client.get("/admin/editions/").content.decode()
    form = client.get(cancel_url(edition))
    assert form.status_code == 200
    assert "2 bevestigde inschrijvingen, 1 op de wachtlijst en 1 in afwachting" in form.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(edition), {"reason": f"  {REASON}  "})

    assert response.status_code == 302
    cancelled = Edition.objects.get(pk=edition.pk)
    assert cancelled.status == Edition.Status.CANCELLED
    assert (cancelled.cancellation_reason, cancelled.cancelled_by) == (REASON, staff)
    assert cancelled.cancelled_at is not None
    assert cancelled.calendar_sequence == 1
    people = edition.people
    for name in ("anna", "bert", "chris", "dirk"):
        enrolment = Enrolment.objects.get(person=people[name])
        assert enrolment.status == Status.CANCELLED_BY_ACADEMY
        assert (enrolment.cancellation_reason, enrolment.cancelled_by) == (REASON, staff)
        assert enrolment.events.last().status == Status.CANCELLED_BY_ACADEMY
        assert enrolment.events.last().note == REASON
        assert ModelLogEntry.objects.for_instance(enrolment).filter(action="academy.enrolment.cancel_by_academy")
    # Who had left before keeps their own cancellation, and gets no mail.
    assert status_of(people["eva"]) == Status.CANCELLED
    assert ModelLogEntry.objects.for_instance(cancelled).get(action="academy.edition.cancel").user == staff
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anna@example.org",
        "bert@example.org",
        "chris@example.org",
        "dirk@example.org",
    ]
    for message in mail.outbox:
        assert message.subject == "Geannuleerd door de academie: Hoe werkt de gemeente?"
        assert REASON in message.body
        [(filename, content, mimetype)] = message.attachments
        assert (filename, mimetype) == ("vorming.ics", "text/calendar")
        events = events_of(content)
        assert len(events) == 2
        assert {str(event["STATUS"]) for event in events} == {"CANCELLED"}
        assert {int(event["SEQUENCE"]) for event in events} == {1}
    # The button is gone once the edition is cancelled.
    assert cancel_url(edition) not in client.get(f"/admin/editions/edit/{edition.pk}/").content.decode()


def test_the_calendar_sequence_rises_with_the_cancellation(edition, staff):
    before = events_of(edition_calendar(edition))
    assert {int(event["SEQUENCE"]) for event in before} == {0}
    assert {str(event["STATUS"]) for event in before} == {"CONFIRMED"}

    services.cancel_edition(edition, reason=REASON, by=staff)

    after = events_of(edition_calendar(Edition.objects.get(pk=edition.pk)))
    assert {int(event["SEQUENCE"]) for event in after} == {1}
    assert {str(event["UID"]) for event in after} == {str(event["UID"]) for event in before}


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_cancelling_needs_a_reason_and_changes_nothing_without(client, staff, edition, reason):
    client.force_login(staff)

    response = client.post(cancel_url(edition), {"reason": reason})

    assert response.status_code == 200
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.APPROVED
    assert status_of(edition.people["anna"]) == Status.CONFIRMED
    with pytest.raises(EditionCancellationReasonRequired) as raised:
        services.cancel_edition(edition, reason=reason, by=staff)
    assert "Geef een reden op" in str(raised.value.message)
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.APPROVED
    assert not mail.outbox


def test_a_cancelled_edition_is_not_cancelled_twice(client, staff, edition, django_capture_on_commit_callbacks):
    services.cancel_edition(edition, reason=REASON, by=staff)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(edition), {"reason": "Nog eens."})
        with pytest.raises(EditionAlreadyCancelled):
            services.cancel_edition(edition, reason="Nog eens.", by=staff)

    assert response.status_code == 200
    assert "Deze editie is al geannuleerd." in response.content.decode()
    edition.refresh_from_db()
    assert (edition.cancellation_reason, edition.calendar_sequence) == (REASON, 1)
    assert not mail.outbox


def test_a_trainer_who_may_edit_the_edition_may_not_cancel_it(client, staff, edition):
    trainer = member("lesgever@example.org", TRAINERS)
    edition.trainers.add(Trainer.objects.create(name="Lesgever", user=trainer))
    client.force_login(trainer)

    assert client.get(f"/admin/editions/edit/{edition.pk}/").status_code == 200
    assert cancel_url(edition) not in client.get(f"/admin/editions/edit/{edition.pk}/").content.decode()
    # The admin turns a refused permission into a redirect to its dashboard.
    assert client.post(cancel_url(edition), {"reason": REASON})["Location"] == "/admin/"
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.APPROVED


def test_the_edit_form_cannot_set_the_status_to_cancelled(client, staff, edition):
    client.force_login(staff)
    data = edit_data_for(edition)
    data["status"] = Edition.Status.CANCELLED

    response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 200
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.APPROVED
    assert status_of(edition.people["anna"]) == Status.CONFIRMED


def test_no_reminder_for_a_cancelled_edition(staff, offer, django_capture_on_commit_callbacks):
    soon = make_edition(offer["course"], starts_in_days=2, province="brussel")
    person = make_person("dina@example.org")
    enrolment = services.enrol(soon, person=person).enrolment
    services.cancel_edition(soon, reason=REASON, by=staff)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 0
        # A reminder queued before the cancellation finds the enrolment cancelled.
        send_enrolment_mail.enqueue(enrolment.pk, "reminder")

    assert not mail.outbox


def test_reminders_go_to_other_editions_but_not_the_cancelled_one(staff, offer, django_capture_on_commit_callbacks):
    cancelled = make_edition(offer["course"], starts_in_days=2, province="brussel")
    kept = make_edition(offer["course"], starts_in_days=2, province="limburg")
    person = make_person("dina@example.org")
    services.enrol(cancelled, person=person)
    services.enrol(kept, person=person)
    # Even a confirmed enrolment left behind (written around the service) is not reminded.
    Edition.objects.filter(pk=cancelled.pk).update(status=Edition.Status.CANCELLED)
    mail.outbox.clear()

    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=output)

    assert "1 herinnering(en)" in output.getvalue()
    [reminder] = mail.outbox
    assert reminder.subject.startswith("Herinnering")


def test_mijn_academie_shows_the_cancellation_by_the_academy_with_the_reason(client, staff, edition):
    services.cancel_edition(edition, reason=REASON, by=staff)
    client.force_login(edition.people["chris"])

    html = client.get("/mijn/").content.decode()

    assert "Geannuleerd door de academie" in html
    assert REASON in html
    assert f"/mijn/annuleren/{Enrolment.objects.get(person=edition.people['chris']).pk}/" not in html


def test_the_course_page_no_longer_offers_enrolment_in_a_cancelled_edition(
    client, staff, offer, django_capture_on_commit_callbacks
):
    edition = make_edition(offer["course"], province="brussel", label="Brussel, voorjaar")
    Edition.objects.exclude(pk=edition.pk).update(status=Edition.Status.DRAFT)
    client.force_login(make_person())
    assert f"/mijn/inschrijven/{edition.pk}/" in client.get(offer["course"].url).content.decode()

    # Committed, as in production: the course page reads its editions per offer generation.
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_edition(edition, reason=REASON, by=staff)

    html = client.get(offer["course"].url).content.decode()
    assert f"/mijn/inschrijven/{edition.pk}/" not in html
    assert "Inschrijven<" not in html
    assert "Deze editie is geannuleerd." in html
    response = client.post(f"/mijn/inschrijven/{edition.pk}/", follow=True)
    assert "Deze editie is geannuleerd: inschrijven kan niet meer." in response.content.decode()
    assert not Enrolment.objects.filter(edition=edition).active().exists()


def test_the_personal_feed_shows_a_cancelled_edition_cancelled(client, staff, edition):
    token = get_or_create_feed(edition.people["anna"]).token
    waiting_token = get_or_create_feed(edition.people["chris"]).token

    services.cancel_edition(edition, reason=REASON, by=staff)

    events = events_of(client.get(f"/mijn/agenda/{token}.ics").content)
    assert len(events) == 2
    assert {(str(event["STATUS"]), int(event["SEQUENCE"])) for event in events} == {("CANCELLED", 1)}
    # Who only waited never had the sessions in their calendar.
    assert events_of(client.get(f"/mijn/agenda/{waiting_token}.ics").content) == []


def edit_data_for(edition):
    """The admin edit form of the edition as it stands, with all its sessions."""
    sessions = list(edition.sessions.order_by("starts_at", "pk"))
    data = edition_form_data(edition, [])
    data.update(
        {
            "label": edition.label,
            "status": edition.status,
            "capacity": str(edition.capacity),
            "province": edition.province,
            "scope": edition.scope,
            "sessions-TOTAL_FORMS": str(len(sessions)),
            "sessions-INITIAL_FORMS": str(len(sessions)),
        }
    )
    for index, session in enumerate(sessions):
        data.update(session_fields(index, session))
    return data


def session_fields(index, session, **changes):
    values = {
        "id": str(session.pk),
        "title": session.title,
        "starts_at": local(session.starts_at),
        "ends_at": local(session.ends_at),
        "venue": str(session.venue_id or ""),
        "online_url": session.online_url,
        "ORDER": str(index),
        "DELETE": "",
    }
    values.update(changes)
    return {f"sessions-{index}-{name}": value for name, value in values.items()}


def test_moving_a_session_in_the_admin_mails_confirmed_participants_an_updated_ics(
    client, staff, edition, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    first, second = edition.sessions.order_by("starts_at")
    moved_start = second.starts_at.replace(second=0) + timedelta(days=1, hours=2)
    data = edit_data_for(edition)
    data.update(
        session_fields(1, second, starts_at=local(moved_start), ends_at=local(moved_start + timedelta(hours=3)))
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    edition.refresh_from_db()
    assert edition.calendar_sequence == 1
    assert edition.ends_at == moved_start + timedelta(hours=3)
    # Confirmed participants only: the waitlisted get the schedule when they get a seat.
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.org", "bert@example.org"]
    message = mail.outbox[0]
    assert message.subject == "Gewijzigde planning: Hoe werkt de gemeente?"
    assert "(gewijzigd)" in message.body
    assert timezone.localtime(moved_start).strftime("%H:%M") in message.body
    [(_filename, content, _mimetype)] = message.attachments
    events = {str(event["UID"]): event for event in events_of(content)}
    moved = events[f"session-{second.pk}@academie"]
    assert moved.start == moved_start
    assert int(moved["SEQUENCE"]) == 1
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert ModelLogEntry.objects.for_instance(edition).filter(action="academy.edition.reschedule").exists()


def test_a_new_venue_or_link_is_mailed_too(client, staff, edition, django_capture_on_commit_callbacks):
    client.force_login(staff)
    first, second = edition.sessions.order_by("starts_at")
    new_venue = make_venue(province="brussel", name="Zaal met lift")
    data = edit_data_for(edition)
    data.update(session_fields(0, first, venue=str(new_venue.pk)))
    data.update(session_fields(1, second, online_url="https://meet.example.org/academie"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(mail.outbox) == 2
    assert "Zaal met lift" in mail.outbox[0].body
    [(_filename, content, _mimetype)] = mail.outbox[0].attachments
    assert any("Zaal met lift" in str(event["LOCATION"]) for event in events_of(content))
    assert Edition.objects.get(pk=edition.pk).calendar_sequence == 1


def test_an_edit_that_leaves_the_sessions_alone_mails_nobody(
    client, staff, edition, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    data = edit_data_for(edition)
    data["label"] = "Brussel, lente"
    data["capacity"] = "3"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    edition.refresh_from_db()
    assert (edition.label, edition.capacity, edition.calendar_sequence) == ("Brussel, lente", 3, 0)
    # The new seat went to the first on the waitlist, in the same request.
    assert status_of(edition.people["chris"]) == Status.CONFIRMED
    assert [message.subject for message in mail.outbox] == [
        "Er is een plaats vrij: je bent ingeschreven voor Hoe werkt de gemeente?"
    ]


def test_a_raised_capacity_fills_the_new_seats_before_the_request_ends(client, staff, edition):
    client.force_login(staff)
    data = edit_data_for(edition)
    data["capacity"] = "3"

    # No on-commit callbacks run here: the promotion is part of the save itself.
    response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302
    assert status_of(edition.people["chris"]) == Status.CONFIRMED


def test_capacity_below_the_confirmed_count_is_a_form_error_and_saves_nothing(client, staff, edition):
    client.force_login(staff)
    first, second = edition.sessions.order_by("starts_at")
    data = edit_data_for(edition)
    data["capacity"] = "1"
    data["label"] = "Gewijzigd"
    data.update(session_fields(0, first, title="Nieuwe titel"))

    response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "bevestigde inschrijvingen (2)" in html
    edition.refresh_from_db()
    assert (edition.capacity, edition.label) == (2, "Brussel, voorjaar")
    assert Edition.objects.get(pk=edition.pk).sessions.get(pk=first.pk).title == ""
    assert not mail.outbox


def test_a_removed_session_is_cancelled_in_the_mailed_ics(client, staff, edition, django_capture_on_commit_callbacks):
    client.force_login(staff)
    first, second = edition.sessions.order_by("starts_at")
    data = edit_data_for(edition)
    data["sessions-1-DELETE"] = "1"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(edition.sessions.values_list("pk", flat=True)) == [first.pk]
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert "Deze sessies gaan niet meer door:" in message.body
    assert timezone.localtime(second.starts_at).strftime("%H:%M") in message.body
    [(_filename, content, _mimetype)] = message.attachments
    events = {str(event["UID"]): event for event in events_of(content)}
    assert str(events[f"session-{second.pk}@academie"]["STATUS"]) == "CANCELLED"
    assert str(events[f"session-{first.pk}@academie"]["STATUS"]) == "CONFIRMED"
    assert {int(event["SEQUENCE"]) for event in events.values()} == {1}
