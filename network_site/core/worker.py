"""The task worker (`manage.py db_worker`): django_tasks_db's worker, made to keep going.

- When the database goes away it waits and tries again, 1, 2, 4 … up to 30 seconds apart, instead
  of exiting; it logs one line per attempt and one when the database answers again.
- Every WORKER_HEARTBEAT_SECONDS it records that it is alive (WorkerHeartbeat), which
  `/healthz/worker` reads.
- At start-up, and every minute after, tasks marked running for longer than
  TASKS_STUCK_AFTER_SECONDS (their worker was killed, or lost the database mid-task) go back to the
  queue, with a warning naming each. A mail task run again does not send twice (see mail.py).
- SIGTERM (or Ctrl+C) lets the current task finish and then stops; a second one does not cut the
  task short, it only says so. SIGKILL stops at once, and the task then goes back to the queue.
"""

import logging
import os
import signal
import socket
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import WorkerHeartbeat

logger = logging.getLogger("network_site.worker")

# What a database that is down or unreachable raises (a refused connection, a server that closed it).
DATABASE_GONE = (OperationalError, InterfaceError)
LONGEST_WAIT_SECONDS = 30
STUCK_CHECK_SECONDS = 60


def recover_stuck_tasks():
    """Puts tasks marked running for longer than TASKS_STUCK_AFTER_SECONDS back in the queue, and
    says which. Returns how many."""
    limit = timezone.now() - timedelta(seconds=settings.TASKS_STUCK_AFTER_SECONDS)
    stuck = list(
        DBTaskResult.objects.running()
        .filter(started_at__lt=limit)
        .values_list("id", "task_path", "worker_ids", "started_at")
    )
    for task_id, task_path, worker_ids, started_at in stuck:
        recovered = (
            DBTaskResult.objects.running()
            .filter(id=task_id, started_at=started_at)
            .update(status=TaskResultStatus.READY)
        )
        if recovered:
            logger.warning(
                "Task %s %s was still marked running %s after it started on worker %s; "
                "it is back in the queue",
                task_path.rsplit(".", 1)[-1],
                task_id,
                timezone.now() - started_at,
                worker_ids[-1] if worker_ids else "-",
            )
    return len(stuck)


def last_heartbeat():
    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def oldest_waiting_task():
    """When the longest-waiting task that is due was queued (None when none is)."""
    return (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )


class ResilientWorker(Worker):
    """django_tasks_db's Worker with a run loop that survives the database going away, beats, and
    recovers stuck tasks. Claiming and running a task is the library's own code."""

    def __init__(self, **options):
        super().__init__(**options)
        self.next_heartbeat = 0.0
        self.next_stuck_check = 0.0

    def shutdown(self, signum, frame):
        name = signal_name(signum)
        if self.running_task:
            if self.running:
                logger.warning("Received %s: finishing the current task, then stopping", name)
            else:
                logger.warning(
                    "Received %s again: still finishing the current task, then stopping "
                    "(SIGKILL stops at once; the task then goes back to the queue after "
                    "TASKS_STUCK_AFTER_SECONDS)",
                    name,
                )
            self.running = False
            return
        logger.info("Received %s: stopping", name)
        self.running = False
        sys.exit(0)

    def run(self):
        logger.info(
            "Worker %s started (pid %d) on queues %s",
            self.worker_id,
            os.getpid(),
            ",".join(self.queue_names),
        )
        try:
            self.run_until_stopped()
        finally:
            self.forget_heartbeat()
            logger.info("Worker %s stopped", self.worker_id)

    def run_until_stopped(self):
        failures = 0
        while self.running:
            try:
                self.look_after_the_queue()
                ran_a_task = self.run_next_task()
            except DATABASE_GONE as error:
                failures += 1
                wait = min(2 ** (failures - 1), LONGEST_WAIT_SECONDS)
                logger.warning(
                    "Database unavailable (%s); trying again in %d s (attempt %d)",
                    first_line(error),
                    wait,
                    failures,
                )
                close_connections()
                time.sleep(wait)
                continue
            if failures:
                logger.info("Database available again after %d failed attempt(s)", failures)
                failures = 0
            if self.batch and not ran_a_task:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and not ran_a_task:
                time.sleep(self.interval)

    def look_after_the_queue(self):
        now = time.monotonic()
        if now >= self.next_heartbeat:
            self.beat()
            self.next_heartbeat = now + settings.WORKER_HEARTBEAT_SECONDS
        if now >= self.next_stuck_check:
            recover_stuck_tasks()
            self.next_stuck_check = now + min(
                STUCK_CHECK_SECONDS, settings.TASKS_STUCK_AFTER_SECONDS
            )

    def run_next_task(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def beat(self):
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"beat_at": now, "hostname": socket.gethostname(), "pid": os.getpid()},
            create_defaults={
                "beat_at": now,
                "started_at": now,
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
            },
        )

    def forget_heartbeat(self):
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DATABASE_GONE:
            logger.warning(
                "Could not remove worker %s's heartbeat: database unavailable", self.worker_id
            )


def close_connections():
    """Drops the broken connections, so that the next attempt opens new ones."""
    try:
        connections.close_all()
    except DATABASE_GONE:
        logger.info("A broken database connection could not be closed cleanly; dropped")


def first_line(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def signal_name(signum):
    return signal.Signals(signum).name
