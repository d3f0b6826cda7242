"""Settings for bench/reading_bench.py: production-like (DEBUG off), plus a trivial view."""

from newsreader.settings import *  # noqa: F403

ROOT_URLCONF = "reading_urls"
ALLOWED_HOSTS = ["testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The manifest needs collectstatic; the benchmark measures views, not static files.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
