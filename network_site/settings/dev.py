"""Local development: SQLite by default, mail printed to the console, a fixed development key."""

from .base import *  # noqa: F403
from .environment import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str(
    "SECRET_KEY", "dev-only-key-never-used-in-production-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
DEMO_ACCOUNTS_ENABLED = True
# Static files straight from the source folders, so no collectstatic is needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
