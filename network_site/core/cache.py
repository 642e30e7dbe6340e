"""Django's Redis cache backend, as an accelerator that may be away.

When Redis does not answer (refused, reset, timed out), a read is a miss and a write is dropped, so
pages render from the database and members sign in and book as usual. After a failure the backend
does not try Redis again for `RETRY_AFTER_SECONDS`, so requests meanwhile do not each wait for a
connection timeout, and it logs one warning a minute at most, not a traceback per request.
`FailSoftRedisCache.answers()` tells /healthz whether Redis answers now.

Only the backend's public methods are wrapped; Django's client and connection pool are its own.
"""

import logging
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0
HEALTH_KEY = "healthz"
UNANSWERED = (RedisConnectionError, RedisTimeoutError, OSError)


class Outage:
    """When Redis last failed to answer in this process, shared by its backend instances (one a
    thread), and when that was last logged."""

    def __init__(self) -> None:
        self.retry_at = 0.0
        self.warned_at = -WARN_EVERY_SECONDS
        self.misses = 0

    def waiting(self) -> bool:
        return time.monotonic() < self.retry_at

    def failed(self, error: Exception, location: str) -> None:
        now = time.monotonic()
        self.retry_at = now + RETRY_AFTER_SECONDS
        self.misses += 1
        if now - self.warned_at >= WARN_EVERY_SECONDS:
            logger.warning(
                "Cache at %s does not answer (%s): serving without it, %d call(s) missed; "
                "retrying every %.0f seconds.",
                location,
                error.__class__.__name__,
                self.misses,
                RETRY_AFTER_SECONDS,
            )
            self.warned_at = now
            self.misses = 0


OUTAGES: dict[str, Outage] = {}


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # Named in the log without any password the address holds.
        addresses = [urlsplit(url) for url in ([server] if isinstance(server, str) else server)]
        self.location = ",".join(
            f"{address.hostname}:{address.port or 6379}{address.path}" for address in addresses
        )
        self.outage = OUTAGES.setdefault(self.location, Outage())

    def attempt(self, call, *args, unanswered=None, **kwargs):
        if self.outage.waiting():
            return unanswered
        try:
            return call(*args, **kwargs)
        except UNANSWERED as error:
            self.outage.failed(error, self.location)
            return unanswered

    def answers(self) -> bool:
        """Whether Redis answers now, whatever the back-off (for /healthz)."""
        try:
            super().set(HEALTH_KEY, "ok", 10)
            answered = super().get(HEALTH_KEY) == "ok"
        except UNANSWERED:
            return False
        if answered:
            self.outage.retry_at = 0.0
        return answered

    def get(self, key, default=None, version=None):
        return self.attempt(super().get, key, default, version, unanswered=default)

    def get_many(self, keys, version=None):
        return self.attempt(super().get_many, keys, version, unanswered={})

    def has_key(self, key, version=None):
        return self.attempt(super().has_key, key, version, unanswered=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # As a dropped set: reporting "not added" would tell a caller using it as a lock
        # (allauth's rate limits) that someone else holds it, and refuse every request.
        return self.attempt(super().add, key, value, timeout, version, unanswered=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(super().set_many, data, timeout, version, unanswered=list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(super().touch, key, timeout, version, unanswered=False)

    def incr(self, key, delta=1, version=None):
        # As for a key that is not there: callers then set it, which is dropped too.
        found = self.attempt(super().incr, key, delta, version, unanswered=ValueError)
        if found is ValueError:
            raise ValueError(f"Key {key!r} not found (the cache does not answer).")
        return found

    def delete(self, key, version=None):
        return self.attempt(super().delete, key, version, unanswered=False)

    def delete_many(self, keys, version=None):
        return self.attempt(super().delete_many, keys, version)

    def clear(self):
        return self.attempt(super().clear, unanswered=False)


class FailSafeRedisCache(FailSoftRedisCache):
    """The store of counters that must keep counting: allauth's rate limits, used authenticator
    codes, the scheduler's locks (the "default" alias).

    Redis when it answers. While it does not, each call is answered from this process's memory
    instead of as a miss, so sign-in stays limited (per process) and never fails. Counts kept in
    memory meanwhile are not copied to Redis when it is back."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"counters-while-{self.location}-is-away", {})

    def attempt(self, call, *args, unanswered=None, **kwargs):
        if not self.outage.waiting():
            try:
                return call(*args, **kwargs)
            except UNANSWERED as error:
                self.outage.failed(error, self.location)
        return getattr(self.fallback, call.__name__)(*args, **kwargs)

    def clear(self):
        self.fallback.clear()
        return super().clear()
