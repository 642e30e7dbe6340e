"""Browser tests: a real copy of the site served on 127.0.0.1 and driven by Debian's Chromium.

The server is a separate `manage.py runserver` over its own SQLite file (or DATABASE_URL), loaded with
the demo content, with DEBUG off so that error pages are the real ones. Mail goes to files that tests
can read, as a person would read their inbox.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.accessibility_checks import (
    RESULTS_FILE,
    TESTS,
    outcome_record,
    results_document,
)
from tests.factories.membership import unused_demo_code

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Flags for a closed network: no background fetches that the machine would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
    # The accessibility checks collected, for the test that the committed statement names them all.
    if plan_file := os.environ.get("ACCESSIBILITY_PLAN"):
        planned = [
            outcome_record(item, "planned")
            for item in items
            if getattr(item, "originalname", None) in TESTS
        ]
        Path(plan_file).write_text(json.dumps(results_document(planned), indent=1))


# Each accessibility check's outcome in this run, written to RESULTS_FILE at the end for the
# accessibility statement (see tests/browser/accessibility_checks.py).
accessibility_results = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if getattr(item, "originalname", None) not in TESTS:
        return report
    if hasattr(report, "wasxfail"):
        accessibility_results[item.nodeid] = outcome_record(item, "known problem", report.wasxfail)
    elif report.failed or (
        item.nodeid not in accessibility_results
        and (report.skipped or (report.when == "call" and report.passed))
    ):
        accessibility_results[item.nodeid] = outcome_record(item, report.outcome)
    return report


def pytest_sessionfinish(session):
    if accessibility_results:
        RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        document = results_document(accessibility_results.values())
        RESULTS_FILE.write_text(json.dumps(document, indent=1) + "\n")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def django_db_setup():
    """Browser tests talk to the served site, never to pytest-django's test database."""


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("served-site")
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network_site.settings.dev",
        "DJANGO_DEBUG": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(workdir / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'site.sqlite3'}")
    if env["DATABASE_URL"].startswith("postgres"):
        # A database of its own, so the served site never shares one with the test suite.
        env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + "/network_site_browser"
        subprocess.run(
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", "network_site_browser"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "network_site_browser"], check=True
        )
    manage = [sys.executable, str(PROJECT_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([*manage, "load_demo_content"], env=env, check=True, stdout=subprocess.DEVNULL)

    port = free_port()
    log = open(workdir / "server.log", "w")  # noqa: SIM115 - open for the whole session
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base_url + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise RuntimeError(
                    f"The site did not start; see {workdir / 'server.log'}"
                ) from None
            time.sleep(0.3)
    yield {"url": base_url, "mail_dir": mail_dir, "env": env, "workdir": workdir}
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


def axe_violations(browser_page):
    """Runs axe-core in the page, WCAG 2.2 AA rules only; returns its violations."""
    browser_page.evaluate(AXE_SOURCE.read_text())
    results = browser_page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return results["violations"]


def assert_accessible(browser_page):
    violations = axe_violations(browser_page)
    summary = [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in violations
    ]
    assert violations == [], json.dumps(summary, indent=2)


def read_mail(mail_dir):
    """Every message the served site has sent, oldest first, as text."""
    return [path.read_text() for path in sorted(mail_dir.glob("*.log"), key=os.path.getmtime)]


def sign_in(page, base_url, email, password, next_path=""):
    """Signs in through the site's own sign-in page, as a person would; staff then type the code
    their authenticator app shows (the demo staff's app has DEMO_TOTP_SECRET)."""
    page.goto(base_url + "/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.get_by_label("Code").fill(unused_demo_code(email))
        page.get_by_role("button", name="Sign in").click()
