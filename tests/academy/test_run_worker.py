"""The worker survives the database going away: db_worker stops, run_worker carries on."""

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.tasks import TaskResultStatus

from academy.management.commands import run_worker
from curation.tasks import send_request_received
from tests.curation.factories import make_request

pytestmark = pytest.mark.usefixtures("database_tasks")

WORKER_OPTIONS = ("--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*", "--worker-id", "w1")


@pytest.fixture(autouse=True)
def quiet_worker(monkeypatch):
    # Inside a test's transaction a closed connection would end the transaction; and no
    # test waits for real.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    # The worker sets its own handlers for SIGINT and SIGTERM; leave pytest's alone.
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)


@pytest.fixture
def database_drops_once(monkeypatch):
    """The first query for a task to run finds the database gone, as during a restart."""
    real_get_locked = DBTaskResultQuerySet.get_locked
    calls = []

    def get_locked(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_get_locked(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)
    return calls


def test_db_worker_itself_stops_when_the_database_goes_away(database_drops_once):
    send_request_received.enqueue(make_request().pk)

    with pytest.raises(OperationalError):
        call_command("db_worker", *WORKER_OPTIONS, verbosity=0)


def test_run_worker_restarts_after_the_database_went_away_and_runs_the_task(database_drops_once):
    result = send_request_received.enqueue(make_request().pk)

    call_command("run_worker", *WORKER_OPTIONS, verbosity=0)

    assert len(database_drops_once) > 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1


def test_run_worker_runs_again_the_task_it_lost_midway(monkeypatch):
    """The database goes away while a task runs: the worker cannot even record the
    outcome, and the task stays RUNNING under this worker's id until the restart."""
    real_run_task = db_worker.Worker.run_task
    calls = []

    def run_task(self, db_task_result):
        if db_task_result.task_path == "curation.tasks.send_request_received":
            calls.append(db_task_result.pk)
            if len(calls) == 1:
                raise OperationalError("terminating connection due to administrator command")
        return real_run_task(self, db_task_result)

    monkeypatch.setattr(db_worker.Worker, "run_task", run_task)
    result = send_request_received.enqueue(make_request().pk)

    call_command("run_worker", *WORKER_OPTIONS, verbosity=0)

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["w1", "w1"]
    assert len(mail.outbox) == 1


def test_run_worker_restarted_by_its_supervisor_runs_again_what_its_previous_process_left():
    lost = send_request_received.enqueue(make_request().pk)
    other = send_request_received.enqueue(make_request(contact_email="bert@example.org").pk)
    DBTaskResult.objects.filter(pk=lost.id).update(status=TaskResultStatus.RUNNING, worker_ids=["w1"])
    # Another worker's task may well be running still: left to the stuck-task sweep.
    DBTaskResult.objects.filter(pk=other.id).update(status=TaskResultStatus.RUNNING, worker_ids=["w2"])

    call_command("run_worker", *WORKER_OPTIONS, verbosity=0)

    assert DBTaskResult.objects.get(pk=lost.id).status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(pk=other.id).status == TaskResultStatus.RUNNING
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]
