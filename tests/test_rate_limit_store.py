"""Rate-limit counters live where the page cache can never evict them, and keep counting (per
process) when their Redis does not answer: sign-in stays limited and never answers 500."""

import logging
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from network_site.core import cache as cache_backends
from network_site.core.cache import FailSafeRedisCache
from network_site.settings.environment import next_redis_database, rate_limit_cache_from_env
from tests.factories.membership import PASSWORD, MemberFactory

FAIL_SAFE = "network_site.core.cache.FailSafeRedisCache"
THREE_A_MINUTE = {"login_failed": "3/m/ip"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def guess(client, number):
    return client.post(
        reverse("account_login"),
        {"login": f"guess{number}@example.org", "password": "wrong-guess"},
    )


def limited(response):
    return response.status_code == 200 and "Too many" in response.content.decode()


# Where the counters live.


def test_the_counters_and_the_page_cache_are_two_caches():
    assert settings.VISITOR_PAGE_CACHE_ALIAS == "pages"
    assert caches["default"] is not caches["pages"]
    caches["pages"].set("page", "kept")
    caches["default"].clear()
    assert caches["pages"].get("page") == "kept"


def test_the_counters_get_the_next_redis_database_unless_named(monkeypatch):
    monkeypatch.delenv("RATELIMIT_CACHE_URL", raising=False)
    entry = rate_limit_cache_from_env("redis://127.0.0.1:6379/0")
    assert entry["BACKEND"] == FAIL_SAFE
    assert entry["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert next_redis_database("redis://cache.internal:6380") == "redis://cache.internal:6380/1"
    assert next_redis_database("rediss://:secret@cache.internal:6380/4") == (
        "rediss://:secret@cache.internal:6380/5"
    )

    monkeypatch.setenv("RATELIMIT_CACHE_URL", "redis://limits.internal:6379/0")
    assert rate_limit_cache_from_env("redis://127.0.0.1:6379/0")["LOCATION"] == (
        "redis://limits.internal:6379/0"
    )


def production_settings_error(**environment):
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        **environment,
    }
    env.pop("RATELIMIT_CACHE_URL", None)
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", "import network_site.settings.production"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    return result.stderr


def test_production_refuses_counters_in_the_page_caches_database():
    error = production_settings_error(
        CACHE_URL="redis://127.0.0.1:6379/2", RATELIMIT_CACHE_URL="redis://127.0.0.1:6379/2"
    )
    assert "RATELIMIT_CACHE_URL must name another Redis database" in error
    assert production_settings_error(CACHE_URL="redis://127.0.0.1:6379/2") == ""


@pytest.mark.django_db
def test_emptying_the_page_cache_leaves_sign_in_counters_alone(client, home_page, settings):
    """A full page cache evicts, and a purge empties it: neither may forget failed sign-ins."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, **THREE_A_MINUTE}
    for number in range(3):
        guess(client, number)

    caches["pages"].clear()

    assert limited(guess(client, 9))


@pytest.mark.django_db
def test_the_counters_are_in_the_rate_limit_store(client, home_page, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, **THREE_A_MINUTE}
    for number in range(3):
        guess(client, number)
    assert limited(guess(client, 8))

    caches["default"].clear()

    assert not limited(guess(client, 9))


# Redis that does not answer.


@pytest.fixture
def redis_server():
    """A Redis server of this test's own, on a free port, that the test may stop."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    process = subprocess.Popen(command + ["--appendonly", "no"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield {"url": f"redis://127.0.0.1:{port}/0", "process": process}
    if process.poll() is None:
        process.kill()
        process.wait()


def counters_at(url):
    return {"default": {"BACKEND": FAIL_SAFE, "LOCATION": url, "OPTIONS": {"socket_timeout": 0.5}}}


def test_with_nothing_listening_the_store_answers_from_memory(caplog):
    store = FailSafeRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})
    with caplog.at_level(logging.WARNING, logger="network_site.core.cache"):
        assert store.add("lock", True, 10) is True
        assert store.add("lock", True, 10) is False
        store.set("history", [1.0, 2.0], 60)
        assert store.get("history") == [1.0, 2.0]
        store.delete("lock")
        assert store.get("lock") is None
    warnings = [record for record in caplog.records if "does not answer" in record.message]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_sign_in_stays_limited_and_never_fails_while_redis_is_down(
    home_page, settings, redis_server, caplog, monkeypatch
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, **THREE_A_MINUTE}
    monkeypatch.setattr(cache_backends, "RETRY_AFTER_SECONDS", 0.5)
    member = MemberFactory()
    with override_settings(CACHES={**settings.CACHES, **counters_at(redis_server["url"])}):
        guesser = Client()
        guess(guesser, 1)
        assert any(b"allauth" in key for key in redis_keys(redis_server["url"]))

        redis_server["process"].kill()
        redis_server["process"].wait()
        with caplog.at_level(logging.WARNING, logger="network_site.core.cache"):
            started = time.monotonic()
            answers = [guess(guesser, number) for number in range(2, 6)]
            took = time.monotonic() - started

            # Counted in this process from the outage on: three failures, then refused.
            assert [response.status_code for response in answers] == [200] * 4
            assert [limited(response) for response in answers] == [False] * 3 + [True]
            assert took < 4  # no request waits out a timeout twice
            # A member, elsewhere, still signs in.
            member_client = Client(REMOTE_ADDR="198.51.100.7")
            member_client.post(
                reverse("account_login"), {"login": member.email, "password": PASSWORD}
            )
            assert member_client.session["_auth_user_id"] == str(member.pk)
        warnings = [record for record in caplog.records if "does not answer" in record.message]
        assert len(warnings) == 1


def redis_keys(url):
    from redis import Redis

    return Redis.from_url(url).keys("*")
