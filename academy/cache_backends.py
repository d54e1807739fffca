"""A Redis cache that the site can live without.

Everything in the cache can be rebuilt from the database: the page cache, the site settings
per generation, Wagtail's site root paths, the cached half of cached_db sessions, the rate
limit counters. So when Redis cannot be reached, FailSoftRedisCache answers as Django's
DummyCache does (every read a miss, every write accepted and forgotten) instead of raising,
and the site serves every page uncached and slower.

After a failure the cache is skipped for a few seconds (a circuit breaker): during an outage
a request pays no connect timeout, only a check of the clock. The outage is logged when it
starts, at most once a minute while it lasts, and when it ends.

A write that did not reach Redis leaves the old value there: a page with yesterday's seats,
the page cache's old generation, a session that was logged out. So when Redis answers again
after writes were lost, the cache is cleared before it is read: everything in it is rebuilt
from the database, and nothing stale is served.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# What an unreachable, stopped or overloaded Redis raises; anything else (a bad key, a value
# that is not an integer) is a programming error and still raises.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# A healthy Redis on the local network answers in well under a millisecond; waiting longer
# than this only makes every request of an outage slower.
DEFAULT_SOCKET_TIMEOUT = 0.25


class CircuitBreaker:
    """Remember, per process and per Redis location, that Redis failed a moment ago."""

    def __init__(self, location, *, retry_after, log_every=60.0):
        self.location = location
        self.retry_after = retry_after
        self.log_every = log_every
        self.down_since = None
        self.retry_at = 0.0
        self.logged_at = 0.0
        self.lost_writes = 0
        self.lock = threading.Lock()

    def is_open(self):
        return self.down_since is not None and time.monotonic() < self.retry_at

    def record_failure(self, error):
        now = time.monotonic()
        with self.lock:
            self.retry_at = now + self.retry_after
            if self.down_since is None:
                self.down_since = now
                self.logged_at = now
                logger.warning(
                    "Cache %s unreachable (%s): serving without it, retrying every %.0f s.",
                    self.location,
                    error,
                    self.retry_after,
                )
            elif now - self.logged_at >= self.log_every:
                self.logged_at = now
                logger.warning(
                    "Cache %s still unreachable after %.0f s (%s).", self.location, now - self.down_since, error
                )

    def record_lost_write(self):
        self.lost_writes += 1

    def record_success(self):
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                logger.warning(
                    "Cache %s reachable again after %.0f s.", self.location, time.monotonic() - self.down_since
                )
                self.down_since = None


def without_credentials(url):
    """Return the Redis URL fit for a log line: without its user name and password."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


_breakers = {}
_breakers_lock = threading.Lock()


def get_breaker(location, *, retry_after):
    # Django makes a cache object per thread; the breaker is shared by the whole process so
    # that one thread's failure spares the others the timeout.
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = CircuitBreaker(location, retry_after=retry_after)
        return breaker


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache that behaves as an empty cache while Redis cannot be reached.

    OPTIONS take RETRY_AFTER (seconds to skip Redis after a failure, default 5) besides
    redis-py's connection options; socket_connect_timeout and socket_timeout default to
    0.25 s.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("RETRY_AFTER", 5.0))
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        location = ",".join(without_credentials(server) for server in self._servers)
        self.breaker = get_breaker(location, retry_after=retry_after)

    def _call(self, operation, fallback, *args, writes=False):
        breaker = self.breaker
        if breaker.is_open():
            if writes:
                breaker.record_lost_write()
            return fallback()
        try:
            if breaker.down_since is not None:
                self._forget_what_went_stale()
            result = operation(*args)
        except UNAVAILABLE as error:
            if writes:
                breaker.record_lost_write()
            breaker.record_failure(error)
            return fallback()
        breaker.record_success()
        return result

    def _forget_what_went_stale(self):
        # Several threads may get here at once after an outage; clearing twice is harmless.
        lost_writes = self.breaker.lost_writes
        if lost_writes:
            super().clear()
            self.breaker.lost_writes = 0
            logger.warning(
                "Cache %s cleared: %d writes were lost while it was unreachable.", self.breaker.location, lost_writes
            )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True, as DummyCache answers: callers that take a lock with add() (allauth's rate
        # limits) or start a counter with it (django-ratelimit) then go ahead, not wait.
        return self._call(super().add, lambda: True, key, value, timeout, version, writes=True)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version, writes=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version, writes=True)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version, writes=True)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            # Django's contract for a key that is not there; every caller handles it.
            raise ValueError(f"Key '{key}' not found.")

        return self._call(super().incr, missing, key, delta, version, writes=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list, data, timeout, version, writes=True)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version, writes=True)

    def clear(self):
        return self._call(super().clear, lambda: False, writes=True)
