from redis.exceptions import RedisError

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    """Answer 200 when the database and the cache answer, 503 otherwise."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        checks["database"] = "error"
    try:
        cache.set("health-check", 1, 5)
        if cache.get("health-check") != 1:
            checks["cache"] = "error"
    except (RedisError, OSError):
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
