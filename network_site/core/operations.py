"""What operations need from every process: a health check, and one log line per request and per
background task, on standard output (see LOGGING in settings/base.py)."""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

request_log = logging.getLogger("network_site.requests")
task_log = logging.getLogger("network_site.tasks")

HEALTH_PATH = "/healthz"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_answers():
    # The fail-soft Redis backend never raises: it says itself whether Redis answers.
    answers = getattr(cache, "answers", None)
    if answers is not None:
        return answers()
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"


def health_response():
    """200 while the site can answer; the cache is an accelerator, so without it the site is
    "degraded" (slower, still up), while without the database it is "unavailable" (503)."""
    checks = {"database": database_answers(), "cache": cache_answers()}
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


class OperationsMiddleware:
    """First in MIDDLEWARE. Answers /healthz before host checks and HTTPS redirects (a load
    balancer asks by IP address over plain HTTP), and logs one line for every other request:
    method, path, status, milliseconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            return health_response()
        started = time.monotonic()
        response = self.get_response(request)
        request_log.info(
            "%s %s %s %dms",
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def log_task_finished(sender, task_result, **kwargs):
    """One line per background task: its name, how it ended and how long it ran."""
    started, finished = task_result.started_at, task_result.finished_at
    milliseconds = (finished - started).total_seconds() * 1000 if started and finished else 0
    task_log.info("task %s %s %dms", task_result.task.name, task_result.status, milliseconds)
