import time
import types

import django_ratelimit.core
import pytest

from django.core.cache import cache

from tests import factories


@pytest.fixture(scope="session", autouse=True)
def end_stray_database_sessions(django_db_setup, django_db_blocker):
    """End, after the last test, the PostgreSQL sessions that threads of the suite (a live
    server's request still in flight, a concurrency test's worker) left open: otherwise the
    test database cannot be dropped and the run ends in an error."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def still_ratelimit_clock(monkeypatch):
    """Hold django-ratelimit's clock still: its windows are fixed slices of wall time, and a
    test that makes N requests on a slow database must not see one roll over halfway."""
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture
def site(db):
    home, catalogue = factories.make_site()
    return {"home": home, "catalogue": catalogue}


@pytest.fixture
def offer(site):
    """A small offer: one track with a basic and an advanced package and a loose course."""
    catalogue = site["catalogue"]
    track = factories.make_track(catalogue)
    basic = factories.make_package(track, level="basis", electives_required=1)
    advanced = factories.make_package(track, level="verdieping", required_package=basic)
    course = factories.make_course(basic, title="Hoe werkt de gemeente?", is_required=True, format="avondreeks")
    edition = factories.make_edition(course, sessions=3, province="limburg")
    return {
        **site,
        "track": track,
        "basic": basic,
        "advanced": advanced,
        "course": course,
        "edition": edition,
    }


def _forget_task_backends():
    from django.tasks import task_backends
    from django.utils.connection import Local

    # Django resets no task backend when TASKS changes: drop the cached ones by hand.
    task_backends._settings = None
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def database_tasks(settings, db):
    """Queue tasks in the database, as in production, instead of running them at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _forget_task_backends()
    yield
    _forget_task_backends()


@pytest.fixture
def run_worker(monkeypatch):
    """Run every task that is due with the database backend's worker, then return."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.management.commands.db_worker import Worker

    # The worker closes connections between tasks, as a request does; inside a test's
    # transaction that would end the transaction and let rows outlive the test.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(worker_id="test-worker"):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        ).run()

    return run
