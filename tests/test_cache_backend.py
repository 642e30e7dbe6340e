"""The Redis cache backend production uses (CACHE_URL=redis://…), against the local Redis."""

import uuid

from network_site.core.cache import SharedClientRedisCache
from network_site.settings.environment import cache_from_url

REDIS_URL = "redis://127.0.0.1:6379/12"


def test_a_redis_cache_url_gives_the_shared_client_backend():
    assert cache_from_url(REDIS_URL) == {
        "BACKEND": "network_site.core.cache.SharedClientRedisCache",
        "LOCATION": REDIS_URL,
    }


def test_one_client_serves_every_call_and_the_cache_still_works():
    cache = SharedClientRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4()}"})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("any key") is client

    cache.set("page", {"html": "<p>Kept</p>"}, 30)
    cache.set_many({"a": 1, "b": 2}, 30)
    assert cache.get("page") == {"html": "<p>Kept</p>"}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert cache.incr("a") == 2
    assert cache.add("a", 5) is False
    cache.delete_many(["page", "a", "b"])
    assert cache.get_many(["page", "a", "b"]) == {}
    # Another process's backend (a new instance, its own pool) sees what this one stored.
    cache.set("shared", "yes", 30)
    other = SharedClientRedisCache(REDIS_URL, {"KEY_PREFIX": cache.key_prefix})
    assert other.get("shared") == "yes"
    other.delete("shared")
    assert cache._cache.get_client() is client
