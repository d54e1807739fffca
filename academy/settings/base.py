"""Settings shared by every environment.

Everything that differs between machines is read from environment variables in the
environment modules (dev, test, production); this module only holds what is the same
everywhere.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env(default_url):
    """Return the default database from DATABASE_URL, tuned per engine."""
    config = dj_database_url.parse(os.environ.get("DATABASE_URL", default_url), conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait for the
        # busy timeout instead of failing halfway with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def cache_from_env():
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        # Fail-soft: with Redis down the site runs uncached instead of answering 500.
        return {
            "default": {
                "BACKEND": "academy.cache_backends.FailSoftRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "academy",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "academy",
        }
    }


INSTALLED_APPS = [
    "academy",
    "courses",
    "enrolment",
    "attendance",
    "materials",
    "certificates",
    "accounts",
    "calendars",
    "curation",
    "steering",
    "reports",
    "roles",
    "teaching",
    "api",
    "evaluations",
    "partners",
    "payments",
    "partner_contacts",
    "brochure",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAdminConfig",  # wagtail.users, listing e-mail addresses instead of usernames
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Its own static files for the API docs page, so the page needs no third-party request.
    "ninja",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's search index uses PostgreSQL full-text fields when the database is PostgreSQL.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API and the feeds: a stored answer, a preflight, a 405 or a 429 needs no session,
    # user or language (api.middleware).
    "api.middleware.EarlyApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # As early as it can know who is asking: a hit skips every middleware below it; their
    # headers were stored with the page when it was rendered.
    "academy.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware has checked the host.
    "academy.sites.KnownSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The 405 page for require_POST and its kin, Retry-After on every 429.
    "academy.error_pages.ErrorPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminTwoFactorMiddleware",
    # Last, so that it sees the lockout flag whichever view handled the login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "academy.urls"
# A form posted after its CSRF token expired: the Dutch "the page stood open too long" page.
CSRF_FAILURE_VIEW = "academy.error_pages.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "academy.context_processors.academy_settings",
                "roles.context_processors.role_links",
            ],
        },
    },
]

WSGI_APPLICATION = "academy.wsgi.application"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Certificates and participants-only material: never under MEDIA_ROOT, never served as is.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "academy.private_storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Sociale en Politieke Academie"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go through Django so that participants-only material can be refused.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# SVG for the academy's logo (site settings); uploading images is for editors only.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Background work goes through Django's tasks framework; environments choose the backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

MAILERS = {"default": {"BACKEND": os.environ.get("MAILER_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "academie@example.org")
# The HTML part of every mail links the addresses its text names (academy.mail_layout);
# a bare "academie.example.org" becomes an https link, as Django 2028 will do by default.
URLIZE_ASSUME_HTTPS = True

# Accounts (django-allauth): participants sign up and log in with their e-mail address,
# which they must confirm first.
LOGIN_URL = "/account/login/"
LOGIN_REDIRECT_URL = "/mijn/"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address logs the person in, in the browser they signed up in, and takes
# them where they were going (the edition they wanted): no second password prompt.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# The address is the login; the username allauth generates is never shown.
ACCOUNT_USER_DISPLAY = "accounts.selectors.get_display_name"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Counted in the shared cache. Logins are limited per account first: axes locks an account
# for one address after AXES_FAILURE_LIMIT failures, and "10/5m/key" stops guessing one
# account's password from many addresses. The per-address limits are high, since a room of
# fifty people behind one Wi-Fi logs in at the start of a session; they stop one address
# from trying many accounts. A limit that is hit answers the 429 page (accounts.rate_limits).
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "30/m/ip,10/5m/key",
    "signup": "10/m/ip,50/h/ip",
    "reset_password": "10/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Number of proxies in front of the app servers that append to X-Forwarded-For; allauth's
# rate limits and axes both read the client address through it.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Two-factor login with an authenticator app, for whoever turns it on.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sociale en Politieke Academie"
REQUIRE_2FA_FOR_STAFF = False

# Brute-force lockout (django-axes) on every login form: the same login name from the same
# address is locked for a while after too many failures; others from that address are not.
# Failures and lockouts live in the database, not the cache, so a Redis outage neither
# forgets a lockout nor locks anyone out.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.lockout.get_login_name"
AXES_CLIENT_IP_CALLABLE = "academy.client_address.get_client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"

# Anonymous catalogue and course pages are kept this long in the shared cache; any change
# to the offer invalidates them at once (academy/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# A cached page is rebuilt once it is older than this, so the places left it shows are
# never older than that (enrolments do not invalidate the cache).
PAGE_CACHE_FRESH_SECONDS = float(os.environ.get("PAGE_CACHE_FRESH_SECONDS", "5"))
# Query parameters that the cache key keeps besides those the pages register (see
# academy.page_cache.vary_on_query_parameters); the benchmark adds "_".
PAGE_CACHE_EXTRA_QUERY_PARAMETERS = ()
CATALOGUE_PAGE_SIZE = 20
# Self check-in (and a trainer's present or absent) opens this many minutes before a session.
CHECK_IN_OPENS_MINUTES_BEFORE = int(os.environ.get("CHECK_IN_OPENS_MINUTES_BEFORE", "15"))
# The public API and feeds (api/): requests per client address, and how long partner sites
# and browsers may keep an answer.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m")
API_MAX_AGE = int(os.environ.get("API_MAX_AGE", "300"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Every finished task is logged at INFO; keep that out of the console and test output.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}
