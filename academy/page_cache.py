"""Serve anonymous catalogue and course pages from the shared cache.

The middleware answers before Wagtail routes the request, so a hit costs one cache
round trip and no SQL. Every change to the offer bumps a generation number that is part
of every entry: all cached pages go stale at once, on every app server.

Enrolments do not bump it. During an enrolment rush that would empty every cached page on
every server at each enrolment, just when the traffic peaks. Instead an entry is fresh for
PAGE_CACHE_FRESH_SECONDS only: the places left on a cached page are at most that old (plus
the few seconds a rebuild takes), and enrol() stays the authority on seats. People who are
logged in, such as whoever just enrolled, never get a cached page.

An entry that went stale (older than that, or of an older generation) is kept for
PAGE_CACHE_SECONDS. One process rebuilds it under a short lock taken with cache.add(); the
others serve the stale copy meanwhile, or wait briefly for the new one when there is none:
a page that goes stale under load is rendered once, not once per request (a stampede).

The key holds the path and only the query parameters that the pages read (registered with
vary_on_query_parameters()): ?utm_source=x and other unknown parameters share one entry.
"""

import hashlib
import logging
import time
from contextvars import ContextVar

from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# What a cache backend raises when its server is down or refuses: Redis' own errors,
# and socket errors from any backend.
CACHE_ERRORS = (OSError, RedisError)
CACHED_PATH_PREFIXES = ("/aanbod/", "/partners/", "/embed/aanbod/")
CACHED_EXACT_PATHS = ("/",)


def _fresh_generation():
    # Start from the clock, not from 1: after the cache is flushed, a new generation must
    # never equal one that a process still remembers.
    return time.time_ns() // 1000


# The generation as read once in the current request: the site settings, the vocabulary,
# the catalogue index and every rendered card key on it, and one round trip is enough.
# Outside a request (a task, the shell) it is None and every call reads the cache, so a
# long-running process never keeps an old generation.
_request_generation = ContextVar("offer_generation", default=None)
# Inside a request, before the generation was read.
_UNREAD = object()


def current_generation():
    generation = _request_generation.get()
    if generation is None or generation is _UNREAD:
        in_request = generation is _UNREAD
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
            # With the cache unreachable (FailSoftRedisCache answers as an empty cache) every
            # request makes a new generation: no process memo outlives a change it cannot hear of.
            generation = cache.get(GENERATION_KEY) or _fresh_generation()
        if in_request:
            _request_generation.set(generation)
    return generation


def use_generation(generation):
    """Let the rest of the current request read this generation without another round trip
    (for views that read it themselves, as the API's response cache does)."""
    _request_generation.set(generation)


_process_memo = {}


def get_for_generation(name, build, *, timeout=3600):
    """Return what build() made for the current generation: from this process, the shared
    cache, or build() itself. Everything stored this way goes stale with the offer pages.
    """
    generation = current_generation()
    memo = _process_memo.get(name)
    if memo is not None and memo[0] == generation:
        return memo[1]
    key = f"{name}:{generation}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    _process_memo[name] = (generation, value)
    return value


def process_memo(name):
    """Return a dict private to this process that starts empty with every new generation.

    For what is cheaper to recompute than to fetch from the shared cache, such as the
    rendered card of one edition.
    """
    generation = current_generation()
    memo = _process_memo.get(name)
    if memo is None or memo[0] != generation:
        memo = (generation, {})
        _process_memo[name] = memo
    return memo[1]


def invalidate_offer_pages():
    """Make every cached page stale, on every server that shares the cache.

    Never raise: the change that called this is already committed, and a cache that is
    down must neither undo it nor keep the callbacks after it (the mails) from running.
    Log the failure; cached pages then go stale with their timeout.
    """
    # Whatever the current request reads after this change reads the new generation.
    if _request_generation.get() is not None:
        _request_generation.set(_UNREAD)
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
    except CACHE_ERRORS:
        logger.warning("Could not invalidate the cached offer pages: the cache is unreachable.", exc_info=True)


def schedule_invalidation(**kwargs):
    """Invalidate the cached offer pages once the current transaction commits.

    After commit only: a page rendered between the write and the commit would otherwise
    be cached with the old data under the new generation, and a cache that is down or
    slow must not hold the locks of the transaction or roll back its change. Outside a
    transaction, invalidate at once.
    """
    transaction.on_commit(invalidate_offer_pages)


