"""Scheduled work, from one entry point: `manage.py run_scheduled_work`.

Each app registers its jobs from its AppConfig.ready() (core never imports an app):

    from network_site.core.schedule import DAILY, register
    register("send_meeting_reminders", DAILY, "Reminds members coming to a meeting tomorrow.")

A job is a management command, so it can also be run by hand. Frequent jobs run every five minutes
(Wagtail's scheduled publishing, so that a page goes live or expires within minutes of its time),
hourly jobs at a few minutes past each hour, daily ones once a day at SCHEDULED_WORK_DAILY_HOUR (UK
time). Jobs must be safe to run
twice: a cache lock stops two schedulers running the same job at once, and every job here claims its
rows before it acts.
"""

from dataclasses import dataclass

FREQUENT = "frequent"
HOURLY = "hourly"
DAILY = "daily"
FREQUENCIES = (FREQUENT, HOURLY, DAILY)
FREQUENT_MINUTES = 5


@dataclass(frozen=True)
class Job:
    command: str
    every: str
    description: str
    arguments: tuple[str, ...] = ()


JOBS: dict[str, Job] = {}


def register(command: str, every: str, description: str, *arguments: str) -> None:
    if every not in FREQUENCIES:
        raise ValueError(f"{command}: `every` must be one of {FREQUENCIES}, not {every!r}")
    JOBS[command] = Job(command, every, description, tuple(arguments))


def jobs(every: str) -> list[Job]:
    return [job for job in JOBS.values() if job.every == every]
