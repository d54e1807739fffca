"""Settings come from the environment; the embedded SQLite waits instead of failing."""

import os
import subprocess
import sys
import threading
from pathlib import Path

from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from academy.settings.base import database_from_env

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_uses_immediate_transactions_with_a_busy_timeout(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")

    config = database_from_env("sqlite:///unused.sqlite3")

    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5


def test_concurrent_sqlite_writers_wait_instead_of_failing(monkeypatch, tmp_path, django_db_blocker):
    django_db_blocker.unblock()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    config = {**database_from_env("sqlite:///unused.sqlite3"), "TIME_ZONE": None, "AUTOCOMMIT": True}
    setup = DatabaseWrapper(config, alias="setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors = []

    def increment():
        connection = DatabaseWrapper(config, alias="writer")
        connections["writer"] = connection
        try:
            for _ in range(20):
                # Read, then write in one transaction: with deferred transactions two
                # writers deadlock on the lock upgrade and one gets "database is locked".
                with transaction.atomic(using="writer"), connection.cursor() as cursor:
                    cursor.execute("SELECT value FROM counter")
                    (value,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET value = %s", [value + 1])
        except OperationalError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=increment) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    check = DatabaseWrapper(config, alias="check")
    with check.cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        assert cursor.fetchone() == (80,)
    check.close()
    django_db_blocker.restore()
    assert errors == []


def test_production_settings_refuse_a_missing_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "academy.settings.production"

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
