"""Production settings for the benchmark: same code paths, but plain http on 127.0.0.1.

Everything the production module demands from the environment gets a benchmark default
here *before* it is imported; afterwards only what plain-http-on-localhost needs is
relaxed. DEBUG stays off, the task backend is the database one, whitenoise serves the
manifest static files, and the cache is Redis (a separate database number and key prefix,
so the benchmark never touches a developer's cache).
"""

import os
from pathlib import Path

_RESULTS = Path(__file__).resolve().parent / "results"

os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_RESULTS / 'bench.sqlite3'}")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault("STATIC_ROOT", str(_RESULTS / "static"))
os.environ.setdefault("MAILER_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# wrk sends everything from one address: keep the API's rate limit counting (its cost is part
# of the figures) but far above what the run can reach.
os.environ.setdefault("API_RATE_LIMIT", "100000000/m")

from academy.settings.production import *  # noqa: E402, F403
from academy.settings.production import CACHES, DATABASES, INSTALLED_APPS  # noqa: E402

# Plain http on 127.0.0.1 (gunicorn without a TLS proxy in front).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# A separate key space in Redis: the benchmark clears it, and only it.
CACHES["default"]["KEY_PREFIX"] = "academy-bench"

ROOT_URLCONF = "benchmarks.urls"

# Wagtail's database search backend needs django.contrib.postgres on PostgreSQL (its
# IndexEntry model uses SearchVectorField); older commits of the project lacked it.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and "django.contrib.postgres" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]

# The uncached targets add `_=<n>` to every request; the page cache keys only on the query
# parameters pages read, so it must vary on this one too for those requests to miss.
PAGE_CACHE_EXTRA_QUERY_PARAMETERS = ("_",)
