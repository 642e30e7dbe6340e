"""Django's Redis cache backend, with one redis-py client per connection pool.

Django builds a new `redis.Redis` for every cache call, and building one (it fills a table of about
170 response callbacks) took a quarter of the time of a page served from the visitor page cache. A
client can be shared: it takes a connection from its pool for each command.
"""

import logging
import time
from urllib.parse import urlsplit

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Redis] = {}

    def get_client(self, key=None, *, write: bool = False) -> Redis:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


class FailSafeRedisCache(SharedClientRedisCache):
    """The store of counters that must keep counting: allauth's rate limits, used authenticator
    codes, the scheduler's locks (the "default" alias).

    Redis when it answers. When it does not (refused, or no answer within the socket timeout), each
    call is answered from this process's memory instead, and Redis is not asked again for
    RETRY_AFTER_SECONDS, so a request never waits on it twice: sign-in stays limited, per process,
    and never fails. One warning a minute says so. Counts kept in memory meanwhile are not copied to
    Redis when it is back.
    """

    RETRY_AFTER_SECONDS = 5.0
    WARNING_EVERY_SECONDS = 60.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"rate-limits-fallback-{id(self)}", {})
        address = urlsplit(server)  # named in the warning without any password it holds
        self.described = f"{address.hostname}:{address.port or 6379}{address.path}"
        self.redis_down_until = 0.0
        self.last_warning_at = -self.WARNING_EVERY_SECONDS

    def through_redis_or_memory(self, method, *args, **kwargs):
        now = time.monotonic()
        if now >= self.redis_down_until:
            try:
                return getattr(super(), method)(*args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError) as error:
                self.redis_down_until = now + self.RETRY_AFTER_SECONDS
                if now - self.last_warning_at >= self.WARNING_EVERY_SECONDS:
                    self.last_warning_at = now
                    logger.warning(
                        "Rate-limit store %s does not answer (%s): counting in this process's "
                        "memory until it does",
                        self.described,
                        error,
                    )
        return getattr(self.fallback, method)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self.through_redis_or_memory("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self.through_redis_or_memory("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self.through_redis_or_memory("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self.through_redis_or_memory("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self.through_redis_or_memory("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self.through_redis_or_memory("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self.through_redis_or_memory("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self.through_redis_or_memory("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self.through_redis_or_memory("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self.through_redis_or_memory("delete_many", *args, **kwargs)

    def clear(self):
        self.fallback.clear()
        return self.through_redis_or_memory("clear")
