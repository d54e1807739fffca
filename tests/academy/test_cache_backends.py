"""FailSoftRedisCache: a normal Redis cache while Redis answers, an empty one while it does not."""

import logging
import time

import pytest
import redis

from django.test import override_settings

from academy import cache_backends
from academy.cache_backends import FailSoftRedisCache

REAL_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def fresh_breakers(monkeypatch):
    # The breaker is per process and location; each test starts with Redis presumed up.
    monkeypatch.setattr(cache_backends, "_breakers", {})


def refusing_cache(**options):
    # Port 1 on the loopback: nothing listens, so every connection is refused at once.
    return FailSoftRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": options})


def test_an_unreachable_redis_behaves_as_an_empty_cache():
    cache = refusing_cache()

    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("key", 1) is None
    assert cache.set_many({"a": 1}) == []
    assert cache.has_key("key") is False
    assert cache.touch("key") is False
    assert cache.delete("key") is False
    assert cache.get_or_set("key", 3) == 3
    # add() reports success, as DummyCache does: a lock taken with add() goes ahead.
    assert cache.add("key", 1) is True
    with pytest.raises(ValueError, match="not found"):
        cache.incr("key")
    with pytest.raises(ValueError, match="not found"):
        cache.decr("key")


def test_an_outage_is_logged_once_and_redis_skipped_until_the_retry(monkeypatch, caplog):
    cache = refusing_cache(RETRY_AFTER=5)
    attempts = []
    real_get = cache._cache.get

    def counting_get(*args, **kwargs):
        attempts.append(args)
        return real_get(*args, **kwargs)

    monkeypatch.setattr(cache._cache, "get", counting_get)
    now = time.monotonic()
    monkeypatch.setattr(cache_backends.time, "monotonic", lambda: now)

    with caplog.at_level(logging.WARNING, logger="academy.cache_backends"):
        for _ in range(50):
            assert cache.get("key") is None

    assert len(attempts) == 1
    assert cache.breaker.is_open()
    assert len(caplog.records) == 1
    assert "unreachable" in caplog.records[0].getMessage()

    now += 6
    assert cache.get("key") is None
    assert len(attempts) == 2


def test_recovery_is_logged_and_redis_used_again(monkeypatch, caplog):
    cache = refusing_cache(RETRY_AFTER=5)
    calls = []

    def flaky_get(key, default):
        calls.append(key)
        if len(calls) == 1:
            raise redis.exceptions.ConnectionError("Connection refused.")
        return "from redis"

    monkeypatch.setattr(cache._cache, "get", flaky_get)
    now = time.monotonic()
    monkeypatch.setattr(cache_backends.time, "monotonic", lambda: now)

    with caplog.at_level(logging.WARNING, logger="academy.cache_backends"):
        assert cache.get("key") is None
        now += 6
        assert cache.get("key") == "from redis"

    assert not cache.breaker.is_open()
    assert "reachable again" in caplog.records[-1].getMessage()


def test_the_log_never_shows_the_redis_password(caplog):
    cache = FailSoftRedisCache("redis://:geheim-wachtwoord@127.0.0.1:1/0", {})

    with caplog.at_level(logging.WARNING, logger="academy.cache_backends"):
        cache.get("key")

    assert "redis://127.0.0.1:1/0 unreachable" in caplog.text
    assert "geheim" not in caplog.text


def test_errors_other_than_an_outage_still_raise(monkeypatch):
    cache = refusing_cache()

    def wrong_type(key, delta):
        raise redis.exceptions.ResponseError("value is not an integer or out of range")

    monkeypatch.setattr(cache._cache, "incr", wrong_type)

    with pytest.raises(redis.exceptions.ResponseError):
        cache.incr("key")


def test_short_socket_timeouts_by_default_and_overridable():
    assert refusing_cache()._options["socket_connect_timeout"] == 0.25
    assert refusing_cache()._options["socket_timeout"] == 0.25
    assert refusing_cache(socket_timeout=1)._options["socket_timeout"] == 1
    assert "RETRY_AFTER" not in refusing_cache(RETRY_AFTER=2)._options


@pytest.fixture
def real_cache():
    cache = FailSoftRedisCache(REAL_REDIS, {"KEY_PREFIX": "academy-test"})
    try:
        cache._cache.get_client().ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    cache.clear()
    yield cache
    cache.clear()


def test_a_reachable_redis_works_as_a_normal_cache(real_cache):
    assert real_cache.add("counter", 1) is True
    assert real_cache.add("counter", 5) is False
    assert real_cache.incr("counter") == 2
    real_cache.set_many({"a": {"nested": [1, 2]}, "b": "tekst"})
    assert real_cache.get_many(["a", "b", "c"]) == {"a": {"nested": [1, 2]}, "b": "tekst"}
    assert real_cache.has_key("a") is True
    assert real_cache.delete("a") is True
    assert real_cache.get("a", "weg") == "weg"
    with pytest.raises(ValueError):
        real_cache.incr("missing")
    assert not real_cache.breaker.is_open()


def test_a_write_lost_in_an_outage_clears_the_cache_before_it_is_read_again(real_cache, monkeypatch, caplog):
    real_cache.set("places-left", 4)
    now = time.monotonic()
    monkeypatch.setattr(cache_backends.time, "monotonic", lambda: now)
    real_set = real_cache._cache.set

    def refused(*args):
        raise redis.exceptions.ConnectionError("Connection refused.")

    monkeypatch.setattr(real_cache._cache, "set", refused)
    real_cache.set("places-left", 3)
    monkeypatch.setattr(real_cache._cache, "set", real_set)
    now += 6

    with caplog.at_level(logging.WARNING, logger="academy.cache_backends"):
        # Redis still holds 4; serving it would show a seat that is gone.
        assert real_cache.get("places-left") is None

    assert "1 writes were lost" in caplog.text
    real_cache.set("places-left", 3)
    assert real_cache.get("places-left") == 3


def test_an_outage_without_lost_writes_keeps_the_cache(monkeypatch):
    cache = refusing_cache(RETRY_AFTER=5)
    cleared = []
    outage = [True]

    def get(key, default):
        if outage[0]:
            raise redis.exceptions.ConnectionError("Connection refused.")
        return "kept"

    monkeypatch.setattr(cache._cache, "get", get)
    monkeypatch.setattr(cache._cache, "clear", lambda: cleared.append(True))
    now = time.monotonic()
    monkeypatch.setattr(cache_backends.time, "monotonic", lambda: now)

    assert cache.get("key") is None
    outage[0] = False
    now += 6

    assert cache.get("key") == "kept"
    assert cleared == []


def test_pages_are_served_from_a_reachable_redis(real_cache, client, offer):
    location = {"BACKEND": "academy.cache_backends.FailSoftRedisCache", "LOCATION": REAL_REDIS, "KEY_PREFIX": "t"}
    with override_settings(CACHES={"default": location}):
        first = client.get("/aanbod/")
        second = client.get("/aanbod/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
