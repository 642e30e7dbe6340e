"""Local development: SQLite by default, mail written to sent-mail/ as .eml files, a fixed
development key."""

from .base import *  # noqa: F403
from .environment import EML_BACKEND, cache_from_url, env_bool, env_str, mailer_from_env

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str(
    "SECRET_KEY", "dev-only-key-never-used-in-production-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
DEMO_ACCOUNTS_ENABLED = True
# Static files straight from the source folders, so no collectstatic is needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Each email as one readable .eml file in sent-mail/ (EMAIL_FILE_PATH), unless EMAIL_BACKEND says.
# Only the "delivery" mailer changes: every message still goes through the mail task.
MAILERS["delivery"] = mailer_from_env(default_backend=EML_BACKEND)  # noqa: F405
# Caches every process on this machine shares (the server, the worker, a management command), so
# that a change made from a command purges what the served site keeps, at once; the rate-limit
# counters in a folder of their own, so that emptying the pages never empties them.
CACHE_FOLDER = BASE_DIR / ".cache"  # noqa: F405
CACHES = {
    "default": cache_from_url(
        env_str("RATELIMIT_CACHE_URL", f"file://{CACHE_FOLDER / 'limits'}"), name="rate-limits"
    ),
    "pages": cache_from_url(env_str("CACHE_URL", f"file://{CACHE_FOLDER / 'pages'}")),
}
# Security keys over plain http://127.0.0.1 (browsers allow WebAuthn on localhost).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
