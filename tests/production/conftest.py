"""The site run as production runs it: gunicorn, the task worker, PostgreSQL and Redis, each a
process of its own, driven over HTTP (`make test-production`; CI runs it).

The served site gets a database made afresh for the session (PRODUCTION_TEST_DATABASE_URL) and a
Redis database of its own (PRODUCTION_TEST_REDIS_URL; the rate limits the next one, or
PRODUCTION_TEST_RATELIMIT_REDIS_URL); servers listen on PRODUCTION_TEST_PORT and
the nine ports after it.
"""

import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
import pytest
import redis
from psycopg2 import sql

from network_site.settings.environment import next_redis_database
from tests.factories.membership import unused_demo_code

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "PRODUCTION_TEST_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/network_site_production_test",
)
REDIS_URL = os.environ.get("PRODUCTION_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
# The rate-limit counters' database (never the page cache's): by default the next one.
RATELIMIT_REDIS_URL = os.environ.get(
    "PRODUCTION_TEST_RATELIMIT_REDIS_URL", next_redis_database(REDIS_URL)
)
FIRST_PORT = int(os.environ.get("PRODUCTION_TEST_PORT", "8120"))
PORTS = list(range(FIRST_PORT, FIRST_PORT + 10))
SECRET_KEY = "production-test-only-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKL"
MEMBER = ("morag.campbell@example.org", "network-demo-member")
ADMIN = ("admin@example.org", "network-demo-admin")
MANAGE = [sys.executable, str(PROJECT_DIR / "manage.py")]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.production)


@pytest.fixture(scope="session")
def django_db_setup():
    """These tests talk to the served site's own database, never to pytest-django's."""


def recreate_database(url):
    address = urllib.parse.urlsplit(url)
    connection = psycopg2.connect(
        host=address.hostname, port=address.port or 5432, user=address.username, dbname="postgres"
    )
    connection.autocommit = True
    name = sql.Identifier(address.path.lstrip("/"))
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    connection.close()


def query(sql_text, *parameters):
    """One value from the served site's database."""
    address = urllib.parse.urlsplit(DATABASE_URL)
    connection = psycopg2.connect(
        host=address.hostname,
        port=address.port or 5432,
        user=address.username,
        dbname=address.path.lstrip("/"),
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql_text, parameters)
            row = cursor.fetchone()
            return row[0] if row else None
    finally:
        connection.close()


def base_environment():
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DATABASE_URL": DATABASE_URL,
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="session")
def site_files(tmp_path_factory):
    """A database with the demo content, static files collected, and a media folder."""
    workdir = tmp_path_factory.mktemp("production-site")
    recreate_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    redis.Redis.from_url(RATELIMIT_REDIS_URL).flushdb()
    development = {**base_environment(), "DJANGO_SETTINGS_MODULE": "network_site.settings.dev"}
    subprocess.run([*MANAGE, "migrate", "--no-input", "-v0"], env=development, check=True)
    subprocess.run(
        [*MANAGE, "load_demo_content"], env=development, check=True, stdout=subprocess.DEVNULL
    )
    static_root = workdir / "static"
    production = production_environment(workdir, site_url=f"http://127.0.0.1:{PORTS[0]}")
    production["STATIC_ROOT"] = str(static_root)
    subprocess.run([*MANAGE, "collectstatic", "--no-input", "-v0"], env=production, check=True)
    return workdir


def production_environment(workdir, site_url, **overrides):
    return {
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "network_site.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "CACHE_URL": REDIS_URL,
        "RATELIMIT_CACHE_URL": RATELIMIT_REDIS_URL,
        "SITE_URL": site_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": ",".join(f"http://127.0.0.1:{port}" for port in PORTS),
        "ALLOW_PLAIN_HTTP": "true",
        "SERVE_MEDIA": "true",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "WEB_CONCURRENCY": "1",
        **overrides,
    }


class Processes:
    """The processes a test starts, stopped (and their logs kept) when it ends."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.running = []

    def start(self, name, command, env):
        log = open(self.workdir / f"{name}.log", "w")  # noqa: SIM115 - closed in stop_all
        process = subprocess.Popen(
            command, env=env, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT
        )
        self.running.append((name, process, log))
        return process

    def web(self, name, port, env):
        process = self.start(
            name,
            [sys.executable, "-m", "gunicorn", "-c", str(PROJECT_DIR / "gunicorn.conf.py")],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )
        wait_until_healthy(f"http://127.0.0.1:{port}", process, self.workdir / f"{name}.log")
        return f"http://127.0.0.1:{port}"

    def worker(self, env):
        return self.start("worker", [*MANAGE, "db_worker", "--interval", "0.2"], env)

    def log(self, name):
        return (self.workdir / f"{name}.log").read_text()

    def stop_all(self):
        for _name, process, _log in self.running:
            process.terminate()
        for _name, process, log in self.running:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


@pytest.fixture(scope="session")
def s3_bucket():
    """moto's S3 server on 127.0.0.1 (never a real cloud), with an empty bucket: the environment
    that puts uploaded files there."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORTS[8], verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{PORTS[8]}"
    credentials = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(
        Bucket="network-media", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    yield {
        "AWS_STORAGE_BUCKET_NAME": "network-media",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-west-2",
        "AWS_QUERYSTRING_EXPIRE": "60",
        **credentials,
    }
    server.stop()


@pytest.fixture
def processes(site_files):
    started = Processes(site_files)
    yield started
    started.stop_all()


def wait_until_healthy(base_url, process, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"{base_url} did not become healthy; see {log_path}")
        time.sleep(0.3)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """A person with a browser's cookie jar, talking to one server or another. Every request says
    `Host: <the site's host>`, as a load balancer in front of several servers passes it on."""

    def __init__(self, site_host):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )
        self.site_host = site_host

    def cookie(self, name):
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def request(self, base_url, path, data=None):
        if data is not None:
            if self.cookie("csrftoken") is None:
                self.request(base_url, path)
            data = urllib.parse.urlencode(
                {**data, "csrfmiddlewaretoken": self.cookie("csrftoken")}, doseq=True
            ).encode()
        request = urllib.request.Request(base_url + path, data=data)
        request.add_header("Host", self.site_host)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def upload(self, base_url, path, content_type, body):
        request = urllib.request.Request(base_url + path, data=body)
        request.add_header("Host", self.site_host)
        request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def get(self, base_url, path):
        return self.request(base_url, path)

    def post(self, base_url, path, data):
        return self.request(base_url, path, data)

    def sign_in(self, base_url, email, password):
        status, headers, _body = self.post(
            base_url, "/accounts/login/", {"login": email, "password": password}
        )
        assert status == 302, f"signing in as {email} answered {status}"
        if headers.get("Location", "").endswith("/accounts/2fa/authenticate/"):
            # Staff: the code from the demo staff's authenticator app.
            code = unused_demo_code(email)
            status, headers, _body = self.post(
                base_url, "/accounts/2fa/authenticate/", {"code": code}
            )
            assert status == 302, f"the second step as {email} answered {status}"
        return headers
