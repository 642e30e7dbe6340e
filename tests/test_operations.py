"""Operations: /healthz, one log line per request and per task, sitemap.xml and robots.txt, and
production settings that refuse what cannot work on more than one process."""

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from wagtail.models import PageViewRestriction

from network_site.core.mail import send_email
from network_site.settings.environment import cache_from_url
from tests.factories.core import StandardPageFactory

REPOSITORY = Path(django_settings.BASE_DIR)
SITE = "https://network.example.org"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "rate_limits": "ok",
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_the_cache_is_down_and_the_site_still_serves(
    client, settings, home_page, caplog
):
    """The cache is an accelerator: without it pages render from the database (so the load
    balancer keeps the server: 200, "degraded"), with one warning, not a traceback a request."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": cache_from_url(f"redis://127.0.0.1:{closed_port()}/5"),
    }
    settings.VISITOR_PAGE_CACHE_SECONDS = 300
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "no answer",
        "rate_limits": "ok",
    }
    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            assert client.get("/").status_code == 200
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len([r for r in caplog.records if "does not answer" in r.getMessage()]) <= 1


@pytest.mark.django_db
def test_healthz_answers_a_load_balancer_asking_by_ip_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["network.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
    # Every other path still checks the host.
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400


@pytest.mark.django_db
def test_one_log_line_per_request(client, home_page, caplog):
    with caplog.at_level("INFO", logger="network_site.requests"):
        client.get("/robots.txt")
        client.get("/no-such-page/")
    lines = [record.getMessage() for record in caplog.records if record.name.endswith("requests")]
    assert len(lines) == 2
    method, path, status, milliseconds, client, user = lines[0].split()
    assert (method, path, status) == ("GET", "/robots.txt", "200")
    assert milliseconds.endswith("ms") and milliseconds[:-2].isdigit()
    assert (client, user) == ("client=127.0.0.1", "user=-")
    assert lines[1].startswith("GET /no-such-page/ 404 ")


@pytest.mark.django_db
def test_one_log_line_per_task(caplog):
    context = {
        "story": {"title": "A story"},
        "teller": {"first_name": "Morag", "get_username": "morag"},
        "story_url": "http://testserver/",
    }
    with caplog.at_level("INFO", logger="network_site.tasks"):
        send_email("stories/story_approved", ["teller@example.org"], context)
    lines = [record.getMessage() for record in caplog.records if record.name.endswith("tasks")]
    assert len(lines) == 1
    assert lines[0].startswith("task deliver_email SUCCESSFUL ")


def test_logs_go_to_standard_output():
    handler = django_settings.LOGGING["handlers"]["stdout"]
    assert handler["stream"] == "ext://sys.stdout"


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap(client, settings):
    settings.SITE_URL = SITE
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /accounts/" in text


@pytest.mark.django_db
def test_the_sitemap_lists_public_live_pages_only_on_the_site_address(
    client, home_page, settings, django_assert_max_num_queries
):
    settings.SITE_URL = SITE
    StandardPageFactory(parent=home_page, slug="about", title="About")
    members = StandardPageFactory(parent=home_page, slug="members-area", title="Members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=members, slug="inner", title="Inner")
    draft = StandardPageFactory(parent=home_page, slug="draft", title="Draft")
    draft.unpublish()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<loc>{SITE}/</loc>" in xml
    assert f"<loc>{SITE}/about/</loc>" in xml
    for hidden in ("members-area", "inner", "draft", "testserver", "localhost"):
        assert hidden not in xml


def production_settings_error(**overrides):
    """Imports the production settings in a fresh process with .env.example's values."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for line in (REPOSITORY / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            environment[key] = value.strip('"')
    environment.update(overrides, DJANGO_SETTINGS_MODULE="network_site.settings.production")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stderr


def test_production_settings_load_with_the_example_values():
    returncode, stderr = production_settings_error()
    assert returncode == 0, stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"CACHE_URL": "locmem://"},
            "CACHE_URL must name a cache that every server process shares",
        ),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "EMAIL_BACKEND must deliver mail in production",
        ),
        (
            {"TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
            "TASKS_BACKEND must store tasks for the worker",
        ),
        ({"SITE_URL": "network.example.org"}, "SITE_URL must be the site's public address"),
    ],
)
def test_production_settings_refuse_what_cannot_work_and_say_what_to_set(overrides, message):
    returncode, stderr = production_settings_error(**overrides)
    assert returncode != 0
    assert message in stderr
