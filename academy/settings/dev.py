"""The embedded default: SQLite, immediate tasks, console e-mail."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, cache_from_env, database_from_env, env_list

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-academy-key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
CACHES = cache_from_env()

# Serve static files from the apps directly; no collectstatic step for development and tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One line per mail in the console, each whole mail kept in var/mail/ as an .eml file.
if "MAILER_BACKEND" not in os.environ:
    MAILERS = {
        "default": {
            "BACKEND": "academy.mail_backends.SavedMailBackend",
            "OPTIONS": {"directory": BASE_DIR / "var" / "mail"},
        }
    }
