"""Newsreader settings, all driven by the environment.

DATABASE_URL   sqlite:///path/to/file.sqlite3 (default: db.sqlite3 beside manage.py)
               or postgres://user:password@host:port/name
SECRET_KEY     required when DEBUG is off
DEBUG          1/0, true/false, yes/no, on/off (default: on, for a newcomer's first run)
ALLOWED_HOSTS  comma-separated host names
CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://news.example.org
SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_PROXY_SSL_HEADER  production HTTPS knobs
STATIC_ROOT    where collectstatic gathers the static files (default: staticfiles beside manage.py)
LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES  failed logins per (username, IP) before a lockout,
               and how long it lasts (default: 10, 30)
API_TOKEN_DAYS how long a new personal API token is valid (default: 90)
TASKS_BACKEND  database (a queue in the database, run by manage.py db_worker) or immediate (in
               the request); default: database with DEBUG off, immediate with DEBUG on
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}"
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}") from None


def env_positive_int(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be 1 or more; got {value}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Turn a DATABASE_URL into a Django DATABASES entry (SQLite or PostgreSQL)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative.sqlite3 and sqlite:////absolute/path.sqlite3
        path = unquote(parts.path)[1:] if parts.path.startswith("/") else unquote(parts.path)
        if not path:
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r} names no file; use sqlite:///db.sqlite3 "
                "or sqlite:////absolute/path.sqlite3"
            )
        name = Path(path) if Path(path).is_absolute() else BASE_DIR / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                # Writers queue instead of failing with "database is locked": a transaction takes
                # the write lock when it begins (not when it first writes, where SQLite cannot
                # wait), and a connection waits up to 20 s for it. WAL lets readers go on
                # meanwhile; it is a property of the file and stays once set. With WAL, NORMAL
                # never corrupts the file; a power cut may lose the last commits.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            },
        }
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r} names no database; use postgres://user@host:5432/name"
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} has an invalid port") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL {url!r} is not understood: it must start with sqlite:// or postgres://"
    )


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if "://" not in _origin:
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries need a scheme, like https://{_origin}; got {_origin!r}"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "axes",  # login throttling (newsreader/auth.py)
    "csp",  # its system checks for CONTENT_SECURITY_POLICY
    "django_tasks",  # background jobs: the admin's seed imports (articles/tasks.py)
    "django_tasks_db",  # their queue in the database, and manage.py db_worker
    "articles",
    "annotations",
    "newsreader",  # its system checks (newsreader/checks.py)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "newsreader.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the form: too many files get a reason, not a bare 400.
    "newsreader.middleware.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login but those marked @login_not_required (login, language switch).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# axes' backend first: it refuses a locked-out login before the password is checked. The API's
# bearer tokens never pass through authenticate() (annotations.services.token_authenticate).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_positive_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_positive_int("LOGIN_LOCKOUT_MINUTES", 30))
# Per (username, IP): a stranger guessing someone's password from elsewhere does not lock out
# the owner, and one address cannot try many names.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsreader.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsreader.auth.client_ip"  # the client's address behind the proxy
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept for the admin, not only the count

# Content-Security-Policy (django-csp): scripts and styles from our own static files only, no
# inline script, style attribute or event handler; json_script data is not script and is read.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "newsreader.urls"

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
                "annotations.context_processors.activity",
            ],
        },
    },
]

WSGI_APPLICATION = "newsreader.wsgi.application"

DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# The cache of the HTML the reading pages show every reader alike (articles/shared.py). Its keys
# name the revisions of what a page shows, so a page is never stale in any process, whichever
# backend. CACHE_URL chooses it:
# - unset or "locmem": a cache in each process (each renders a page once); MAX_ENTRIES bounds
#   memory: a page is 20-30 kB, a list's row (20 a page, shared.rows) about 1 kB; 5,000
#   entries are at most about 60 MB a process;
# - "database": Django's database cache in the table newsreader_cache (created by
#   `manage.py createcachetable`, which make serve runs): shared by every process and server
#   with no new service; whole pages only (its writes are one key at a time, see shared.rows);
# - "redis://host:6379/0": Redis or Valkey (pip install redis), for larger sites.
def cache_from_url(url: str) -> dict:
    if url in ("", "locmem"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsreader",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if url == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsreader_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    if url.startswith(("redis://", "rediss://", "valkey://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url.replace("valkey://", "redis://", 1),
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must be locmem, database or redis://host:port/db, not {url!r}"
    )


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "").strip())}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:list"
LOGOUT_REDIRECT_URL = "login"

# Background jobs (articles/tasks.py). "database": enqueued in the database, run by any number
# of `manage.py db_worker` processes on any machine; "immediate": run inside the request that
# enqueues them, no worker needed (a developer's `make run`, the tests).
_TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "").strip() or (
    "immediate" if DEBUG else "database"
)
if _tasks_backend not in _TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASKS_BACKENDS)}; got {_tasks_backend!r}"
    )
TASKS = {"default": {"BACKEND": _TASKS_BACKENDS[_tasks_backend]}}

# A personal API token stops working this many days after it was made.
API_TOKEN_LIFETIME = timedelta(days=env_positive_int("API_TOKEN_DAYS", 90))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / (os.environ.get("STATIC_ROOT") or "staticfiles")
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

# Uploaded seed files are read in memory up to this size (the admin import page).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # A load balancer or monitor probes /healthz over plain HTTP, past the proxy.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One handler, on the root logger. Django's own "django" logger has a console handler of its
# own (for DEBUG) and propagates to the root too, which printed every line twice: here it only
# propagates.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# Mail: password reset needs it. Without EMAIL_HOST the reset page says so instead of claiming
# a mail was sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsreader@localhost")
PASSWORD_RESET_BY_MAIL = bool(EMAIL_HOST)
