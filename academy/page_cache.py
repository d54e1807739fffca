"""Serve anonymous catalogue and course pages from the shared cache.

The middleware answers before Wagtail routes the request, so a hit costs two cache
reads and no SQL. Every change to the offer, or to the places left, bumps a generation
number that is part of every key: all cached pages go stale at once, on every app server.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "page-cache:generation"
CACHED_PATH_PREFIXES = ("/aanbod/",)
CACHED_EXACT_PATHS = ("/",)


def _fresh_generation():
    # Start from the clock, not from 1: after the cache is flushed, a new generation must
    # never equal one that a process still remembers.
    return time.time_ns() // 1000


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or _fresh_generation()
    return generation


def invalidate_offer_pages():
    """Make every cached page stale, on every server that shares the cache."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)


def schedule_invalidation(**kwargs):
    # Now, and again after commit: a page rendered between the write and the commit
    # would otherwise be cached with the old data under the new generation.
    invalidate_offer_pages()
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
    return f"page-cache:{current_generation()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
