"""Mails about enrolments: sent after commit, read back from the outbox."""

import pytest
from icalendar import Calendar

from django.core import mail

from courses.models import Edition
from enrolment import services
from tests.factories import make_person


@pytest.fixture
def edition(offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(capacity=1)
    return Edition.objects.get(pk=offer["edition"].pk)


def test_confirmation_mail_has_a_link_and_a_calendar(edition, django_capture_on_commit_callbacks):
    person = make_person("dina@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(edition, person=person)

    [message] = mail.outbox
    assert message.to == ["dina@example.org"]
    assert message.subject == "Ingeschreven: Hoe werkt de gemeente?"
    assert "http://localhost/mijn/" in message.body
    assert edition.course.full_url in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    events = Calendar.from_ical(content).walk("VEVENT")
    assert len(events) == edition.sessions.count()


def test_no_mail_before_commit(edition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment = services.enrol(edition, person=make_person()).enrolment

    assert mail.outbox == []
    assert any(getattr(callback, "args", None) == (enrolment.pk, "confirmed") for callback in callbacks)


def test_waitlist_and_promotion_mails(edition, django_capture_on_commit_callbacks):
    first, second = make_person("eerste@example.org"), make_person("tweede@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        taken = services.enrol(edition, person=first).enrolment
        services.enrol(edition, person=second)
    assert mail.outbox[-1].subject == "Op de wachtlijst: Hoe werkt de gemeente?"
    assert "op plaats 1" in mail.outbox[-1].body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrolment(taken, by=first)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["eerste@example.org"] == "Inschrijving geannuleerd: Hoe werkt de gemeente?"
    assert subjects["tweede@example.org"].startswith("Er is een plaats vrij")
    promoted = next(message for message in mail.outbox if message.to == ["tweede@example.org"])
    assert Calendar.from_ical(promoted.attachments[0][1]).walk("VEVENT")


def test_people_without_an_email_address_get_no_mail(edition, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    by_phone = get_user_model().objects.create_user("telefoon-123", email="")

    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(edition, person=by_phone)

    assert mail.outbox == []
