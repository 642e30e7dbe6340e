"""What the operator sees and what the worker keeps: request ids on every line, UTC times,
tracebacks written once and then counted, mail that is never sent twice and is not called
SUCCESSFUL when it was only put back for later, stuck tasks put back in the queue, the worker's
health, and the "try again in a minute" page when the database does not answer.
(tests/production/ breaks the real processes: a worker killed, a database cut off.)"""

import io
import logging
import re
import signal
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from network_site.core import schedule
from network_site.core.log_context import (
    REQUEST_ID_HEADER,
    RepeatedTracebackFilter,
    UTCFormatter,
    current_request_id,
)
from network_site.core.mail import deliver_email, send_email
from network_site.core.models import HandedOverEmail, TaskOrigin, WorkerHeartbeat
from network_site.core.views import server_error
from network_site.core.worker import ResilientWorker, recover_stuck_tasks
from tests.factories.stories import make_member

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
APPROVED_STORY = {
    "story": {"title": "Tea & toast"},
    "teller": {"first_name": "Morag", "get_username": "morag"},
    "story_url": "http://testserver/",
}


@pytest.fixture
def site_log():
    """Everything the site's stdout handler writes during the test, as the operator reads it."""
    handler = logging.getLogger("network_site").handlers[0]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


def run_one_task(worker_id="test"):
    """Claims and runs the next task as the worker does (its loop needs transactions of its own:
    tests/production runs it as a process)."""
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id=worker_id,
    )
    queued = DBTaskResult.objects.ready().get()
    queued.claim(worker.worker_id)
    worker.run_task(queued)
    return DBTaskResult.objects.get(pk=queued.pk)


@pytest.mark.django_db
def test_every_line_a_request_causes_carries_its_id_which_comes_back_as_a_header(
    client, home_page, site_log
):
    response = client.get("/no-such-page/")
    request_id = response[REQUEST_ID_HEADER]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = [line for line in site_log.getvalue().splitlines() if line]
    assert len(lines) == 2, lines  # the request's line and Django's "Not Found" warning
    assert all(f" request={request_id} " in line for line in lines), lines
    # UTC, with the zone written.
    assert all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00 ", line) for line in lines)

    # An id the proxy in front gave is kept; one that does not look like an id is not.
    assert client.get("/", HTTP_X_REQUEST_ID="lb-1234abcd")[REQUEST_ID_HEADER] == "lb-1234abcd"
    refused = client.get("/", HTTP_X_REQUEST_ID="<script>")[REQUEST_ID_HEADER]
    assert refused != "<script>" and re.fullmatch(r"[0-9a-f]{32}", refused)


@pytest.mark.django_db
def test_the_request_line_names_the_proxys_client_address_and_the_signed_in_user(
    client, home_page, site_log
):
    member = make_member("logged.member")
    client.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    client.force_login(member)
    client.get("/")
    visitor_line, member_line = [
        line for line in site_log.getvalue().splitlines() if "GET /" in line
    ]
    assert visitor_line.endswith(" client=203.0.113.9 user=-")
    assert member_line.endswith(f" client=127.0.0.1 user={member.pk}")


def test_times_are_utc_with_the_zone_written():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "message", None, None)
    record.created = 0.25
    record.msecs = 250
    assert UTCFormatter("%(asctime)s").format(record) == "1970-01-01T00:00:00.250+00:00"


def raise_the_same_error():
    return 1 / 0


def test_the_same_traceback_is_written_once_then_counted_each_minute():
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    throttle = RepeatedTracebackFilter(window_seconds=0.3)
    handler.addFilter(throttle)
    log = logging.getLogger("tests.repeated")
    log.addHandler(handler)
    log.propagate = False
    try:
        for _ in range(50):
            try:
                raise_the_same_error()
            except ZeroDivisionError:
                log.exception("Internal Server Error: /")
        time.sleep(0.35)
        try:
            raise_the_same_error()
        except ZeroDivisionError:
            log.exception("Internal Server Error: /")
        try:
            {}["another error"]
        except KeyError:
            log.exception("Internal Server Error: /")
    finally:
        log.removeHandler(handler)
    text = written.getvalue()
    assert text.count("Traceback (most recent call last)") == 2  # the first of each error
    assert "Internal Server Error: / (50 more times since the last report" in text
    assert "ZeroDivisionError: division by zero" in text


@pytest.mark.django_db
def test_a_mail_task_run_twice_sends_once(settings, site_log):
    settings.TASKS = DATABASE_TASKS
    send_email("stories/story_approved", ["teller@example.org"], APPROVED_STORY)
    message = DBTaskResult.objects.get().args_kwargs["kwargs"]["message"]
    assert re.fullmatch(r"<[^@<>]+@[^@<>]+>", message["message_id"])

    deliver_email.call(message=message)
    deliver_email.call(message=message)  # its worker was killed before it marked the task done

    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == message["message_id"]
    assert HandedOverEmail.objects.filter(message_id=message["message_id"]).count() == 1
    text = site_log.getvalue()
    assert "Not sending email task - to example.org again" in text
    # Mail lines name the recipients' domain, never the address.
    assert "teller@" not in text


