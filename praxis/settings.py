"""Settings, read from the environment (12-factor).

Nothing but the environment differs between the embedded default (SQLite, in-process jobs,
local-memory cache) and production (PostgreSQL, Redis, Celery workers).
"""

import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from praxis.core.country_names import every_country_named

# Lets generic Django classes take their type arguments at run time (ModelAdmin[Course]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PRAXIS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment; the embedded default keeps a generated one in var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")


def site_url(environ: Mapping[str, str]) -> str:
    """The public base URL of every link and identifier: SITE_URL, or else the address that
    `make run` serves on PORT."""
    url = environ.get("SITE_URL") or f"http://127.0.0.1:{environ.get('PORT') or '8000'}"
    return url.rstrip("/")


SITE_URL = site_url(os.environ)
SITE_NAME = os.environ.get("SITE_NAME", "Praxis")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)
# Origins whose pages may call /xapi/ with the browser's credentials; any other origin may call it
# only with credentials it sends itself (an Authorization header), never with cookies.
XAPI_CORS_CREDENTIAL_ORIGINS = env_list("XAPI_CORS_CREDENTIAL_ORIGINS", "")
# Seconds within which a statement write must commit after taking its stored time; reads report
# X-Experience-API-Consistent-Through this far behind (plus any replica's lag).
XAPI_WRITE_WINDOW_SECONDS = float(os.environ.get("XAPI_WRITE_WINDOW_SECONDS", "10"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # serves the API docs from our own static files, not a CDN
    "praxis.core",
    "praxis.lrs",
    "praxis.reference",
    "praxis.accounts",
    "praxis.organisations",
    "praxis.notifications",
    "praxis.competencies",
    "praxis.credentials",
    "praxis.packages",
    "praxis.lti",
    "praxis.catalog",
    "praxis.authoring",
    "praxis.assessments",
    "praxis.community",
    "praxis.events",
    "praxis.feedback",
    "praxis.offline",
    "praxis.research",
    "praxis.search",
    "praxis.web",
    "praxis.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The package origin answers content packages only (praxis/packages/middleware.py).
    "praxis.packages.middleware.PackageOriginOnlyMiddleware",
    "praxis.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip, with the pages kept for everybody compressed once (praxis/core/compression.py).
    "praxis.core.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "praxis.core.middleware.ViewerTimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "praxis.core.middleware.InputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "praxis.accounts.middleware.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "praxis.core.middleware.PraxisErrorMiddleware",
    "praxis.core.middleware.RetryReadAfterLostConnection",
]

ROOT_URLCONF = "praxis.urls"
WSGI_APPLICATION = "praxis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "praxis.web.context_processors.site",
                "praxis.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: SQLite in var/ by default (WAL, immediate transactions), PostgreSQL via DATABASE_URL.
# Either way a worker keeps its connection between requests (60 s). On SQLite this matters most:
# a new connection reads and parses the whole schema (190 tables, 568 indexes) before its first
# statement, about 2.6 ms of CPU, more than the rest of a page served from the cache.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'praxis.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's, asking again promptly for the write lock (praxis/core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "praxis.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # Tests run on an in-memory database, as Django makes them for SQLite; said outright, as
    # tools that know SQLite by the engine's name (pytest-django's per-worker names) would not
    # know it by ours.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# A persistent connection is checked before a request reuses it, so that one the server ended
# meanwhile is replaced instead of failing the request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, sessions and rate limits: Redis when REDIS_URL is set, local memory otherwise.
# Sessions are kept in the database (praxis/accounts/session_engines says how they are read).
SESSION_ENGINE = "praxis.accounts.session_engines.db"
if redis_url := os.environ.get("REDIS_URL"):
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        # Parallel test workers each get their own Redis database after the one the URL names,
        # so clearing one is safe (suites given databases 0 and 4 do not meet), wrapping round
        # the 16 databases a Redis server has by default.
        parts = urlsplit(redis_url)
        base = int(parts.path.strip("/") or 0)
        redis_url = urlunsplit(parts._replace(path=f"/{(base + 1 + int(worker[2:])) % 16}"))
    # An unreachable Redis reads as an empty cache (praxis.core.cache), so pages keep working.
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "praxis.core.cache.FailSoftRedisCache", "LOCATION": redis_url}
    }
    # Each worker's own copies of the pages it read from Redis (praxis.core.fragments).
    CACHES["local"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "praxis-local",
        "OPTIONS": {"MAX_ENTRIES": 200},
    }
    if "pytest" not in sys.modules:
        # Sessions read from Redis and are kept in the database, so that they outlive an
        # outage. The test suite keeps them in the database only, so that the query counts it
        # pins are the same with and without Redis.
        SESSION_ENGINE = "praxis.accounts.session_engines.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Small values every process must see alike (the catalogue's version): the same Redis, or files
