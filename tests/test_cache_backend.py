"""The Redis cache backend production uses (CACHE_URL=redis://…): Django's own, which counts a
miss, without waiting or a traceback, when Redis does not answer."""

import logging
import time
import uuid

import pytest

from network_site.core import cache as cache_module
from network_site.core.cache import FailSoftRedisCache
from network_site.settings.environment import REDIS_TIMEOUT_SECONDS, cache_from_url

REDIS_URL = "redis://127.0.0.1:6379/5"
# Nothing listens here (this suite's own Redis port, started only by the production tests).
SILENT_REDIS_URL = "redis://127.0.0.1:6385/0"


def backend(url, **params):
    entry = cache_from_url(url)
    return FailSoftRedisCache(entry["LOCATION"], {"OPTIONS": entry["OPTIONS"], **params})


def test_a_redis_cache_url_gives_the_fail_soft_backend_with_short_timeouts():
    entry = cache_from_url(REDIS_URL)
    assert entry["BACKEND"] == "network_site.core.cache.FailSoftRedisCache"
    assert entry["OPTIONS"]["socket_timeout"] == REDIS_TIMEOUT_SECONDS
    assert entry["OPTIONS"]["socket_connect_timeout"] == REDIS_TIMEOUT_SECONDS


def test_a_file_cache_url_gives_a_cache_every_process_shares(tmp_path):
    entry = cache_from_url(f"file://{tmp_path}")
    assert entry == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path),
    }


def test_the_cache_works_against_redis():
    cache = backend(REDIS_URL, KEY_PREFIX=f"test-{uuid.uuid4()}")
    cache.set("page", {"html": "<p>Kept</p>"}, 30)
    cache.set_many({"a": 1, "b": 2}, 30)
    assert cache.get("page") == {"html": "<p>Kept</p>"}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert cache.incr("a") == 2
    assert cache.add("a", 5) is False
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.answers()
    cache.delete_many(["page", "a", "b"])
    assert cache.get_many(["page", "a", "b"]) == {}


@pytest.fixture
def fresh_outages(monkeypatch):
    monkeypatch.setattr(cache_module, "OUTAGES", {})


@pytest.mark.usefixtures("fresh_outages")
def test_redis_not_answering_is_a_miss_with_one_warning_and_a_back_off(caplog):
    cache = backend(SILENT_REDIS_URL)
    with caplog.at_level(logging.WARNING, logger="network_site.core.cache"):
        assert cache.get("page") is None
        assert cache.get("page", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set("page", "x", 30) is None
        assert cache.add("page", "x", 30) is True
        with pytest.raises(ValueError):
            cache.incr("generation")
        cache.delete("page")
        started = time.monotonic()
        for _ in range(200):
            cache.get("page")
        # Backing off: no connection attempt (nor a timeout) for each call.
        assert time.monotonic() - started < 0.5
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "does not answer" in warnings[0].getMessage()
    assert not any(record.exc_info for record in caplog.records)
    assert cache.answers() is False


@pytest.mark.usefixtures("fresh_outages")
def test_after_the_back_off_redis_is_tried_again(monkeypatch):
    cache = backend(REDIS_URL, KEY_PREFIX=f"test-{uuid.uuid4()}")
    cache.outage.failed(ConnectionError("gone"), cache.location)
    cache.set("kept", "yes", 30)  # dropped: backing off
    assert cache.get("kept") is None
    monkeypatch.setattr(cache_module, "RETRY_AFTER_SECONDS", 0.0)
    cache.outage.retry_at = 0.0
    cache.set("kept", "yes", 30)
    assert cache.get("kept") == "yes"
    cache.delete("kept")