@pytest.mark.django_db
def test_sent_message_records_are_forgotten_once_no_task_can_run_them_again(settings):
    settings.EMAIL_HANDED_OVER_KEPT_DAYS = 30
    now = timezone.now()
    old = HandedOverEmail.objects.create(message_id="<old@example.org>")
    recent = HandedOverEmail.objects.create(message_id="<recent@example.org>")
    HandedOverEmail.objects.filter(pk=old.pk).update(handed_over_at=now - timedelta(days=31))
    HandedOverEmail.objects.filter(pk=recent.pk).update(handed_over_at=now - timedelta(days=29))

    out = io.StringIO()
    call_command("prune_handed_over_emails", stdout=out)

    assert list(HandedOverEmail.objects.values_list("message_id", flat=True)) == [
        "<recent@example.org>"
    ]
    assert "1 sent message record(s) forgotten." in out.getvalue()
    assert "prune_handed_over_emails" in schedule.registered_jobs()


@pytest.mark.django_db
def test_a_mail_put_back_for_later_is_not_logged_as_successful(settings, site_log):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = {
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    send_email("stories/story_approved", ["teller@example.org"], APPROVED_STORY)
    first = run_one_task()

    assert first.status == "SUCCESSFUL"
    retry = DBTaskResult.objects.get(status="READY")
    task_lines = [line for line in site_log.getvalue().splitlines() if "network_site.tasks" in line]
    assert len(task_lines) == 1
    assert f"task deliver_email RETRY QUEUED as task {retry.id}" in task_lines[0]
    assert "SUCCESSFUL" not in task_lines[0]
    assert f" task={first.id} " in task_lines[0]
    assert "example.org" in site_log.getvalue() and "teller@" not in site_log.getvalue()


@pytest.mark.django_db
def test_a_task_queued_by_a_request_logs_with_the_requests_id(settings, site_log):
    settings.TASKS = DATABASE_TASKS
    token = current_request_id.set("request-from-the-web-1")
    try:
        send_email("stories/story_approved", ["teller@example.org"], APPROVED_STORY)
    finally:
        current_request_id.reset(token)
    assert TaskOrigin.objects.get().request_id == "request-from-the-web-1"

    ran = run_one_task()

    worker_lines = [line for line in site_log.getvalue().splitlines() if f"task={ran.id}" in line]
    assert any("Sent email task" in line for line in worker_lines)
    assert any("task deliver_email SUCCESSFUL" in line for line in worker_lines)
    assert all("request=request-from-the-web-1 " in line for line in worker_lines)
    ran.delete()
    assert not TaskOrigin.objects.exists()


@pytest.mark.django_db
def test_tasks_stuck_as_running_go_back_to_the_queue_and_the_operator_is_told(settings, site_log):
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_STUCK_AFTER_SECONDS = 600
    send_email("stories/story_approved", ["stuck@example.org"], APPROVED_STORY)
    send_email("stories/story_approved", ["busy@example.org"], APPROVED_STORY)
    stuck, busy = DBTaskResult.objects.order_by("enqueued_at")
    for task_result in (stuck, busy):
        task_result.claim("killed-worker")
    DBTaskResult.objects.filter(pk=stuck.pk).update(
        started_at=timezone.now() - timedelta(seconds=601)
    )

    assert recover_stuck_tasks() == 1

    assert DBTaskResult.objects.get(pk=stuck.pk).status == "READY"
    assert DBTaskResult.objects.get(pk=busy.pk).status == "RUNNING"
    assert f"Task deliver_email {stuck.id} was still marked running" in site_log.getvalue()
    assert "killed-worker" in site_log.getvalue()


@pytest.mark.django_db
def test_worker_health_says_when_no_worker_beats_or_tasks_wait_too_long(client, settings):
    assert client.get("/healthz/worker").json()["worker"] == "not used: tasks run at once"
    settings.TASKS = DATABASE_TASKS

    response = client.get("/healthz/worker")
    assert response.status_code == 503
    assert response.json()["worker"] == "no heartbeat"
    assert "no-store" in response["Cache-Control"]

    worker = ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="healthy-worker",
    )
    worker.beat()
    assert client.get("/healthz/worker").status_code == 200

    send_email("stories/story_approved", ["late@example.org"], APPROVED_STORY)
    assert client.get("/healthz/worker").status_code == 200
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=6))
    response = client.get("/healthz/worker")
    assert response.status_code == 503
    assert response.json()["queue"] == "late"

    worker.forget_heartbeat()
    assert not WorkerHeartbeat.objects.exists()


def test_a_database_that_does_not_answer_gets_try_again_in_a_minute():
    request = RequestFactory().get("/members/")
    request.request_id = "a1b2c3d4e5"
    try:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "try again in a minute" in text
    assert "a1b2c3d4e5" in text

    try:
        raise_the_same_error()
    except ZeroDivisionError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "a1b2c3d4e5" in response.content.decode()


def test_a_second_sigterm_lets_the_current_task_finish_and_says_so(caplog):
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="finishing-worker",
    )
    worker.running_task = True
    with caplog.at_level("WARNING", logger="network_site.worker"):
        worker.shutdown(signal.SIGTERM, None)
        worker.shutdown(signal.SIGTERM, None)  # returns: the task is not cut short
    assert worker.running is False
    first, second = [record.getMessage() for record in caplog.records]
    assert first == "Received SIGTERM: finishing the current task, then stopping"
    assert second.startswith("Received SIGTERM again: still finishing the current task")

    worker.running_task = False  # between tasks it stops at once
    with pytest.raises(SystemExit):
        worker.shutdown(signal.SIGTERM, None)