# in var/ that the workers on this one machine share.
# The test suite keeps its own (one per parallel worker), apart from a running server's.
_OWN_FILES = os.environ.get("PYTEST_XDIST_WORKER", "test" if "pytest" in sys.modules else "shared")
CACHES["shared"] = (
    CACHES["default"]
    if redis_url
    else {
        # One version per course, thread, credential… shown: none may be dropped to make room
        # (Django's file cache, by default, dropped a third of them at random on every new one
        # past 300, and with them the pages kept under them; praxis/core/version_files.py).
        "BACKEND": "praxis.core.version_files.VersionFilesCache",
        "LOCATION": str(VAR_DIR / "cache" / _OWN_FILES),
    }
)
# Counters every worker must read alike (rate limits, each person's unread notices), whose
# increments must not be lost: the same Redis, or one SQLite file in var/ that the workers on
# this machine update atomically (praxis/core/counters.py says why not Django's file or
# database cache).
CACHES["counters"] = (
    CACHES["default"]
    if redis_url
    else {
        "BACKEND": "praxis.core.counters.CounterCache",
        "LOCATION": str(VAR_DIR / f"counters-{_OWN_FILES}.sqlite3"),
    }
)

# Background jobs: Celery workers on a broker, or in-process (eager) without one.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # never contacted: eager tasks run in-process
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
# Periodic jobs, run by `celery -A praxis beat` beside the workers. Each is safe to run again:
# reminders and digests record what they sent; expiry touches only approved projects.
CELERY_BEAT_SCHEDULE = {
    "event-reminders": {"task": "praxis.events.tasks.send_reminders", "schedule": 3600.0},
    "community-daily-digests": {
        "task": "praxis.community.tasks.send_daily_digests",
        "schedule": 86400.0,
    },
    "community-weekly-digests": {
        "task": "praxis.community.tasks.send_weekly_digests",
        "schedule": 86400.0,
    },
    "notification-email-retries": {
        "task": "praxis.notifications.tasks.retry_notice_emails",
        "schedule": 300.0,
    },
    "notification-daily-digests": {
        "task": "praxis.notifications.tasks.send_daily_digests",
        "schedule": 86400.0,
    },
    "notification-weekly-digests": {
        "task": "praxis.notifications.tasks.send_weekly_digests",
        "schedule": 7 * 86400.0,
    },
    "research-expire-projects": {"task": "research.expire_projects", "schedule": 86400.0},
    "research-delete-export-files": {"task": "research.delete_export_files", "schedule": 3600.0},
    "accounts-erase-due-accounts": {"task": "accounts.erase_due_accounts", "schedule": 3600.0},
    "accounts-delete-expired-data-exports": {
        "task": "accounts.delete_expired_data_exports",
        "schedule": 3600.0,
    },
    "packages-abandon-expired-sessions": {
        "task": "packages.abandon_expired_sessions",
        "schedule": 900.0,
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["praxis.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "catalog:my_learning"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's checks, saying why through Praxis's catalogue (see praxis/accounts/password_rules.py).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "praxis.accounts.password_rules.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {
        "NAME": "praxis.accounts.password_rules.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "praxis.accounts.password_rules.CommonPasswordValidator"},
    {"NAME": "praxis.accounts.password_rules.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = SITE_NAME
LOGIN_RATE_LIMIT = env_int("LOGIN_RATE_LIMIT", 5)  # failures per window
LOGIN_RATE_WINDOW = env_int("LOGIN_RATE_WINDOW", 900)  # seconds
# Proxies in front of the application that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)

# Languages of the interface: the six UN languages, and those of the largest health workforces
# that read none of them (README, "Languages"). Arabic, Persian and Urdu are laid out right to
# left. Each needs its catalogue in praxis/locale, complete (praxis/core/tests/test_translations).
LANGUAGE_CODE = "en"

# Every country is named through praxis.core.country_names: CLDR's names in the languages
# django-countries has no catalogue for (Bengali, Hindi, Indonesian, Swahili, Urdu). Four are
# named by Praxis's own catalogues, which django-countries' get wrong in a language Praxis
# offers (in Chinese: Samoa named as American Samoa, so that two entries read alike; Nepal and
# Tajikistan misspelt; Bosnia and Herzegovina cut short).
COUNTRIES_OVERRIDE = {
    **every_country_named(),
    "BA": _("Bosnia and Herzegovina"),
    "NP": _("Nepal"),
    "TJ": _("Tajikistan"),
    "WS": _("Samoa"),
}

LANGUAGES = [
    ("ar", _("Arabic")),
    ("bn", _("Bengali")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("hi", _("Hindi")),
    ("id", _("Indonesian")),
    ("it", _("Italian")),
    ("fa", _("Persian")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("sw", _("Swahili")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ur", _("Urdu")),
    ("vi", _("Vietnamese")),
]
# Languages (by primary subtag) whose interface is laid out right to left: Django's own list
# and the other right-to-left languages an interface may be added in.
LANGUAGES_BIDI = ["ar", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"]
LOCALE_PATHS = [BASE_DIR / "praxis" / "locale"]
# Date and time formats where Django's own locale lacks them or writes them otherwise than the
# language does (praxis/formats/: one package per language).
FORMAT_MODULE_PATH = ["praxis.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed file names for far-future caching. Under pytest the live test server serves
    # static files from the app folders, which know no hashed names.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_HASHED_NAMES", "pytest" not in sys.modules)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


def object_storages(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """Uploaded files and research exports on S3-compatible object storage when `environ` names
    a bucket (so that every machine behind a load balancer sees the same files); nothing, and so
    local disk, otherwise. Both stay private: the application serves them after its own checks."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {}
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "default_acl": "private",
        "querystring_auth": True,
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {
            "BACKEND": backend,
            "OPTIONS": {**options, "location": "media", "file_overwrite": False},
        },
        # An export written again replaces its files.
        "research_exports": {
            "BACKEND": backend,
            "OPTIONS": {**options, "location": "research-exports", "file_overwrite": True},
        },
        "personal_exports": {
            "BACKEND": backend,
            "OPTIONS": {**options, "location": "personal-exports", "file_overwrite": True},
        },
        "packages": {
            "BACKEND": backend,
            "OPTIONS": {**options, "location": "packages", "file_overwrite": False},
        },
    }


STORAGES.update(object_storages(os.environ))
# Source maps only serve the browser's developer tools: compressing the API docs' multi-megabyte
# maps took most of collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
LESSON_FILE_MAX_BYTES = env_int("LESSON_FILE_MAX_BYTES", 20 * 1024 * 1024)
LESSON_RECORDING_MAX_BYTES = env_int("LESSON_RECORDING_MAX_BYTES", 200 * 1024 * 1024)
# How long the combined search keeps what a query found (praxis.search.queries); 0: never.
SEARCH_RESULTS_SECONDS = env_int("SEARCH_RESULTS_SECONDS", 300)
# How long the analytics dashboard's tables, counted over every enrolment, are kept before they
# are counted again (0: counted on every view).
ANALYTICS_SECONDS = env_int("ANALYTICS_SECONDS", 300)
COMMUNITY_ATTACHMENT_MAX_BYTES = env_int("COMMUNITY_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
COMMUNITY_POST_RATE_LIMIT = env_int("COMMUNITY_POST_RATE_LIMIT", 10)  # posts per window
COMMUNITY_POST_RATE_WINDOW = env_int("COMMUNITY_POST_RATE_WINDOW", 600)  # seconds
# Replying by e-mail (praxis.community.services.inbound): off unless a domain whose mail server
# hands messages to /community/inbound-email/ (with this secret) or `manage.py receive_email`.
COMMUNITY_REPLY_DOMAIN = os.environ.get("COMMUNITY_REPLY_DOMAIN", "")
COMMUNITY_INBOUND_SECRET = os.environ.get("COMMUNITY_INBOUND_SECRET", "")
XAPI_MAX_BODY_BYTES = env_int("XAPI_MAX_BODY_BYTES", 16 * 1024 * 1024)
# Research exports on local disk (unless object storage is configured) and how long their
# download links last.
RESEARCH_EXPORT_ROOT = os.environ.get("RESEARCH_EXPORT_ROOT") or str(VAR_DIR / "research-exports")
RESEARCH_EXPORT_DAYS = env_int("RESEARCH_EXPORT_DAYS", 7)
# A person's archive of their own data: where it is kept on local disk (unless object storage
# is configured), how long its link lasts, and how often one may be asked for.
PERSONAL_EXPORT_ROOT = os.environ.get("PERSONAL_EXPORT_ROOT") or str(VAR_DIR / "personal-exports")
PERSONAL_EXPORT_DAYS = env_int("PERSONAL_EXPORT_DAYS", 7)
PERSONAL_EXPORT_RATE_LIMIT = env_int("PERSONAL_EXPORT_RATE_LIMIT", 3)  # archives per window
PERSONAL_EXPORT_RATE_WINDOW = env_int("PERSONAL_EXPORT_RATE_WINDOW", 86400)  # seconds
# Content packages (SCORM, cmi5, xAPI, H5P, Common Cartridge): where they are unpacked on local
# disk (unless object storage is configured), the limits an upload must keep, and the separate
# origin their files are served from, so that their scripts never share the site's cookies.
PACKAGE_ROOT = os.environ.get("PACKAGE_ROOT") or str(VAR_DIR / "packages")
PACKAGE_UPLOAD_MAX_BYTES = env_int("PACKAGE_UPLOAD_MAX_BYTES", 500 * 1024 * 1024)
PACKAGE_MAX_BYTES = env_int("PACKAGE_MAX_BYTES", 1024 * 1024 * 1024)  # unpacked
QTI_UPLOAD_MAX_BYTES = env_int("QTI_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
PACKAGE_MAX_ENTRIES = env_int("PACKAGE_MAX_ENTRIES", 10000)
PACKAGE_MAX_RATIO = env_int("PACKAGE_MAX_RATIO", 100)
PACKAGE_MAX_MANIFEST_BYTES = env_int("PACKAGE_MAX_MANIFEST_BYTES", 2 * 1024 * 1024)
PACKAGE_ORIGIN = (
    os.environ.get("PACKAGE_ORIGIN") or SITE_URL.replace("127.0.0.1", "localhost")
).rstrip("/")
PACKAGE_LAUNCH_HOURS = env_int("PACKAGE_LAUNCH_HOURS", 12)
# The cmi5 conformance API (/api/v1/cmi5-conformance/), which lets staff import cmi5 courses
# outside any draft and launch them for any xAPI agent, so that an LMS test suite can drive
# Praxis: for test installations only, never a real site.
PRAXIS_CMI5_CONFORMANCE = env_bool("PRAXIS_CMI5_CONFORMANCE", False)
# LTI 1.3: how long a launch waits for the tool's authentication request, how long an id_token
# and an access token for the grade services last.
LTI_LAUNCH_MINUTES = env_int("LTI_LAUNCH_MINUTES", 10)
LTI_ID_TOKEN_SECONDS = env_int("LTI_ID_TOKEN_SECONDS", 300)
LTI_ACCESS_TOKEN_SECONDS = env_int("LTI_ACCESS_TOKEN_SECONDS", 3600)
# Days between asking to delete an account and its erasure; logging in meanwhile offers to cancel.
ACCOUNT_ERASURE_GRACE_DAYS = env_int("ACCOUNT_ERASURE_GRACE_DAYS", 14)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Praxis <no-reply@praxis.local>")

# Security. HTTPS settings switch on with SECURE=1 (production behind TLS).
SECURE = env_bool("SECURE")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
