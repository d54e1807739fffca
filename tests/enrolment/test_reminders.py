from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from enrolment import services
from tests.factories import make_edition, make_person


def test_reminder_is_sent_once_a_few_days_before_the_first_session(offer, django_capture_on_commit_callbacks):
    soon = make_edition(offer["course"], starts_in_days=2, province="brussel")
    later = offer["edition"]  # starts in 30 days
    person = make_person("dina@example.org")
    services.enrol(soon, person=person)
    services.enrol(later, person=person)
    cancelled = services.enrol(soon, person=make_person("weg@example.org")).enrolment
    services.cancel_enrolment(cancelled, by=cancelled.person)

    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=output)
        call_command("send_reminders", stdout=StringIO())

    assert "1 herinnering(en)" in output.getvalue()
    [reminder] = mail.outbox
    assert reminder.to == ["dina@example.org"]
    assert reminder.subject == "Herinnering: Hoe werkt de gemeente?"
    assert reminder.attachments


def test_no_reminder_for_editions_that_already_started(offer, django_capture_on_commit_callbacks):
    person = make_person()
    services.enrol(offer["edition"], person=person)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())
        from enrolment.reminders import send_due_reminders

        assert send_due_reminders(now=offer["edition"].starts_at + timedelta(hours=1)) == 0
        assert send_due_reminders(now=timezone.now(), days_before=40) == 1

    assert len(mail.outbox) == 1
