"""Background tasks run at least once and exactly once in effect: transient failures are
retried with backoff, stuck tasks run again, and a mail goes out once per event."""

from datetime import timedelta
from io import StringIO
from smtplib import SMTPServerDisconnected

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone

from academy import task_recovery
from academy.models import SentMail
from curation.tasks import send_request_received
from tests.curation.factories import make_request

pytestmark = pytest.mark.usefixtures("database_tasks")


@pytest.fixture
def mail_server_down_once(monkeypatch):
    """The mail server refuses the first connection, then works again."""
    real_send = EmailBackend.send_messages
    calls = []

    def send_messages(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return calls


def make_due(result_id):
    """Let the wait before a retry pass."""
    DBTaskResult.objects.filter(pk=result_id).update(run_after=timezone.now() - timedelta(seconds=1))


def test_transient_mail_failure_is_retried_after_a_wait_and_mails_once(mail_server_down_once, run_worker):
    course_request = make_request()
    result = send_request_received.enqueue(course_request.pk)

    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert row.exception_class_path == "smtplib.SMTPServerDisconnected"
    wait = row.run_after - row.started_at
    assert timedelta(seconds=29) < wait < timedelta(seconds=31)
    assert mail.outbox == []
    assert not SentMail.objects.exists()

    # Not due yet: a worker passing by leaves it waiting.
    run_worker()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY

    make_due(result.id)
    run_worker()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 2
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]


def test_backoff_grows_and_the_last_attempt_leaves_the_task_failed(monkeypatch, run_worker):
    def refuse(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    result = send_request_received.enqueue(make_request().pk)

    waits = []
    for _attempt in range(task_recovery.MAX_ATTEMPTS):
        make_due(result.id)
        run_worker()
        row = DBTaskResult.objects.get(pk=result.id)
        if row.status == TaskResultStatus.READY:
            waits.append(round((row.run_after - row.started_at).total_seconds()))

    assert waits == [30, 120, 600, 3600]
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == task_recovery.MAX_ATTEMPTS
    assert row.exception_class_path == "builtins.ConnectionRefusedError"


def test_a_task_that_fails_for_good_is_not_retried(run_worker):
    result = send_request_received.enqueue(987654)  # no such course request

    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "curation.models.CourseRequest.DoesNotExist"
    assert len(row.worker_ids) == 1


def test_a_task_run_twice_sends_its_mail_once(run_worker):
    course_request = make_request()
    first = send_request_received.enqueue(course_request.pk)
    run_worker()
    # The same task again: run once more after it succeeded, and queued a second time.
    DBTaskResult.objects.filter(pk=first.id).update(status=TaskResultStatus.READY)
    send_request_received.enqueue(course_request.pk)

    run_worker()

    mail_tasks = DBTaskResult.objects.filter(task_path="curation.tasks.send_request_received")
    assert [row.status for row in mail_tasks] == [TaskResultStatus.SUCCESSFUL] * 2
    assert len(mail.outbox) == 1
    assert SentMail.objects.get().event == f"course_request:received:{course_request.pk}"


def stuck_task(course_request, *, minutes_ago, attempts=1):
    """A task claimed by a worker that was killed while it ran."""
    result = send_request_received.enqueue(course_request.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=[f"killed-{n}" for n in range(attempts)],
    )
    return result.id


def test_stuck_task_is_requeued_by_the_command_and_then_runs_once(run_worker):
    course_request = make_request()
    stuck = stuck_task(course_request, minutes_ago=45)
    busy = stuck_task(make_request(contact_email="busy@example.org"), minutes_ago=5)

    call_command("requeue_stuck_tasks", stdout=StringIO())
    run_worker()

    assert DBTaskResult.objects.get(pk=stuck).status == TaskResultStatus.SUCCESSFUL
    # Five minutes is a task still at work, not a stuck one.
    assert DBTaskResult.objects.get(pk=busy).status == TaskResultStatus.RUNNING
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]

    # The killed worker had already sent the mail before it died? Then it is not sent again.
    again = stuck_task(course_request, minutes_ago=45)
    call_command("requeue_stuck_tasks", "--minuten", "30", stdout=StringIO())
    run_worker()
    assert DBTaskResult.objects.get(pk=again).status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


def test_stuck_task_on_its_last_attempt_is_marked_failed():
    stuck = stuck_task(make_request(), minutes_ago=45, attempts=task_recovery.MAX_ATTEMPTS)

    assert task_recovery.requeue_stuck_tasks() == (0, 1)

    row = DBTaskResult.objects.get(pk=stuck)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "academy.task_recovery.TaskStuck"
