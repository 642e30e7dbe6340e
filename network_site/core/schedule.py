"""Scheduled work, from one entry point: `manage.py run_scheduled_work`.

Each app gives its jobs with a Wagtail hook in its wagtail_hooks.py (core never imports an app):

    @hooks.register(schedule.JOBS_HOOK)
    def scheduled_jobs():
        return [schedule.job("send_meeting_reminders", schedule.DAILY, "Reminds members ...")]

A job is a management command, so it can also be run by hand. Frequent jobs run every five minutes
(Wagtail's scheduled publishing, so that a page goes live or expires within minutes of its time),
hourly jobs at a few minutes past each hour, daily ones once a day at SCHEDULED_WORK_DAILY_HOUR (UK
time). Jobs must be safe to run
twice: a cache lock stops two schedulers running the same job at once, and every job here claims its
rows before it acts.
"""

from dataclasses import dataclass

from wagtail import hooks

# The hook whose functions give each a list of `job(...)`s.
JOBS_HOOK = "register_scheduled_jobs"

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


def job(command: str, every: str, description: str, *arguments: str) -> Job:
    if every not in FREQUENCIES:
        raise ValueError(f"{command}: `every` must be one of {FREQUENCIES}, not {every!r}")
    return Job(command, every, description, tuple(arguments))


def registered_jobs() -> dict[str, Job]:
    """Every app's jobs by command; a later hook's job replaces an earlier one of the same name."""
    return {job.command: job for give_jobs in hooks.get_hooks(JOBS_HOOK) for job in give_jobs()}


def jobs(every: str) -> list[Job]:
    return [job for job in registered_jobs().values() if job.every == every]
