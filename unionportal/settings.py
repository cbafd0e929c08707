"""UnionPortal settings: twelve-factor, read from the environment through strict helpers.

With no variable set the portal runs on the embedded default (a SQLite file under var/,
Celery in eager mode) so that ``make run`` needs nothing but Python. Production sets
DEBUG=false and real DATABASE_URL / CELERY_BROKER_URL; see the settings table in README.md.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from unionportal.env import (
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
    env_url,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_path("VAR_DIR", BASE_DIR / "var")

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = secret_key("SECRET_KEY", debug=DEBUG, fallback_file=VAR_DIR / "secret_key")
# Encrypts ID numbers at rest and keys their lookup hash (members.personal_data).
PERSONAL_DATA_KEY = secret_key(
    "PERSONAL_DATA_KEY", debug=DEBUG, fallback_file=VAR_DIR / "personal_data_key"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "unionportal.admin.UnionAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "organisations",
    "ledger",
    "jobs",
    "members",
    "competitions",
    "activities",
    "rights",
    "welfare",
    "reports",
]

MIDDLEWARE = [
    "unionportal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unionportal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisations.middleware.ActiveRoleMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "unionportal.urls"
WSGI_APPLICATION = "unionportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisations.context_processors.active_role",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'unionportal.sqlite3'}",
    schemes={"sqlite", "postgres", "postgresql"},
)
# A kept connection (DB_CONN_MAX_AGE) is dead after the database restarts; with health
# checks on, a request first pings a kept connection and opens a new one if the ping fails,
# instead of failing on it with a 500 (bench/faults.py restarts PostgreSQL under load).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif not env_bool("DB_JIT", False):
    # PostgreSQL compiles "expensive" queries with LLVM: the report's aggregates (many
    # filtered counts) cross its cost threshold and spent more time compiling than running
    # (176 of 348 ms for the hardship register of the bench district). Off for our sessions.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "unionportal.security.LoginThrottleBackend",  # first: refuses locked-out log-ins
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Idle timeout: every request saves the session and pushes its expiry SESSION_COOKIE_AGE
# further, so a login ends after that long without a request (offices share PCs), and in
# any case when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60, minimum=300)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", VAR_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media")
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 3, minimum=1)  # starts of a job before it stops
# a summary is due this long after its period
REPORT_DUE_DAYS = env_int("REPORT_DUE_DAYS", 31, minimum=0)
MEMBER_IMPORT_MAX_BYTES = env_int("MEMBER_IMPORT_MAX_BYTES", 5 * 1024 * 1024, minimum=10_000)
MEMBER_IMPORT_MAX_ROWS = env_int("MEMBER_IMPORT_MAX_ROWS", 20_000, minimum=1)
MEMBER_IMPORT_SYNC_ROWS = env_int("MEMBER_IMPORT_SYNC_ROWS", 500, minimum=1)
ACTIVITY_PHOTO_MAX_BYTES = env_int("ACTIVITY_PHOTO_MAX_BYTES", 8 * 1024 * 1024, minimum=10_000)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# the vendored CJK fonts are 10 MB each and already compressed inside: brotli would take
# half a minute per file at collectstatic for nothing
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz",
                                       "bz2", "tbz", "xz", "br", "swf", "flv", "woff",
                                       "woff2", "ttf", "otf"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Celery -----------------------------------------------------------------------------
# Without a broker URL the embedded default runs tasks eagerly: .delay() still goes through
# Celery's API and the task code, but inside the calling process (no Redis, no worker).
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", None, schemes={"redis", "rediss"})
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL is None)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 50, minimum=1)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD", 512_000, minimum=50_000
)  # kilobytes
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis has no acknowledgements of its own: a task a worker has taken waits in an "unacked"
# set until the worker acks it, after the task (acks_late). When the worker dies (kill -9,
# the OOM killer) the task is delivered again only once it has waited there
# CELERY_VISIBILITY_TIMEOUT seconds, found by the sweep each worker makes every ten seconds
# (throttle 1: every sweep scans; kombu's default scans every tenth). So the timeout is how
# long a killed render waits before it is retried, and it must exceed the longest task and
# the longest retry countdown (60 s), or a task still running or waiting is delivered twice.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=10)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
                                   "unacked_restore_throttle": 1}
CELERY_TIMEZONE = TIME_ZONE

# --- Security ---------------------------------------------------------------------------
# Production (DEBUG off) is HTTPS behind a reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/(ready/)?$"]  # probes inside the network speak plain HTTP
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
USE_X_FORWARDED_HOST = False


def _networks(name: str) -> list:
    """TRUSTED_PROXIES: addresses or networks; a bad item stops start-up naming it."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network.") \
                from None
    return networks


# The reverse proxies in front of the portal, as REMOTE_ADDR shows them. Only from these is
# X-Forwarded-For believed (unionportal.security.client_ip); none by default.
TRUSTED_PROXIES = _networks("TRUSTED_PROXIES")

# Content-Security-Policy (django-csp): scripts and styles only from our static files; no
# inline script, style attribute or event handler (tests/unionportal/test_csp.py checks the
# templates). img-src allows data: for the charts drawn as inline SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Login throttling (django-axes, unionportal/security.py): within LOGIN_COOLOFF_MINUTES of
# the last failure, LOGIN_FAILURE_LIMIT failures for one account from one address lock that
# pair, LOGIN_IP_FAILURE_LIMIT failures from one address lock the address.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 30, minimum=1)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # order matters there
AXES_HANDLER = "unionportal.security.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "unionportal.security.client_ip"
AXES_LOCKOUT_CALLABLE = "unionportal.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Health and housekeeping ------------------------------------------------------------
HEALTH_CHECK_TIMEOUT = env_int("HEALTH_CHECK_TIMEOUT", 2, minimum=1)  # seconds per component
JOB_FILE_RETENTION_DAYS = env_int("JOB_FILE_RETENTION_DAYS", 30, minimum=1)
# Kinds whose files are versions of a report (listed on its page) and are never purged.
JOB_FILES_KEPT_KINDS = env_list("JOB_FILES_KEPT_KINDS", ["annual_report", "annual_report_xlsx"])

# --- Logging ----------------------------------------------------------------------------
# Lines on stdout: JSON objects in production (unionportal/logs.py), plain text in
# development; both carry the request id set by unionportal.middleware.RequestIdMiddleware.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text.")
# The worker keeps this configuration instead of installing its own plain-text handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "unionportal.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "unionportal.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["request_id"], "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lock-outs, not every attempt's bookkeeping
        "fontTools": {"level": "WARNING"},
    },
}

