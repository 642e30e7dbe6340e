"""What operations need from every process: health checks, and one log line per request and per
background task, on standard output (see LOGGING in settings/base.py and log_context.py)."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django_tasks.base import TaskResultStatus

from .log_context import (
    NO_ID,
    REQUEST_ID_HEADER,
    current_request_id,
    current_task_id,
    new_request_id,
)

request_log = logging.getLogger("network_site.requests")
task_log = logging.getLogger("network_site.tasks")

HEALTH_PATH = "/healthz"
WORKER_HEALTH_PATH = "/healthz/worker"
# Paths the middleware answers before URL routing (the permission matrix asks them too).
PATHS_ANSWERED_BEFORE_ROUTING = (HEALTH_PATH, WORKER_HEALTH_PATH)
# A task may end successfully with this key in its return value to say what it did instead of
# its work (a mail put back for a later attempt): the task's log line says that, not SUCCESSFUL.
TASK_OUTCOME_KEY = "outcome"
DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_answers(alias):
    # The fail-soft Redis backends never raise: they say themselves whether Redis answers.
    cache = caches[alias]
    answers = getattr(cache, "answers", None)
    if answers is not None:
        return answers()
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"


def health_response():
    """200 while the site can answer; the caches are accelerators (the pages' cache) or fall back
    to each process's memory (the rate-limit counters), so without them the site is "degraded"
    (slower, still up), while without the database it is "unavailable" (503)."""
    checks = {
        "database": database_answers(),
        "cache": cache_answers(settings.VISITOR_PAGE_CACHE_ALIAS),
        "rate_limits": cache_answers("default"),
    }
    if not checks["database"]:
        status, code = "unavailable", 503
    elif not all(checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = JsonResponse(
        {"status": status, **{name: "ok" if up else "no answer" for name, up in checks.items()}},
        status=code,
    )
    add_never_cache_headers(response)
    return response


def worker_health_response():
    """For the process manager and monitoring: 503 when no worker has recorded a heartbeat lately,
    or when a task due to run has waited too long (the worker is down, stuck or too slow)."""
    from .worker import last_heartbeat, oldest_waiting_task

    if settings.TASKS["default"]["BACKEND"] != DATABASE_TASKS_BACKEND:
        response = JsonResponse({"status": "ok", "worker": "not used: tasks run at once"})
        add_never_cache_headers(response)
        return response
    now = timezone.now()
    try:
        beat_at = last_heartbeat()
        waiting_since = oldest_waiting_task()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "no answer"}, status=503)
        add_never_cache_headers(response)
        return response
    missing = beat_at is None or now - beat_at > timedelta(
        seconds=settings.WORKER_MISSING_AFTER_SECONDS
    )
    late = waiting_since is not None and now - waiting_since > timedelta(
        seconds=settings.TASKS_LATE_AFTER_SECONDS
    )
    healthy = not missing and not late
    response = JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "worker": "no heartbeat" if missing else "ok",
            "last_heartbeat": beat_at.isoformat() if beat_at else None,
            "queue": "late" if late else "ok",
            "oldest_waiting_seconds": int((now - waiting_since).total_seconds())
            if waiting_since
            else 0,
        },
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response


class OperationsMiddleware:
    """First in MIDDLEWARE. Answers /healthz and /healthz/worker before host checks and HTTPS
    redirects (a load balancer asks by IP address over plain HTTP). Gives every other request an
    id (the proxy's X-Request-ID if it sent one), sent back in the same header and written on
    every log line the request causes, and logs one line for it: method, path, status,
    milliseconds, client address, user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            return health_response()
        if request.path == WORKER_HEALTH_PATH:
            return worker_health_response()
        request.request_id = current_request_id.get()
        if request.request_id == NO_ID:  # a request that did not come through a handler
            request.request_id = new_request_id()
            current_request_id.set(request.request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        request_log.info(
            "%s %s %s %dms client=%s user=%s",
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
            client_address(request),
            signed_in_user_id(request),
        )
        return response


def start_request_context(sender, environ=None, **kwargs):
    """From Django's request_started to request_finished, every line carries the request's id:
    Django's own lines about the response (a 404's warning) are written outside the middleware."""
    offered = (environ or {}).get("HTTP_" + REQUEST_ID_HEADER.upper().replace("-", "_"))
    current_request_id.set(new_request_id(offered))


def end_request_context(sender, **kwargs):
    current_request_id.set(NO_ID)


def client_address(request):
    """The address the proxy in front says the request came from (the last it added to
    X-Forwarded-For), else the connection's."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "-")


def signed_in_user_id(request):
    """The user's id when the request was signed in and the view looked (a page served from the
    visitors' cache never loads the session); "-" otherwise."""
    user = getattr(request, "user", None)
    if user is None:
        return NO_ID
    try:
        return user.pk if user.is_authenticated else NO_ID
    except DatabaseError:
        return NO_ID


def record_task_origin(sender, task_result, **kwargs):
    """A task queued for the worker by a request keeps the request's id (TaskOrigin)."""
    from .models import TaskOrigin

    request_id = current_request_id.get()
    if request_id != NO_ID and sender.__module__.startswith("django_tasks_db"):
        TaskOrigin.objects.create(task_id=task_result.id, request_id=request_id)


def enter_task_context(sender, task_result, **kwargs):
    """In the worker, every line while a task runs names the task and the request that queued
    it; a task run at once (development, tests) keeps the request's id."""
    from .models import TaskOrigin

    current_task_id.set(str(task_result.id))
    if sender.__module__.startswith("django_tasks_db"):
        origin = (
            TaskOrigin.objects.filter(task_id=task_result.id)
            .values_list("request_id", flat=True)
            .first()
        )
        current_request_id.set(origin or NO_ID)


def log_task_finished(sender, task_result, **kwargs):
    """One line per background task: its name, how it ended and how long it ran."""
    started, finished = task_result.started_at, task_result.finished_at
    milliseconds = (finished - started).total_seconds() * 1000 if started and finished else 0
    task_log.info("task %s %s %dms", task_result.task.name, task_outcome(task_result), milliseconds)
    current_task_id.set(NO_ID)
    if sender.__module__.startswith("django_tasks_db"):
        current_request_id.set(NO_ID)


def task_outcome(task_result):
    if task_result.status == TaskResultStatus.SUCCESSFUL:
        returned = task_result.return_value
        if isinstance(returned, dict) and TASK_OUTCOME_KEY in returned:
            return returned[TASK_OUTCOME_KEY]
    return task_result.status
