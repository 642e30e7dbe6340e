"""The test suite: fast password hashing, mail kept in memory, tasks run at once."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test set-up makes every mailer locmem; the task still runs and fills mail.outbox.
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
WHITENOISE_USE_FINDERS = True
# Static files are looked up when asked for: otherwise every test client's middleware stats each of
# the thousands of files the finders list, a tenth of a second per test.
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
DEMO_ACCOUNTS_ENABLED = True
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# The content cache is on, as in production (each test starts with an empty cache); query-count
# tests turn it off with the `content_cache_off` fixture to count a page's own queries.
CONTENT_CACHE_SECONDS = 600