def connect_invalidation():
    """Invalidate on every write path: admin, services, shell and data migrations.

    Not on enrolments: the places left go stale with PAGE_CACHE_FRESH_SECONDS instead (see
    the module docstring).
    """
    from django.apps import apps

    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(schedule_invalidation, dispatch_uid="page_cache_published")
    page_unpublished.connect(schedule_invalidation, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(schedule_invalidation, dispatch_uid="page_cache_moved")
    for label in (
        "courses.Edition",
        "courses.Session",
        "courses.PartnerOrganisation",
        "courses.Theme",
        "courses.Venue",
        "courses.Trainer",
        "courses.ProgrammeYear",
        "academy.SiteSettings",
        "wagtailcore.Page",
        # Each process remembers the site of each host (academy.sites.KnownSiteMiddleware).
        "wagtailcore.Site",
        # The logo in every page's header is an image, replaceable in place.
        "wagtailimages.Image",
    ):
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(schedule_invalidation, sender=model, weak=False, dispatch_uid=f"page_cache_{label}_{signal}")
    # An edition's trainers and the audiences it is reserved for are shown on its cards.
    edition = apps.get_model("courses.Edition")
    for relation in (edition.trainers.through, edition.restricted_to_audiences.through):
        m2m_changed.connect(schedule_invalidation, sender=relation, weak=False, dispatch_uid=f"page_cache_{relation}")


# The query parameters that some cached page reads; every other parameter is left out of the
# key. Apps register theirs when they are ready.
_query_parameters = set()


def vary_on_query_parameters(*names):
    """Let the cached pages vary on these query parameters."""
    _query_parameters.update(names)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if path not in CACHED_EXACT_PATHS and not path.startswith(CACHED_PATH_PREFIXES):
        return False
    if "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def cache_key(request):
    """Key the page on its path and the known query parameters, in a fixed order.

    PAGE_CACHE_EXTRA_QUERY_PARAMETERS adds parameters for one deployment (the benchmark
    uses `_` to make each request a miss).
    """
    known = _query_parameters.union(settings.PAGE_CACHE_EXTRA_QUERY_PARAMETERS)
    kept = sorted((name, values) for name, values in request.GET.lists() if name in known)
    digest = hashlib.sha256(repr((request.path, kept)).encode()).hexdigest()
    # v2: entries hold when they were stored; an older server's entries are never read.
    return f"page-cache-v2:{digest}"


def _clock():
    return time.time()


def _answer(entry, state):
    _generation, _built_at, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=headers)
    response["X-Page-Cache"] = state
    return response


class AnonymousPageCacheMiddleware:
    """Answer anonymous GETs of offer pages from the shared cache.

    A cached entry holds the generation it was rendered in and when; one round trip reads
    both the entry and the current generation. An entry of an older generation, or older
    than PAGE_CACHE_FRESH_SECONDS, is stale: rebuilt by one request while the others get it
    with X-Page-Cache: stale. Only the status, headers and body are stored: cheaper to read
    than a pickled response.
    """

    # How long one rebuild may hold the lock, and how long a request without a stale copy
    # waits for another's rebuild before it renders the page itself.
    REBUILD_LOCK_SECONDS = 10
    WAIT_SECONDS = 3.0
    POLL_SECONDS = 0.02

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(_UNREAD)
        try:
            return self.respond(request)
        finally:
            _request_generation.reset(token)

    def respond(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if generation is not None and self.is_fresh(entry, generation):
            return _answer(entry, "hit")
        if generation is None:
            generation = current_generation()
        lock = f"{key}:rebuilding"
        # With the cache down, add() answers True (FailSoftRedisCache): every request renders.
        if not cache.add(lock, True, self.REBUILD_LOCK_SECONDS):
            if entry is not None:
                return _answer(entry, "stale")
            entry = self.wait_for_rebuild(key, lock, generation)
            if entry is not None:
                return _answer(entry, "hit")
            return self.render(request, key, generation)
        try:
            return self.render(request, key, generation)
        finally:
            cache.delete(lock)

    def is_fresh(self, entry, generation):
        return entry is not None and entry[0] == generation and _clock() - entry[1] < settings.PAGE_CACHE_FRESH_SECONDS

    def wait_for_rebuild(self, key, lock, generation):
        """Return the entry another request is rebuilding, or None when it stored none (a
        page that is not cached, such as a 404) or took too long."""
        deadline = time.monotonic() + self.WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(self.POLL_SECONDS)
            found = cache.get_many([key, lock])
            if self.is_fresh(found.get(key), generation):
                return found[key]
            if lock not in found:
                return None
        return None

    def render(self, request, key, generation):
        _request_generation.set(generation)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            response["X-Page-Cache"] = "miss"
            headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
            # Aged from when it was stored, not from when the render began: on a loaded
            # server a slow render must still give a copy that lasts. The places left it
            # shows are then at most the render's time older.
            entry = (generation, _clock(), response.status_code, headers, response.content)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response
