"""Django settings for Zaakwerk. Every deployment setting comes from an environment variable
(documented in the README); the defaults give a working embedded (SQLite) installation."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ZAAKWERK_VAR_DIR", PROJECT_DIR / "var"))
SPECS_DIR = Path(os.environ.get("ZAAKWERK_SPECS_DIR", PROJECT_DIR / "specs"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("ZAAKWERK_DEBUG", False)
SECRET_KEY = os.environ.get("ZAAKWERK_SECRET_KEY") or "insecure-development-key-change-me"
ALLOWED_HOSTS = env_list("ZAAKWERK_ALLOWED_HOSTS", "*")

# The public base URL (scheme://host[:port]) used in resource URLs. Empty: taken from each request.
ZAAKWERK_BASE_URL = os.environ.get("ZAAKWERK_BASE_URL", "").rstrip("/")
# Extra host[:port] names under which this server is reachable; URLs on them resolve in-process.
ZAAKWERK_LOCAL_HOSTS = env_list("ZAAKWERK_LOCAL_HOSTS")
# JWT-ZGW clock leeway in seconds (an iat up to this far in the future is accepted).
ZAAKWERK_JWT_LEEWAY = int(os.environ.get("ZAAKWERK_JWT_LEEWAY", "300"))
# Timeout (seconds) for fetching a foreign URL reference.
ZAAKWERK_URL_TIMEOUT = float(os.environ.get("ZAAKWERK_URL_TIMEOUT", "5"))
# Page size of paginated API lists.
ZAAKWERK_PAGE_SIZE = int(os.environ.get("ZAAKWERK_PAGE_SIZE", "100"))
# Largest JSON request body accepted (bytes); larger bodies get 413.
ZAAKWERK_MAX_JSON_BODY = int(os.environ.get("ZAAKWERK_MAX_JSON_BODY", str(4 * 1024**3 + 1024**2)))
# Format of generated zaak identificaties: {year}, {sequence} and {bronorganisatie} (at most 40
# characters). Without {year} one series runs across years.
ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT = os.environ.get("ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT",
                                                    "ZAAK-{year}-{sequence:010d}")
# Format of generated besluit identificaties: {year}, {sequence} and {verantwoordelijke_organisatie}
# (at most 50 characters). Without {year} one series runs across years.
ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT = os.environ.get("ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT",
                                                       "BESLUIT-{year}-{sequence:010d}")
# Refuse opschorting/verlenging of a zaak whose zaaktype does not allow it (the standard leaves
# this to the implementation; VNG's conformance suite expects it to be accepted).
ZAAKWERK_STRICT_OPSCHORTING_VERLENGING = env_bool("ZAAKWERK_STRICT_OPSCHORTING_VERLENGING", True)
# Selectielijst / Referentielijsten API to validate against. Empty: the one served by Zaakwerk itself.
ZAAKWERK_REFERENTIELIJSTEN_URL = os.environ.get("ZAAKWERK_REFERENTIELIJSTEN_URL", "").rstrip("/")

# Notificaties (zaakwerk.notificaties.conf explains each). An external Notificaties API (e.g. Open
# Notificaties, "https://nrc.example/api/v1") instead of the built-in one, and its JWT-ZGW client.
ZAAKWERK_NOTIFICATIES_API_URL = os.environ.get("ZAAKWERK_NOTIFICATIES_API_URL", "").rstrip("/")
ZAAKWERK_NOTIFICATIES_API_CLIENT_ID = os.environ.get("ZAAKWERK_NOTIFICATIES_API_CLIENT_ID", "")
ZAAKWERK_NOTIFICATIES_API_SECRET = os.environ.get("ZAAKWERK_NOTIFICATIES_API_SECRET", "")
# Delivery: seconds per attempt, attempts before a dead letter, first retry delay (doubling) and its cap,
# the lease on claimed deliveries (a dead worker's batch is retried after it), days of delivered history.
ZAAKWERK_NOTIFICATIES_TIMEOUT = float(os.environ.get("ZAAKWERK_NOTIFICATIES_TIMEOUT", "10"))
ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS = int(os.environ.get("ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS", "10"))
ZAAKWERK_NOTIFICATIES_BACKOFF = float(os.environ.get("ZAAKWERK_NOTIFICATIES_BACKOFF", "5"))
ZAAKWERK_NOTIFICATIES_BACKOFF_MAX = float(os.environ.get("ZAAKWERK_NOTIFICATIES_BACKOFF_MAX", "3600"))
ZAAKWERK_NOTIFICATIES_LEASE = float(os.environ.get("ZAAKWERK_NOTIFICATIES_LEASE", "300"))
ZAAKWERK_NOTIFICATIES_RETENTION_DAYS = float(os.environ.get("ZAAKWERK_NOTIFICATIES_RETENTION_DAYS", "14"))
# Creating/changing an abonnement first POSTs a test notification to its callback (as the reference
# implementation does).
ZAAKWERK_NOTIFICATIES_CALLBACK_CHECK = env_bool("ZAAKWERK_NOTIFICATIES_CALLBACK_CHECK", True)
# `zaakwerk worker` defaults (its --batch-size, --concurrency, --poll-interval options override them);
# no poll interval: 1 s on PostgreSQL (commits wake the worker at once), 0.2 s on SQLite.
ZAAKWERK_WORKER_BATCH_SIZE = int(os.environ.get("ZAAKWERK_WORKER_BATCH_SIZE", "200"))
ZAAKWERK_WORKER_CONCURRENCY = int(os.environ.get("ZAAKWERK_WORKER_CONCURRENCY", "8"))
ZAAKWERK_WORKER_POLL_INTERVAL = float(os.environ["ZAAKWERK_WORKER_POLL_INTERVAL"]) \
    if os.environ.get("ZAAKWERK_WORKER_POLL_INTERVAL") else None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "zaakwerk.core",
    "zaakwerk.autorisaties",
    "zaakwerk.catalogi",
    "zaakwerk.zaken",
    "zaakwerk.documenten",
    "zaakwerk.besluiten",
    "zaakwerk.notificaties",
    "zaakwerk.referentielijsten",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "zaakwerk.core.request_state.BaseUrlMiddleware",
    "zaakwerk.core.http.ApiCsrfExemptMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "zaakwerk.urls"
WSGI_APPLICATION = "zaakwerk.wsgi.application"
APPEND_SLASH = False

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

_sqlite_path = VAR_DIR / "zaakwerk.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        conn_max_age=int(os.environ.get("ZAAKWERK_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameter binding: psycopg prepares a statement the connection has run a few
    # times, so PostgreSQL parses and plans each hot query once per connection, not per request.
    if os.environ.get("ZAAKWERK_DB_PREPARE", "1") != "0":
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = os.environ.get("ZAAKWERK_LANGUAGE", "nl")
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# only needed for `zaakwerk collectstatic` (e.g. to serve files from a proxy); WhiteNoise
# serves them from the installed packages otherwise
STATIC_ROOT = os.environ.get("ZAAKWERK_STATIC_ROOT") or None
# static files (admin, UI) served by the app itself through WhiteNoise, straight from the
# installed packages: no collectstatic step, no separate web server needed
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_MEMORY_SIZE = None  # the API layer enforces its own limits and streams

# ---- Documenten ------------------------------------------------------------------------------------
# Where document content is stored (docs/documenten.md): "filesystem" (default: under
# ZAAKWERK_DOCUMENTEN_ROOT, var/documenten) or "s3" (any S3-compatible object store, through
# django-storages; bucket, endpoint and credentials from the ZAAKWERK_S3_* variables below).
ZAAKWERK_DOCUMENTEN_STORAGE = os.environ.get("ZAAKWERK_DOCUMENTEN_STORAGE", "filesystem").strip().lower()
MEDIA_ROOT = str(Path(os.environ.get("ZAAKWERK_DOCUMENTEN_ROOT", VAR_DIR / "documenten")))
if ZAAKWERK_DOCUMENTEN_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("ZAAKWERK_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("ZAAKWERK_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("ZAAKWERK_S3_REGION") or None,
            "access_key": os.environ.get("ZAAKWERK_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("ZAAKWERK_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("ZAAKWERK_S3_PREFIX", "documenten"),
            "addressing_style": os.environ.get("ZAAKWERK_S3_ADDRESSING_STYLE") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
# Size (bytes) of each bestandsdeel of an upload in parts.
ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = int(os.environ.get("ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE",
                                                              str(100 * 1024**2)))
# Largest request body of the Documenten API (JSON with base64 inhoud, or a bestandsdeel): 413 beyond
# it, decided from Content-Length before anything is read. The standard asks for at least 4 GiB.
ZAAKWERK_MAX_REQUEST_BODY = int(os.environ.get("ZAAKWERK_MAX_REQUEST_BODY", str(4 * 1024**3 + 16 * 1024**2)))
# JSON bodies larger than this are not read into memory: the base64 "inhoud" is decoded from the
# stream, in chunks, straight into a temporary file. Low by default: a 1 MB document read whole
# costs a worker several copies of it (body, string, bytes) per concurrent request, streamed it costs
# the same time and a few chunks (make bench: peak memory per process 140 -> 95 MB with 8 clients).
ZAAKWERK_DOCUMENTEN_STREAM_THRESHOLD = int(os.environ.get("ZAAKWERK_DOCUMENTEN_STREAM_THRESHOLD",
                                                          str(256 * 1024)))
# ---- end Documenten --------------------------------------------------------------------------------
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZAAKWERK_LOG_LEVEL", "WARNING")},
    # 4xx answers are the API working as specified, not something to log
    "loggers": {"django.request": {"level": "ERROR"}},
}

EMAIL_BACKEND = os.environ.get("ZAAKWERK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ADMINS = [("Beheer", a) for a in env_list("ZAAKWERK_ADMINS")]
# SMTP for operator reports (dead letters): only read by the smtp backend
EMAIL_HOST = os.environ.get("ZAAKWERK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("ZAAKWERK_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("ZAAKWERK_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ZAAKWERK_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ZAAKWERK_EMAIL_USE_TLS", False)
SERVER_EMAIL = os.environ.get("ZAAKWERK_SERVER_EMAIL", "zaakwerk@localhost")
