"""How the public API and the feeds answer: one wrapper around every read-only view.

In this order: CORS preflight and the allowed methods (GET and HEAD, anything else 405),
the rate limit per client and the shared response cache (both read in one cache round
trip), then the validators (ETag and Last-Modified, answered with 304) and the caching
headers for partner sites.

The cache follows the page cache's generation (academy.page_cache): every change to the
offer makes every stored answer stale at once, on every server; the places left go stale
with age, after PAGE_CACHE_FRESH_SECONDS. An
entry is keyed on the path and the parameters the API knows, in a fixed order, so no
other parameter can add keys; a request with a parameter the API does not know (a cache
buster such as `_`) is answered fresh and not stored.

ETag: a hash of the body, so an unchanged answer revalidates even after the offer moved on.
Last-Modified: when the answer was first rendered in the current generation, that is, no
earlier than the last change to the offer that could alter it.
"""

import hashlib
import json
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _

from academy.client_address import client_address
from academy.page_cache import CACHE_ERRORS, GENERATION_KEY, current_generation, use_generation
from courses.filters import CatalogueFilterSet

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# The catalogue's filters plus the API's paging: the only parameters that reach a cache key.
KNOWN_PARAMS = (*CatalogueFilterSet.base_filters, "limit", "offset")
DEFAULT_RATE = "120/m"
DEFAULT_MAX_AGE = 300
PREFLIGHT_MAX_AGE = 86400
CACHE_KEY_PREFIX = "api-cache"


def json_error(status, detail, **extra):
    """A JSON error answer with a Dutch message: {"detail": "...", ...}."""
    body = json.dumps({"detail": str(detail), **extra}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    return response


def _preflight():
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    return _cors(response)


def _not_allowed(method):
    response = json_error(
        405,
        _("De methode %(method)s kan hier niet: deze gegevens kan je alleen lezen (GET).") % {"method": method[:20]},
    )
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    return _cors(response)


def _too_many(time_left):
    retry_after = max(1, int(time_left))
    response = json_error(
        429,
        _("Te veel aanvragen vanaf jouw adres. Probeer het over %(seconds)s seconden opnieuw.")
        % {"seconds": retry_after},
    )
    response["Retry-After"] = str(retry_after)
    return response


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate():
    """API_RATE_LIMIT as (requests, seconds): "120/m", "1000/5m"."""
    count, _slash, period = getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE).partition("/")
    multiplier = period[:-1] or "1"
    return int(count), int(multiplier) * PERIODS[period[-1]]


def _rate_counter(request):
    """The key of the client's counter in the current window, and the seconds the window has left.

    Fixed windows per client address (behind the proxies, as academy.client_address.client_address
    sees it), counted in the shared cache.
    """
    _limit, period = _rate()
    now = int(time.time())
    window = now - now % period
    client = client_address(None, request)
    return f"api-rate:{client}:{window}", window + period - now


# Requests counted by this process and not yet added to the shared counter, per counter key.
_unwritten = {}
# At most this many requests of one client stay unwritten per process: a cache hit then costs
# one round trip (the read) most of the time instead of two, and a limit of 120 a minute is
# off by at most a few requests per process.
MAX_UNWRITTEN = 10


def _client_count(counter_key, shared_count):
    return (shared_count or 0) + _unwritten.get(counter_key, 0)


