"""Settings for Claim Workbench, all from environment variables.

With no environment at all you get the embedded default: DEBUG on, SQLite under ``var/`` and a
Celery broker on the local filesystem, so ``make run`` needs nothing but Python. Production sets
``DEBUG=False``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL`` and ``CELERY_BROKER_URL``.
"""

import base64
import hashlib
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional; real deployments pass real environment variables
VAR_DIR = Path(env.str("WORKBENCH_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a fixed key keeps sessions alive across restarts of `make run`.
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdefghij"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware should be the last middleware.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "workbench.urls"
WSGI_APPLICATION = "workbench.wsgi.application"

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
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'workbench.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions take the
    # write lock up front so two writers queue instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------------------------
# No object-permission backend: the workflow rules are asked through ``workflow.can()`` only,
# never ``user.has_perm`` (which says yes to everything for a superuser and would skip the
# two-person rule).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# A user name tried from one address, and any user names from one address: one wrong password
# on each of many accounts (password spraying) locks that address out too.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "claims.client_address.client_address"
# How many proxies of ours put the client's address in X-Forwarded-For; 0 (the default) reads
# only the connection's address, since any client can send that header.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_RESET_ON_SUCCESS = True

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# --- Security -------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets this header itself; otherwise clients could spoof it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# The style attributes that third-party templates write into pages we serve: DRF's browsable
# API (buttons, menus and form tabs) and django-simple-history's history page in the admin.
# Allowed by hash, each exact text and nothing else ('unsafe-hashes' is what lets a hash cover
# an attribute); tests/test_csp_inline.py fails when an upgrade brings a new one.
CSP_ALLOWED_STYLE_ATTRIBUTES = [
    "float: right; margin-right: 10px",
    "float: right",
    "border-bottom: 1px solid #e5e5e5",
    "border-bottom: 0",
    "border-top: 0",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": [
            "'self'",
            "'unsafe-hashes'",
            *(_csp_hash(style) for style in CSP_ALLOWED_STYLE_ATTRIBUTES),
        ],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# --- Celery ---------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded default: messages are files under var/broker, so a separate local worker
    # process works with no server to install. One folder for in and out: one machine.
    BROKER_DIR = VAR_DIR / "broker"
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Broadcast tables (worker control); the default is a "control" folder in the cwd.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # Redis re-delivers an unacknowledged message after the visibility timeout; it must be
    # longer than the longest task, or a slow task would run twice in parallel.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# A pool process that grew past this (KiB) is replaced after its current task: a safety net
# that keeps worker memory flat whatever a parser library leaks. Steady state is ~230 MB.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=350_000)
# Celery's Django fixup closes the database connection around every task unless this is set,
# and a new PostgreSQL connection (a forked backend warming its caches) cost more CPU than all
# the rest of an import item. With it, tasks keep their connection as web requests do
# (CONN_MAX_AGE, CONN_HEALTH_CHECKS; workbench/celery.py), and at most this many tasks.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
# State lives in the database (ImportJob/ImportItem...), so no result backend is needed.
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# Claim matching (embedding a claim costs ~20 ms of CPU) runs on a queue of its own, so that it
# can lag behind a large import without slowing it; every worker command names both queues.
CELERY_MATCHING_QUEUE = env.str("CELERY_MATCHING_QUEUE", default="matching")
CELERY_TASK_ROUTES = {"claims.tasks.match_*": {"queue": CELERY_MATCHING_QUEUE}}
CELERY_BEAT_SCHEDULE = {
    "sweep-import-items": {
        "task": "claims.tasks.sweep_import_items_task",
        "schedule": env.float("IMPORT_SWEEP_SECONDS", default=30.0),
    },
    "poll-feeds": {"task": "claims.tasks.poll_feeds_task", "schedule": 60.0},
    "sweep-webhook-deliveries": {
        "task": "claims.tasks.sweep_webhook_deliveries_task",
        "schedule": 60.0,
    },
    "sweep-matching": {"task": "claims.tasks.sweep_matching_task", "schedule": 600.0},
}

# --- REST framework -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "claims.api.authentication.NewsroomKeyAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.NewsroomKeyThrottle",
        "claims.api.throttling.ClientAddressThrottle",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [
        "claims.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claim Workbench API",
    "DESCRIPTION": "Claims, reviews and published fact-checks of a Claim Workbench instance.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from drf-spectacular-sidecar, served by whitenoise: no CDN, and
    # the CSP's script-src 'self' holds.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.document_request_too_large",
    ],
    "ENUM_NAME_OVERRIDES": {
        "WorkflowActionEnum": "claims.workflow.ACTIONS",
        "BulkActionEnum": "claims.api.serializers.BULK_ACTIONS",
        "StanceEnum": "claims.models.Stance",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
    },
}
# Per newsroom key, and per client address for requests without valid credentials (DRF rate
# syntax). The throttles count in the default cache, which must be shared by every web process
# or each counts on its own (3 gunicorn workers let 3 x the rate through): when the broker is
# Redis, the cache defaults to it too.
NEWSROOM_API_THROTTLE_RATE = env.str("NEWSROOM_API_THROTTLE_RATE", default="600/min")
ANONYMOUS_API_THROTTLE_RATE = env.str("ANONYMOUS_API_THROTTLE_RATE", default="60/min")
_BROKER_IS_REDIS = CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
CACHES = {
    "default": env.cache(
        "CACHE_URL", default=CELERY_BROKER_URL if _BROKER_IS_REDIS else "locmemcache://"
    )
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "workbench.redis_cache.PrefixedRedisCache"
    CACHES["default"].setdefault("KEY_PREFIX", "workbench-cache")

# --- Webhooks -------------------------------------------------------------------------------------
# Deliveries retry with exponential backoff: WEBHOOK_RETRY_BASE_SECONDS * 3**(attempt - 1),
# capped at WEBHOOK_RETRY_MAX_DELAY_SECONDS; with the defaults the waits between the 8 attempts
# add up to about 9 hours (30 s, 90 s, ... 6 h).
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
WEBHOOK_RETRY_MAX_DELAY_SECONDS = env.float("WEBHOOK_RETRY_MAX_DELAY_SECONDS", default=6 * 3600)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)

# --- E-mail (notifications) -----------------------------------------------------------------------
# EMAIL_URL: smtp://user:password@host:587 (smtp+tls://, smtps:// ...); in development the
# console prints each mail. Without it in production, notifications stay in the workbench.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://" if DEBUG else "")
if EMAIL_URL:
    vars().update(environ.Env.email_url_config(EMAIL_URL))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="workbench@localhost")

