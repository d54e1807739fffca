"""/health/ names each part: the database, the cache and the storage of files."""

import pytest

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings

from academy import cache_backends

REFUSING_CACHE = {
    "default": {"BACKEND": "academy.cache_backends.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_health_answers_ok_when_every_part_answers(client, db):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_refuses_writes(client, db):
    assert client.post("/health/").status_code == 405


def test_a_cache_that_refuses_connections_is_degraded_not_down(client, db, monkeypatch):
    monkeypatch.setattr(cache_backends, "_breakers", {})
    with override_settings(CACHES=REFUSING_CACHE):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded", "storage": "ok"}


def test_a_database_that_cannot_be_queried_fails_the_check(client, db, monkeypatch):
    def refuse(self):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == "failed"
    assert response.json()["status"] == "failed"


@pytest.mark.parametrize("alias", ["default", "private"])
def test_storage_that_cannot_be_written_fails_the_check(client, db, tmp_path, settings, alias):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    storages = {name: dict(config) for name, config in settings.STORAGES.items()}
    storages[alias] = {**storages[alias], "OPTIONS": {"location": str(blocker / "media")}}
    settings.STORAGES = storages

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["storage"] == "failed"
    assert response.json()["database"] == "ok"


def test_the_storage_check_leaves_no_file_behind(client, db, tmp_path, settings):
    storages = {name: dict(config) for name, config in settings.STORAGES.items()}
    for alias in ("default", "private"):
        storages[alias] = {**storages[alias], "OPTIONS": {"location": str(tmp_path / alias)}}
    settings.STORAGES = storages

    assert client.get("/health/").json()["storage"] == "ok"

    assert sorted(tmp_path.rglob("*")) == [tmp_path / "default", tmp_path / "private"]