def _count_request(counter_key, shared_count, time_left):
    """Count the request: in this process, and every few requests (exactly, for small limits)
    in the shared cache. A read and a write rather than an atomic increment; both may
    undercount a client's requests in flight at the same moment, which a limit can afford."""
    limit, _period = _rate()
    batch = max(1, min(MAX_UNWRITTEN, limit // 20))
    pending = _unwritten.get(counter_key, 0) + 1
    if pending < batch:
        if len(_unwritten) > 10_000:
            # Keys of windows gone by: start again rather than grow.
            _unwritten.clear()
        _unwritten[counter_key] = pending
        return
    _unwritten.pop(counter_key, None)
    try:
        if shared_count is None:
            cache.add(counter_key, pending, time_left + 1)
        else:
            cache.set(counter_key, shared_count + pending, time_left + 1)
    except CACHE_ERRORS:
        pass


def _cache_key(request):
    """The key of the answer, or None when the request has a parameter the API does not know."""
    params = request.GET
    if any(name not in KNOWN_PARAMS for name in params):
        return None
    known = "&".join(f"{name}={params.getlist(name)[0]}" for name in KNOWN_PARAMS if name in params)
    digest = hashlib.sha256(f"{request.path}?{known}".encode()).hexdigest()
    return f"{CACHE_KEY_PREFIX}:{digest}"


def _read_cache(key, counter_key):
    """Read the generation, the stored answer and the client's count in one round trip.

    Return (generation, entry, count); entry is None when missing or of an older generation.
    """
    try:
        found = cache.get_many([GENERATION_KEY, counter_key] + ([key] if key else []))
    except CACHE_ERRORS:
        return None, None, None
    generation, entry = found.get(GENERATION_KEY), found.get(key)
    # Enrolments leave the generation alone: the places left go stale with age, as on the
    # cached pages (PAGE_CACHE_FRESH_SECONDS).
    if (
        generation is None
        or entry is None
        or entry[0] != generation
        or time.time() - entry[5] >= settings.PAGE_CACHE_FRESH_SECONDS
    ):
        entry = None
    return generation, entry, found.get(counter_key)


def _render(view, request, args, kwargs):
    """Call the view as a GET and return (status, headers, content, etag, last_modified)."""
    head = request.method == "HEAD"
    if head:
        # The views answer GET only; the body is dropped by the server for HEAD.
        request.method = "GET"
    try:
        response = view(request, *args, **kwargs)
    finally:
        if head:
            request.method = "HEAD"
    if hasattr(response, "render") and callable(response.render):
        response.render()
    content = response.content
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    last_modified = int(timezone.now().timestamp())
    headers = {name: value for name, value in response.items()}
    return response.status_code, headers, content, etag, last_modified


# Set on every answer by _answer(), so never stored with it.
ANSWER_HEADERS = {
    "cache-control",
    "etag",
    "last-modified",
    "x-page-cache",
    "vary",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "content-length",
}


def store_answer(key, entry, extra_headers=()):
    """Keep a rendered answer for its generation; extra_headers (what the middleware below the
    early answer added on the way out, such as X-Frame-Options) are stored with it, so a
    stored answer carries the same headers as the first."""
    generation, status, headers, content, etag, last_modified = entry
    headers = {**headers}
    for name, value in extra_headers:
        if name.lower() not in ANSWER_HEADERS and name not in headers:
            headers[name] = value
    try:
        cache.set(key, (generation, status, headers, content, etag, last_modified), settings.PAGE_CACHE_SECONDS)
    except CACHE_ERRORS:
        pass


def _answer(request, status, headers, content, etag, last_modified, state):
    """The response for a stored or just rendered answer: caching headers, validators (304), CORS."""
    response = HttpResponse(content, status=status, headers=headers)
    if status == 200:
        max_age = getattr(settings, "API_MAX_AGE", DEFAULT_MAX_AGE)
        response["Cache-Control"] = f"public, max-age={max_age}"
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["X-Page-Cache"] = state
        response["Content-Length"] = str(len(content))
        response = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    response["Vary"] = "Accept-Encoding"
    return _cors(response)


def answer_early(request):
    """Everything before the view: preflight, the allowed methods, the rate limit and the
    stored answer, in one cache round trip. Return the response when that is the answer
    (204, 405, 429 or a stored answer), else None, leaving what was read on the request
    (request.api_lookup) so the view neither reads nor counts it a second time.

    Called by api.middleware.EarlyApiMiddleware before the rest of the middleware stack, and
    by public_read_only() when a request reaches the view without it.
    """
    if request.method == "OPTIONS":
        return _preflight()
    if request.method not in ("GET", "HEAD"):
        return _not_allowed(request.method)
    # Nothing in these answers depends on who asks, so everyone shares them.
    key = _cache_key(request)
    counter_key, time_left = _rate_counter(request)
    generation, entry, count = _read_cache(key, counter_key)
    if _client_count(counter_key, count) >= _rate()[0]:
        return _cors(_too_many(time_left))
    _count_request(counter_key, count, time_left)
    if entry is not None:
        _generation, status, headers, content, etag, last_modified = entry
        return _answer(request, status, headers, content, etag, last_modified, "hit")
    request.api_lookup = (key, generation)
    return None


def public_read_only(view):
    """Serve the view as a public, cached, rate-limited, read-only resource (see module)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        lookup = getattr(request, "api_lookup", None)
        if lookup is None:
            response = answer_early(request)
            if response is not None:
                return response
            lookup = request.api_lookup
        key, generation = lookup
        if generation is None:
            generation = current_generation()
        use_generation(generation)
        status, headers, content, etag, last_modified = _render(view, request, args, kwargs)
        if key is not None and status == 200:
            entry = (generation, status, headers, content, etag, last_modified)
            if getattr(request, "api_store_later", False):
                # EarlyApiMiddleware stores it with the headers the middleware below adds.
                request.api_entry = (key, entry)
            else:
                store_answer(key, entry)
        return _answer(request, status, headers, content, etag, last_modified, "miss")

    return wrapper
