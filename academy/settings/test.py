"""Settings for the test suite: the database comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import AUTHENTICATION_BACKENDS, BASE_DIR, database_from_env

DEBUG = False
SECRET_KEY = "test-only-not-secret-academy-key"
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'var' / 'test.sqlite3'}")}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files from the apps directly; no collectstatic step for development and tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Django's test client logs in without a request, which axes' backend refuses.
AUTHENTICATION_BACKENDS = ["accounts.backends.RequestlessLoginAxesBackend", *AUTHENTICATION_BACKENDS[1:]]

# A slow test machine must not see a page go stale between two requests; the tests of the
# freshness window set it and move the page cache's clock by hand.
PAGE_CACHE_FRESH_SECONDS = 300