# --- Domain settings ------------------------------------------------------------------------------
MIN_INDEPENDENT_SOURCES = env.int("MIN_INDEPENDENT_SOURCES", default=2)
# Archive copies of evidence uploaded by moderators (PDF, image, HTML), stored under MEDIA_ROOT.
EVIDENCE_ARCHIVE_MAX_BYTES = env.int("EVIDENCE_ARCHIVE_MAX_BYTES", default=20_000_000)
# A claim in research or review for longer than this is listed as overdue on the dashboard.
CLAIM_OVERDUE_DAYS = env.int("CLAIM_OVERDUE_DAYS", default=3)
# The reader's line between proposals "worth checking" and "more", for outlets without their own.
# Unset: the line the proposal model was fitted with (claims.extraction.PROPOSAL_THRESHOLD).
PROPOSAL_LINE_DEFAULT = env.float("PROPOSAL_LINE_DEFAULT", default=None)
# Claim matching (README "Claim matching"). Off: no claim is matched and the pages say so.
MATCHING_ENABLED = env.bool("MATCHING_ENABLED", default=True)
# The similarity (0-1) from which a match is suggested, per kind of target; unset: the engine's
# threshold chosen on the CheckThat! train/dev data (claims.matching.SUGGEST_THRESHOLD).
MATCHING_FACTCHECK_THRESHOLD = env.float("MATCHING_FACTCHECK_THRESHOLD", default=None)
MATCHING_EXTERNAL_THRESHOLD = env.float("MATCHING_EXTERNAL_THRESHOLD", default=None)
MATCHING_CLAIM_THRESHOLD = env.float("MATCHING_CLAIM_THRESHOLD", default=None)
# Suggestions kept per claim and kind of target, the best first.
MATCHING_MAX_SUGGESTIONS = env.int("MATCHING_MAX_SUGGESTIONS", default=5)
# Who publishes the fact-checks: ClaimReview's author and the public pages' footer.
PUBLISHER_NAME = env.str("PUBLISHER_NAME", default="Claim Workbench")
# Empty: SITE_URL, read when used (claims.exports.claimreview.publisher_url).
PUBLISHER_URL = env.str("PUBLISHER_URL", default="")

