"""What operations need from every process: a health check, and one log line per request and per
background task, on standard output (see LOGGING in settings/base.py)."""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from redis import RedisError

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
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except (RedisError, OSError):
        return False


def health_response():
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    response = JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if answered else "no answer" for name, answered in checks.items()},
        },
        status=200 if healthy else 503,
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
