"""What every log line carries, and how often a traceback is written (see LOGGING in settings).

Each line names the request that caused it (the id the site gives every request, sent back in the
X-Request-ID header and shown on the error page) and, in the worker, the task it is running: a task
queued by a request carries that request's id, so one id finds every line a request caused.
"""

import logging
import re
import threading
import time
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
# An id the proxy in front already gave the request is kept, if it looks like one.
ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
NO_ID = "-"

current_request_id: ContextVar[str] = ContextVar("current_request_id", default=NO_ID)
current_task_id: ContextVar[str] = ContextVar("current_task_id", default=NO_ID)


def new_request_id(offered: str | None = None) -> str:
    if offered and ACCEPTED_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class ContextFilter(logging.Filter):
    """Adds `request_id` and `task_id` to every record, for the formatter."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        record.task_id = current_task_id.get()
        return True


class UTCFormatter(logging.Formatter):
    """Times in UTC, with the zone written: 2026-12-08T01:02:03.456+00:00."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        seconds = time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created))
        return f"{seconds}.{int(record.msecs):03d}+00:00"


class RepeatedTracebackFilter(logging.Filter):
    """The same error (same exception type raised at the same line) is written in full once; while
    it keeps happening, one line a minute says how many more times it did, without the traceback.
    After an hour without it, the next one is written in full again. The count for a minute is
    written with the first occurrence after that minute."""

    def __init__(self, name="", window_seconds=60, forget_after_seconds=3600):
        super().__init__(name)
        self.window_seconds = window_seconds
        self.forget_after_seconds = forget_after_seconds
        self.lock = threading.Lock()
        # error -> [start of the current minute, occurrences held back in it, last seen]
        self.seen: dict[tuple, list] = {}

    def filter(self, record):
        if not record.exc_info or record.exc_info[1] is None:
            return True
        error = error_key(record)
        now = time.monotonic()
        with self.lock:
            state = self.seen.get(error)
            if state is None or now - state[2] > self.forget_after_seconds:
                self.seen[error] = [now, 0, now]
                return True
            state[2] = now
            if now - state[0] < self.window_seconds:
                state[1] += 1
                return False
            held_back = state[1] + 1
            state[0], state[1] = now, 0
        exception = record.exc_info[1]
        message = record.getMessage()
        record.msg = "%s (%d more times since the last report; traceback written once): %s: %s"
        record.args = (message, held_back, type(exception).__name__, exception)
        record.exc_info = None
        record.exc_text = None
        return True


def error_key(record):
    exception = record.exc_info[1]
    traceback = exception.__traceback__
    while traceback is not None and traceback.tb_next is not None:
        traceback = traceback.tb_next
    where = (traceback.tb_frame.f_code.co_filename, traceback.tb_lineno) if traceback else ("", 0)
    return (record.name, type(exception).__qualname__, *where)
