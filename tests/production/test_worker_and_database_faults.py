"""Parts broken for real: a worker killed with SIGKILL while it sends, a database cut off from the
worker and from the web server (through a TCP proxy the test closes). Nothing is lost or sent twice, nothing answers 5xx but a
deliberate 503, everything recovers without a restart, and the operator is told."""

import asyncio
import contextlib
import email
import select
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email.policy import default as default_policy

import psycopg2
import pytest
from aiosmtpd.controller import Controller

from tests.factories.membership import join_form_data
from tests.production.conftest import (
    DATABASE_URL,
    MANAGE,
    MEMBER,
    PORTS,
    Visitor,
    production_environment,
    query,
)

WEB_PORT, DATABASE_PROXY_PORT, SMTP_PORT = PORTS[4], PORTS[6], PORTS[7]
TASKS_TABLE = "django_tasks_database_dbtaskresult"


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting {seconds} s for {what}")


def execute(sql_text, *parameters):
    """Changes the served site's database, as a worker killed at the wrong moment leaves it."""
    address = urllib.parse.urlsplit(DATABASE_URL)
    connection = psycopg2.connect(
        host=address.hostname,
        port=address.port or 5432,
        user=address.username,
        dbname=address.path.lstrip("/"),
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql_text, parameters)
    finally:
        connection.close()


def health(base_url, path):
    try:
        with urllib.request.urlopen(base_url + path, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:  # not listening (yet)
        return None


class DatabaseProxy:
    """A TCP proxy in front of PostgreSQL: `cut()` drops every connection and refuses new ones,
    as a database that stopped or became unreachable does; `restore()` lets them through again."""

    def __init__(self, port):
        target = urllib.parse.urlsplit(DATABASE_URL)
        self.target = (target.hostname, target.port or 5432)
        self.port = port
        self.lock = threading.Lock()
        self.sockets = []
        self.listener = None
        self.url = target._replace(netloc=f"{target.username}@127.0.0.1:{port}").geturl()

    def restore(self):
        listener = socket.create_server(("127.0.0.1", self.port))
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self.pipe, args=(client, server), daemon=True).start()

    def pipe(self, one, other):
        pair = {one: other, other: one}
        try:
            while True:
                readable, _, _ = select.select(list(pair), [], [], 1)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    pair[source].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for end in (one, other):
                end.close()

    def cut(self):
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
        self.listener.close()
        with self.lock:
            for end in self.sockets:
                with contextlib.suppress(OSError):  # the other end may have gone already
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.sockets.clear()


@pytest.fixture
def database_proxy():
    proxy = DatabaseProxy(DATABASE_PROXY_PORT)
    proxy.restore()
    yield proxy
    proxy.cut()


class HeldThenAccepted:
    """An SMTP server that holds the first message to RECIPIENT until the test lets go (then
    answers "try again later": its sender is dead by then), and accepts every later one. Mail to
    anyone else (queued by the tests before this one, on the same site) is accepted and not
    counted."""

    def __init__(self):
        self.first_arrived = threading.Event()
        self.let_go = threading.Event()
        self.accepted = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        if RECIPIENT not in envelope.rcpt_tos:
            return "250 2.0.0 Accepted"
        if not self.first_arrived.is_set():
            self.first_arrived.set()
            while not self.let_go.is_set():
                await asyncio.sleep(0.1)
            return "451 4.3.0 Try again later"
        self.accepted.append((str(message["Message-ID"]), tuple(envelope.rcpt_tos)))
        return "250 2.0.0 Accepted"


RECIPIENT = "killed.worker@example.org"


@pytest.fixture
def held_mail_server():
    handler = HeldThenAccepted()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield handler
    handler.let_go.set()
    controller.stop()


def smtp_environment(site_files, **overrides):
    return production_environment(
        site_files,
        site_url=f"http://127.0.0.1:{WEB_PORT}",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        EMAIL_TIMEOUT="30",
        EMAIL_RETRY_DELAYS="1,1,2,4",
        **overrides,
    )


def ask_to_join(site, address):
    status, _headers, _body = Visitor(site.removeprefix("http://")).post(
        site, "/join/", join_form_data(email=address)
    )
    assert status == 302


