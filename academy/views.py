import os
import secrets
import tempfile

from redis.exceptions import RedisError

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# Storages whose files the site writes: uploads, certificates and participants-only material.
WRITTEN_STORAGES = ("default", "private")


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "failed"
    return "ok"


def check_cache():
    # The fail-soft backend never raises: a value that does not come back is the sign.
    token = secrets.token_hex(8)
    try:
        cache.set("health-check", token, 5)
        answered = cache.get("health-check") == token
    except (RedisError, OSError):
        answered = False
    return "ok" if answered else "degraded"


def check_storage():
    try:
        for alias in WRITTEN_STORAGES:
            location = storages[alias].location
            os.makedirs(location, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=location, prefix=".health-") as probe:
                probe.write(b"ok")
                probe.flush()
    except OSError:
        return "failed"
    return "ok"


@never_cache
@require_safe
def health(request):
    """Report the database, the cache and the storage of files.

    Answer 503 when the database cannot be queried or the storage cannot be written: this
    server cannot do its work. A cache that does not answer is "degraded" with 200, since the
    site runs without it, uncached and slower.
    """
    checks = {"database": check_database(), "cache": check_cache(), "storage": check_storage()}
    if "failed" in checks.values():
        status, code = "failed", 503
    elif "degraded" in checks.values():
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)
