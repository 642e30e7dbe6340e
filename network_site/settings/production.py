"""Production: every secret from the environment, HTTPS only, uploaded files served elsewhere."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_bool, env_int, env_str, same_redis_database

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

DEBUG = False
# Tasks (mail, indexing) are stored in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
DEMO_ACCOUNTS_ENABLED = False

# Persistent database connections (a new PostgreSQL connection per request halves throughput),
# checked before each request reuses one.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

VISITOR_PAGE_CACHE_SECONDS = env_int("VISITOR_PAGE_CACHE_SECONDS", 600)

STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# What a real deployment must share or send, refused here with what to set instead.
if any(
    cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    for cache in CACHES.values()  # noqa: F405
):
    raise ImproperlyConfigured(
        "CACHE_URL must name a cache that every server process shares, for example "
        "CACHE_URL=redis://127.0.0.1:6379/0. A per-process memory cache (locmem://, the default) "
        "would let each process count sign-in attempts and keep cached pages on its own."
    )
if same_redis_database(CACHES["default"]["LOCATION"], CACHES["pages"]["LOCATION"]):  # noqa: F405
    raise ImproperlyConfigured(
        "RATELIMIT_CACHE_URL must name another Redis database than CACHE_URL (for example "
        "CACHE_URL=redis://127.0.0.1:6379/0 and RATELIMIT_CACHE_URL=redis://127.0.0.1:6379/1): "
        "the page cache's database evicts keys when full, and would evict the sign-in counters."
    )
if MAILERS["delivery"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend":  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must deliver mail in production: set "
        "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, "
        "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS. The console backend (the "
        "default) only prints messages to the log."
    )
if TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend":
    raise ImproperlyConfigured(
        "TASKS_BACKEND must store tasks for the worker in production: leave it unset or set "
        "TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker`. The "
        "immediate backend sends mail inside the request, where a refusing server loses it."
    )

# ALLOW_PLAIN_HTTP=true: only to try production settings on your own machine over http://
# (`make serve-production`); never on a server people use.
ALLOW_PLAIN_HTTP = env_bool("ALLOW_PLAIN_HTTP", False)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not ALLOW_PLAIN_HTTP)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if ALLOW_PLAIN_HTTP else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = not ALLOW_PLAIN_HTTP
CSRF_COOKIE_SECURE = not ALLOW_PLAIN_HTTP
SESSION_COOKIE_HTTPONLY = True
# Production runs behind the one reverse proxy the runbook prescribes (TRUSTED_PROXY_COUNT=0 when
# nothing stands in front; 2 behind a CDN and a proxy).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