def test_a_worker_killed_while_sending_leaves_nothing_stuck_and_nothing_sent_twice(
    processes, site_files, held_mail_server
):
    env = smtp_environment(site_files, TASKS_STUCK_AFTER_SECONDS="3")
    site = processes.web("web-killed-worker", WEB_PORT, env)
    first_worker = processes.start(
        "worker-killed", [*MANAGE, "db_worker", "--interval", "0.2"], env
    )

    ask_to_join(site, RECIPIENT)
    assert held_mail_server.first_arrived.wait(60), processes.log("worker-killed")
    first_worker.send_signal(signal.SIGKILL)
    first_worker.wait(10)
    held_mail_server.let_go.set()
    running = f"SELECT id::text FROM {TASKS_TABLE} WHERE status = 'RUNNING'"
    task_id = query(running)
    assert task_id, "the killed worker's task should be marked running"

    processes.start("worker-after-kill", [*MANAGE, "db_worker", "--interval", "0.2"], env)
    wait_for(lambda: held_mail_server.accepted, 60, "the mail, once the task was recovered")
    log = wait_for(
        lambda: (
            "SUCCESSFUL" in processes.log("worker-after-kill")
            and processes.log("worker-after-kill")
        ),
        30,
        "the task's line",
    )
    assert f"Task deliver_email {task_id} was still marked running" in log
    assert "it is back in the queue" in log
    assert query(f"SELECT count(*) FROM {TASKS_TABLE} WHERE status = 'RUNNING'") == 0

    # Killed again, this time after the mail server accepted the message but before the task was
    # marked done: the task runs a second time and does not send again.
    execute(
        f"UPDATE {TASKS_TABLE} SET status = 'RUNNING', started_at = now() - interval '1 hour' "
        "WHERE id = %s",
        task_id,
    )
    wait_for(
        lambda: "Not sending email task" in processes.log("worker-after-kill"),
        30,
        "the second run of the task",
    )
    time.sleep(2)
    assert len(held_mail_server.accepted) == 1, held_mail_server.accepted
    assert query(f"SELECT status FROM {TASKS_TABLE} WHERE id = %s", task_id) == "SUCCESSFUL"
    log = processes.log("worker-after-kill")
    assert "killed.worker@" not in log and "to example.org" in log


def test_the_worker_rides_out_a_database_outage_and_its_health_check_tells(
    processes, site_files, database_proxy
):
    mail_folder = site_files / "mail-database-outage"
    env = production_environment(
        site_files,
        site_url=f"http://127.0.0.1:{WEB_PORT}",
        EMAIL_FILE_PATH=str(mail_folder),
        WORKER_HEARTBEAT_SECONDS="1",
        WORKER_MISSING_AFTER_SECONDS="3",
        TASKS_LATE_AFTER_SECONDS="3",
    )
    site = processes.web("web-worker-outage", WEB_PORT, env)
    worker = processes.start(
        "worker-outage",
        [*MANAGE, "db_worker", "--interval", "0.2"],
        {**env, "DATABASE_URL": database_proxy.url},
    )
    wait_for(lambda: health(site, "/healthz/worker") == 200, 60, "the worker's heartbeat")

    database_proxy.cut()
    ask_to_join(site, "database.outage@example.org")  # the web server still reaches the database
    wait_for(lambda: health(site, "/healthz/worker") == 503, 20, "/healthz/worker to say so")
    with urllib.request.urlopen(site + "/healthz", timeout=5) as response:
        assert response.status == 200  # the web servers are fine: the load balancer keeps them
    time.sleep(4)
    assert worker.poll() is None, processes.log("worker-outage")
    assert "Database unavailable" in processes.log("worker-outage")
    assert not mail_folder.exists() or not list(mail_folder.iterdir())

    database_proxy.restore()
    wait_for(lambda: mail_folder.exists() and list(mail_folder.iterdir()), 60, "the mail")
    wait_for(lambda: health(site, "/healthz/worker") == 200, 30, "the worker to be healthy")
    assert worker.poll() is None
    assert "Database available again" in processes.log("worker-outage")


def test_signed_in_pages_say_try_again_in_a_minute_while_the_database_is_cut_off(
    processes, site_files, database_proxy
):
    env = production_environment(
        site_files,
        site_url=f"http://127.0.0.1:{WEB_PORT}",
        DATABASE_URL=database_proxy.url,
    )
    site = processes.web("web-database-outage", WEB_PORT, env)
    host = site.removeprefix("http://")
    visitor, member = Visitor(host), Visitor(host)
    assert visitor.get(site, "/")[0] == 200
    member.sign_in(site, *MEMBER)
    assert member.get(site, "/stories/mine/")[0] == 200

    database_proxy.cut()
    answers = [member.get(site, "/stories/mine/") for _ in range(10)]
    for status, headers, body in answers:
        assert status == 503
        assert headers["Retry-After"] == "60"
        assert "Please try again in a minute" in body
        assert headers["X-Request-ID"] in body  # the reference a member can quote
    # A stored public page is served only once the database says it is still live and public
    # (docs/performance.md): without a database, visitors are asked to try again too.
    status, headers, body = visitor.get(site, "/")
    assert status == 503 and headers["Retry-After"] == "60"

    database_proxy.restore()
    wait_for(lambda: member.get(site, "/stories/mine/")[0] == 200, 30, "the member's page")
    log = processes.log("web-database-outage")
    assert " 503 " in log
    # The same error's traceback is written once; the repeats are counted, not written again.
    assert log.count("Service Unavailable: /stories/mine/") == 1, log[-5000:]
    assert log.count("psycopg2.OperationalError: connection to server") == 1