# Imports. Fetching refuses non-public addresses; FETCH_ALLOWED_HOSTS names hosts allowed
# anyway (tests serving pages on 127.0.0.1). Keep it empty in production.
FETCH_ALLOWED_HOSTS = env.list("FETCH_ALLOWED_HOSTS", default=[])
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=5_000_000)
FETCH_CONNECT_TIMEOUT = env.float("FETCH_CONNECT_TIMEOUT", default=5.0)
FETCH_READ_TIMEOUT = env.float("FETCH_READ_TIMEOUT", default=15.0)
FETCH_TOTAL_TIMEOUT = env.float("FETCH_TOTAL_TIMEOUT", default=45.0)
FETCH_MAX_REDIRECTS = env.int("FETCH_MAX_REDIRECTS", default=5)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=50_000_000)
# Import limits, the same on every path (page, API, command line, feeds); README "Limits".
# Items of one import: records of its files, articles, URLs and feeds' entries together.
IMPORT_MAX_ITEMS = env.int("IMPORT_MAX_ITEMS", default=10_000)
# An article's text; a longer one is refused, not cut (a cut text would pass for the whole).
ARTICLE_MAX_CHARS = env.int("ARTICLE_MAX_CHARS", default=200_000)
# Proposals kept per article, the highest-scored first; the article records what was left out.
ARTICLE_MAX_CLAIMS = env.int("ARTICLE_MAX_CLAIMS", default=300)
ARTICLE_MAX_QUANTITIES = env.int("ARTICLE_MAX_QUANTITIES", default=1000)
# Imports a user or API key may start in any hour (the command line and feed polls: no limit).
IMPORTS_PER_HOUR = env.int("IMPORTS_PER_HOUR", default=60)
ZIP_MAX_MEMBERS = env.int("ZIP_MAX_MEMBERS", default=1000)
ZIP_MAX_TOTAL_BYTES = env.int("ZIP_MAX_TOTAL_BYTES", default=200_000_000)
# Recovery: a worker renews the lease of the item it holds every IMPORT_HEARTBEAT_SECONDS; an
# item whose lease was not renewed for IMPORT_RUNNING_LEASE_SECONDS was lost with its worker,
# and the sweeper (every IMPORT_SWEEP_SECONDS) sends it again, as it does items never sent
# (broker down) and, while no message waits in the queue, items queued longer than the grace.
# With the defaults a killed worker's items run again within lease + sweep = 90 s.
IMPORT_HEARTBEAT_SECONDS = env.float("IMPORT_HEARTBEAT_SECONDS", default=15.0)
IMPORT_RUNNING_LEASE_SECONDS = env.int("IMPORT_RUNNING_LEASE_SECONDS", default=60)
IMPORT_QUEUED_GRACE_SECONDS = env.int("IMPORT_QUEUED_GRACE_SECONDS", default=60)
IMPORT_SWEEP_SECONDS = CELERY_BEAT_SCHEDULE["sweep-import-items"]["schedule"]
if IMPORT_RUNNING_LEASE_SECONDS < 3 * IMPORT_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "IMPORT_RUNNING_LEASE_SECONDS must be at least three heartbeats "
        "(IMPORT_HEARTBEAT_SECONDS), or a slow live item would be taken for lost."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
