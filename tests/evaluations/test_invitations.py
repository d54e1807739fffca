"""Who is invited to evaluate an edition, when, and how often they are mailed."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from attendance.models import Attendance
from courses.models import Edition, Session
from courses.services import refresh_edition_schedule
from enrolment.models import Enrolment
from evaluations import services
from evaluations.models import Invitation, QuestionSet, Topic
from tests.attendance.conftest import confirm
from tests.evaluations.conftest import ended_edition, mark
from tests.factories import make_person


def run_hourly(django_capture_on_commit_callbacks, now=None):
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        if now is None:
            call_command("send_evaluations", stdout=output)
        else:
            services.send_due_evaluations(now=now)
    return output.getvalue()


def test_who_attended_is_mailed_a_link_once_after_the_last_session(
    client, edition, participant, django_capture_on_commit_callbacks
):
    mark(confirm(edition, participant))
    absent = confirm(edition, make_person("afwezig@example.org"))
    mark(absent, Attendance.Status.ABSENT)
    mark(confirm(edition, make_person("verontschuldigd@example.org")), Attendance.Status.EXCUSED)
    Enrolment.objects.create(person=make_person("wacht@example.org"), edition=edition, status="wachtlijst")

    output = run_hourly(django_capture_on_commit_callbacks)
    run_hourly(django_capture_on_commit_callbacks)

    assert "1 uitnodiging(en)" in output
    [message] = mail.outbox
    assert message.to == ["an.peeters@example.org"]
    assert message.subject == "Geef je mening over Lokale politiek voor beginners"
    assert "anoniem" in message.body
    [link] = [line for line in message.body.splitlines() if "/evaluatie/" in line]
    path = link.split("testserver", 1)[-1] if "testserver" in link else link[link.index("/evaluatie/") :]
    response = client.get(path)
    assert response.status_code == 200
    assert "Je mening over “Lokale politiek voor beginners”" in response.content.decode()


def test_who_was_there_once_of_two_sessions_is_invited(edition, participant, django_capture_on_commit_callbacks):
    first, second = edition.sessions.order_by("starts_at")
    enrolment = confirm(edition, participant)
    mark(enrolment, sessions=[first])
    mark(enrolment, Attendance.Status.ABSENT, sessions=[second])

    run_hourly(django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["an.peeters@example.org"]]


def test_nobody_is_invited_before_the_last_session_has_ended(course, participant, django_capture_on_commit_callbacks):
    edition = ended_edition(course)
    last = edition.sessions.order_by("starts_at").last()
    now = timezone.now()
    Session.objects.filter(pk=last.pk).update(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    refresh_edition_schedule(edition)
    mark(confirm(edition, participant), sessions=[edition.sessions.order_by("starts_at").first()])

    run_hourly(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not Invitation.objects.exists()

    run_hourly(django_capture_on_commit_callbacks, now=now + timedelta(hours=2))
    assert len(mail.outbox) == 1


def test_attendance_recorded_late_still_brings_an_invitation(edition, participant, django_capture_on_commit_callbacks):
    enrolment = confirm(edition, participant)
    run_hourly(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    mark(enrolment)
    run_hourly(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_cancelled_and_long_past_editions_are_not_evaluated(course, participant, django_capture_on_commit_callbacks):
    cancelled = ended_edition(course)
    mark(confirm(cancelled, participant))
    Edition.objects.filter(pk=cancelled.pk).update(status=Edition.Status.CANCELLED)
    old = ended_edition(course, days_ago=services.INVITE_WITHIN_DAYS + 5)
    mark(confirm(old, participant))

    run_hourly(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_one_reminder_after_a_week_unless_answered(client, edition, participant, django_capture_on_commit_callbacks):
    mark(confirm(edition, participant))
    answered = make_person("al-geantwoord@example.org")
    mark(confirm(edition, answered))
    run_hourly(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    invitation = Invitation.objects.get(person=answered)
    services.submit_evaluation(invitation, answers=[])

    now = timezone.now()
    run_hourly(django_capture_on_commit_callbacks, now=now + timedelta(days=services.REMIND_AFTER_DAYS - 1))
    assert len(mail.outbox) == 2
    run_hourly(django_capture_on_commit_callbacks, now=now + timedelta(days=services.REMIND_AFTER_DAYS, hours=1))
    run_hourly(django_capture_on_commit_callbacks, now=now + timedelta(days=services.REMIND_AFTER_DAYS + 2))

    reminders = mail.outbox[2:]
    assert [message.to for message in reminders] == [["an.peeters@example.org"]]
    assert reminders[0].subject == "Herinnering: geef je mening over Lokale politiek voor beginners"
    # The same link as in the first mail: the token is derived, not stored.
    first_link = next(line for line in mail.outbox[0].body.splitlines() if "/evaluatie/" in line)
    assert first_link in reminders[0].body.splitlines()


def test_a_retried_mail_task_mails_once(edition, participant, django_capture_on_commit_callbacks):
    from evaluations.tasks import send_evaluation_mail

    mark(confirm(edition, participant))
    run_hourly(django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()

    send_evaluation_mail.call(invitation.pk, "invitation")

    assert len(mail.outbox) == 1


def test_a_year_without_questions_gets_the_standard_set(edition, participant, django_capture_on_commit_callbacks):
    mark(confirm(edition, participant))
    run_hourly(django_capture_on_commit_callbacks)

    question_set = Invitation.objects.get().question_set
    assert question_set.programme_year_id == edition.programme_year_id
    topics = list(question_set.questions.values_list("topic", "kind"))
    assert topics[:4] == [
        (Topic.OVERALL, "score"),
        (Topic.RELEVANCE, "score"),
        (Topic.TRAINER, "score"),
        (Topic.ORGANISATION, "score"),
    ]
    assert [kind for _topic, kind in topics[4:]] == ["tekst", "tekst"]
    assert QuestionSet.objects.count() == 1


def test_the_token_is_stored_only_as_a_hash(edition, participant, django_capture_on_commit_callbacks):
    mark(confirm(edition, participant))
    run_hourly(django_capture_on_commit_callbacks)

    invitation = Invitation.objects.get()
    [link] = [line for line in mail.outbox[0].body.splitlines() if "/evaluatie/" in line]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in (invitation.token_hash, invitation.token_nonce)
    assert len(token) >= 64
