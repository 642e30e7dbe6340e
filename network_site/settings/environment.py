"""Small readers for configuration that comes from the environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of: {', '.join(sorted(TRUE_WORDS | FALSE_WORDS))}"
    )


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int_list(name, default=""):
    items = env_list(name, default)
    try:
        return [int(item) for item in items]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must be whole numbers separated by commas, not {os.environ.get(name)!r}"
        ) from error


def env_site_url(name, default):
    """An http(s) address with a host and nothing after it, without a trailing slash."""
    value = env_str(name, default).strip().rstrip("/")
    address = urlsplit(value)
    if address.scheme not in ("http", "https") or not address.hostname or address.path:
        raise ImproperlyConfigured(
            f"{name} must be the site's public address, like https://network.example.org "
            f"(http or https, a host name, an optional port, no path), not {value!r}"
        )
    return value


# A Redis that does not answer costs a request at most this long before the cache counts a miss
# (and then backs off: network_site/core/cache.py).
REDIS_TIMEOUT_SECONDS = 0.25


def cache_from_url(url, name="pages"):
    """A CACHES entry: Redis for redis://, a folder that every process on the machine shares for
    file:///absolute/path, one process's memory for locmem:// (one store per `name`: two aliases
    in local memory must not share one)."""
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "network_site.core.cache.FailSoftRedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    if url.startswith("file:///"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
        }
    if url in ("", "locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis:// or file:/// or be locmem://, not {url!r}"
    )


# The rate-limit store gives up on a Redis that does not answer within this many seconds (and
# counts in the process's memory meanwhile), so that sign-in never hangs on it.
RATE_LIMIT_REDIS_TIMEOUT_SECONDS = 0.5


def rate_limit_cache_from_env(cache_url):
    """The CACHES entry for allauth's rate limits (and the other counters that must not be evicted:
    used authenticator codes, the scheduler's locks): RATELIMIT_CACHE_URL, else the next Redis
    database after CACHE_URL's (redis://host:6379/0 -> /1), else local memory.

    On Redis it is the fail-safe backend: while Redis does not answer, it counts in the process's
    memory (network_site/core/cache.py)."""
    url = os.environ.get("RATELIMIT_CACHE_URL", "").strip() or next_redis_database(cache_url)
    if not url.startswith(("redis://", "rediss://")):
        return cache_from_url(url, name="rate-limits")
    return {
        "BACKEND": "network_site.core.cache.FailSafeRedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "socket_connect_timeout": RATE_LIMIT_REDIS_TIMEOUT_SECONDS,
            "socket_timeout": RATE_LIMIT_REDIS_TIMEOUT_SECONDS,
        },
    }


def next_redis_database(url):
    """redis://host:port/N -> the same server's database N + 1 (no N: 0, so 1); anything else as
    it is."""
    if not url.startswith(("redis://", "rediss://")):
        return url
    address = urlsplit(url)
    path = address.path.strip("/")
    try:
        database = int(path or 0)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"CACHE_URL must end with a Redis database number, like /0, not {url!r}"
        ) from error
    return address._replace(path=f"/{database + 1}").geturl()


def same_redis_database(first, second):
    def place(url):
        address = urlsplit(url)
        return (address.hostname, address.port or 6379, int(address.path.strip("/") or 0))

    redis = ("redis://", "rediss://")
    return first.startswith(redis) and second.startswith(redis) and place(first) == place(second)


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


EML_BACKEND = "network_site.core.eml_backend.EmlFileBackend"


def mailer_from_env(default_backend="django.core.mail.backends.console.EmailBackend"):
    """The default MAILERS entry: EMAIL_BACKEND picks the backend, the other EMAIL_* its options."""
    backend = env_str("EMAIL_BACKEND", default_backend)
    options = {}
    if backend == SMTP_BACKEND:
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        }
    elif backend in (FILE_BACKEND, EML_BACKEND):
        options = {"file_path": env_str("EMAIL_FILE_PATH", "sent-mail")}
    return {"BACKEND": backend, "OPTIONS": options}


def media_storage_from_env():
    """A STORAGES["default"] entry for S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set
    (AWS_S3_ENDPOINT_URL for a provider other than Amazon), else None: the local disk."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            # Private objects: reached only through signed URLs that expire.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600),
            "file_overwrite": False,
        },
    }


def frontend_cache_from_env(environ):
    """WAGTAILFRONTENDCACHE from FRONTEND_CACHE_PURGE_URL (Varnish, nginx: HTTP PURGE), the
    Cloudflare zone and token, or a CloudFront distribution; {} when none is set."""
    caches = {}
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        caches["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
        caches["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        }
    if environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        caches["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return caches
