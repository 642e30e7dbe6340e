import subprocess
import sys

import pytest
from django.test import override_settings

from tests.browser.conftest import PROJECT_DIR

pytestmark = pytest.mark.django_db


def test_missing_page_gets_the_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "ds_site-header" in html
    assert "design-system.min.css" in html


def test_server_error_page_stands_alone(rf):
    from network_site.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_public_pages_send_security_headers(client, home_page):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "base-uri" in directives
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_admin_gets_its_own_policy(client, home_page):
    response = client.get("/admin/login/")
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_every_header_name_is_a_plain_string(client, home_page, path):
    """WSGI servers (wsgiref under runserver, for one) refuse a header named by anything but a
    plain str, such as the enum Django names its CSP header by: the page then answers 500."""
    response = client.get(path)
    assert [name for name, _ in response.items() if type(name) is not str] == []


def run_production_settings(extra_env):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='network_site.settings.production';"
        "django.setup(); from django.conf import settings;"
        "print(settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)"
    )
    env = {"PATH": "/usr/bin:/bin", **extra_env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_production_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_turn_on_hsts_and_secure_cookies():
    result = run_production_settings(
        {
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "example.org",
            # What production refuses to run without (tests/test_operations.py).
            "CACHE_URL": "redis://127.0.0.1:6379/12",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        }
    )
    assert result.returncode == 0, result.stderr
    hsts_seconds, session_secure, csrf_secure, ssl_redirect = result.stdout.split()
    assert int(hsts_seconds) >= 31536000
    assert (session_secure, csrf_secure, ssl_redirect) == ("True", "True", "True")


@override_settings(DEBUG=False)
def test_static_design_system_is_served(client, home_page):
    response = client.get("/static/design-system/css/design-system.min.css")
    assert response.status_code == 200
