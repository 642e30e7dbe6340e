import logging
import signal
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from network_site.core.schedule import (
    DAILY,
    FREQUENCIES,
    FREQUENT,
    FREQUENT_MINUTES,
    HOURLY,
    jobs,
    registered_jobs,
)

logger = logging.getLogger("network_site.schedule")

# Hourly jobs start this many minutes past the hour (the daily ones with them, once a day).
MINUTES_PAST_THE_HOUR = 5
LOCK_SECONDS = 50 * 60


class Command(BaseCommand):
    help = (
        "Runs the site's scheduled work. `run_scheduled_work frequent` (every five minutes), "
        "`run_scheduled_work hourly` and `run_scheduled_work daily` are for cron; "
        "`run_scheduled_work --forever` is a scheduler process that runs the frequent jobs every "
        "five minutes, the hourly ones every hour and the daily ones at "
        "SCHEDULED_WORK_DAILY_HOUR. `--list` says what runs when."
    )

    def add_arguments(self, parser):
        parser.add_argument("every", nargs="?", choices=FREQUENCIES)
        parser.add_argument("--forever", action="store_true", help="Run as a scheduler process.")
        parser.add_argument("--list", action="store_true", help="List the jobs and stop.")

    def handle(self, *args, every=None, forever=False, list=False, **options):
        if list:
            for job in sorted(registered_jobs().values(), key=lambda job: (job.every, job.command)):
                self.stdout.write(f"{job.every:7} {job.command}: {job.description}")
            return
        if forever:
            self.run_forever()
            return
        if every is None:
            raise CommandError(
                "Say which jobs to run (frequent, hourly or daily), or --forever, or --list."
            )
        failed = self.run_jobs(every)
        if failed:
            raise CommandError(f"These jobs failed (see the log): {', '.join(failed)}")

    def run_jobs(self, every):
        """Runs each job once; one that fails is logged and the others still run."""
        failed = []
        for job in jobs(every):
            lock = f"scheduled-work:{job.command}"
            if not cache.add(lock, "running", LOCK_SECONDS):
                logger.info("Skipped %s: another scheduler is running it", job.command)
                continue
            started = time.monotonic()
            try:
                call_command(job.command, *job.arguments, stdout=self.stdout)
            except Exception:  # A broken job must not stop the others; logged in full
                logger.exception("Scheduled job %s failed", job.command)
                failed.append(job.command)
            else:
                logger.info(
                    "Scheduled job %s done in %d ms",
                    job.command,
                    (time.monotonic() - started) * 1000,
                )
            finally:
                cache.delete(lock)
        return failed

    def run_forever(self):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        logger.info("Scheduler started: %d job(s)", len(registered_jobs()))
        while not stopping:
            next_run = next_run_after(timezone.localtime())
            while not stopping and timezone.localtime() < next_run:
                time.sleep(min(30, max((next_run - timezone.localtime()).total_seconds(), 0.1)))
            if stopping:
                break
            self.run_jobs(FREQUENT)
            if next_run.minute == MINUTES_PAST_THE_HOUR:
                self.run_jobs(HOURLY)
                if next_run.hour == settings.SCHEDULED_WORK_DAILY_HOUR:
                    self.run_jobs(DAILY)
        logger.info("Scheduler stopped")


def next_run_after(moment):
    """The next five-minute mark (…:00, …:05, …:10): the frequent jobs run at each, the hourly
    ones at MINUTES_PAST_THE_HOUR."""
    candidate = moment.replace(
        minute=moment.minute - moment.minute % FREQUENT_MINUTES, second=0, microsecond=0
    )
    return candidate + timedelta(minutes=FREQUENT_MINUTES)
