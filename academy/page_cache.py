"""Serve anonymous catalogue and course pages from the shared cache.

The middleware answers before Wagtail routes the request, so a hit costs one cache
round trip and no SQL. Every change to the offer, or to the places left, bumps a generation
number that is part of every key: all cached pages go stale at once, on every app server.
"""

import hashlib
import logging
import time
from contextvars import ContextVar

from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
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


# The generation as read once at the start of the current request: the site settings,
# the vocabulary and the catalogue index all key on it, and one round trip is enough.
_request_generation = ContextVar("offer_generation", default=None)


def current_generation():
    generation = _request_generation.get()
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
            # With the cache unreachable (FailSoftRedisCache answers as an empty cache) every
            # call makes a new generation: no process memo outlives a change it cannot hear of.
            generation = cache.get(GENERATION_KEY) or _fresh_generation()
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
    _request_generation.set(None)
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
    """Invalidate on every write path: admin, services, shell and data migrations."""
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
        "enrolment.Enrolment",
        "academy.SiteSettings",
        "wagtailcore.Page",
        # The logo in every page's header is an image, replaceable in place.
        "wagtailimages.Image",
    ):
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(schedule_invalidation, sender=model, weak=False, dispatch_uid=f"page_cache_{label}_{signal}")


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
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{digest}"


class AnonymousPageCacheMiddleware:
    """Answer anonymous GETs of offer pages from the shared cache.

    A cached entry holds the generation it was rendered in; one round trip reads both the
    entry and the current generation, and an entry from an older generation is a miss.
    Only the status, headers and body are stored: cheaper to read than a pickled response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(None)
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
        if generation is not None and entry is not None and entry[0] == generation:
            _generation, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        if generation is None:
            generation = current_generation()
        _request_generation.set(generation)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            response["X-Page-Cache"] = "miss"
            headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
            cache.set(key, (generation, response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
        return response
