"""Scheduled work from one entry point: manage.py run_scheduled_work."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import timezone
from wagtail import hooks

from events.models import Booking
from events.times import start_of_uk_day, uk_today
from network_site.core import schedule
from network_site.core.management.commands.run_scheduled_work import next_run_after
from network_site.membership.models import JoinRequest
from tests.factories.core import StandardPageFactory
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import CoordinatorFactory, JoinRequestFactory, MemberFactory

pytestmark = pytest.mark.django_db


def run(*args):
    output = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("run_scheduled_work", *args, stdout=output)
    return output.getvalue()


def test_the_list_says_what_runs_when():
    listing = run("--list")
    assert "hourly  send_join_request_digest" in listing
    assert "hourly  expire_place_offers" in listing
    for daily in (
        "send_digests",
        "send_meeting_reminders",
        "purge_access_needs",
        "purge_join_requests",
        "check_resource_links",
    ):
        assert f"daily   {daily}" in listing


def test_hourly_work_sends_the_join_request_digest(home_page):
    coordinator = CoordinatorFactory()
    JoinRequestFactory(status=JoinRequest.Status.PENDING, confirmed_at=timezone.now())

    run("hourly")

    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "new request" in mail.outbox[0].subject


def test_daily_work_sends_reminders_and_purges(home_page):
    meeting = MeetingPageFactory(
        parent=MeetingIndexPageFactory(parent=home_page),
        starts_at=start_of_uk_day(uk_today() + timedelta(days=1)) + timedelta(hours=10),
    )
    member = MemberFactory(email="coming@example.org")
    Booking.objects.create(meeting=meeting, member=member, status=Booking.Status.ATTENDING)
    old = JoinRequestFactory(status=JoinRequest.Status.DECLINED)
    JoinRequest.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=400))

    output = run("daily")

    assert [message.to for message in mail.outbox] == [["coming@example.org"]]
    assert "Sent 1 meeting reminder." in output
    assert not JoinRequest.objects.filter(pk=old.pk).exists()


def test_a_failing_job_is_reported_and_the_others_still_run(home_page):
    def failing_job():
        return [schedule.job("check_resource_links", schedule.DAILY, "refuses", "--timeout=0")]

    with (
        hooks.register_temporarily(schedule.JOBS_HOOK, failing_job),
        pytest.raises(CommandError, match="These jobs failed .*: check_resource_links"),
    ):
        run("daily")
    assert cache.get("scheduled-work:check_resource_links") is None


def test_a_job_another_scheduler_is_running_is_skipped(home_page):
    CoordinatorFactory()
    JoinRequestFactory(status=JoinRequest.Status.PENDING, confirmed_at=timezone.now())
    cache.add("scheduled-work:send_join_request_digest", "running", 60)
    try:
        run("hourly")
    finally:
        cache.delete("scheduled-work:send_join_request_digest")
    assert mail.outbox == []


def test_without_a_frequency_it_says_what_to_give():
    with pytest.raises(CommandError, match="hourly or daily"):
        run()


def test_an_unknown_frequency_is_refused_when_registering():
    with pytest.raises(ValueError, match="`every` must be one of"):
        schedule.job("send_meeting_reminders", "weekly", "no")


def test_the_scheduler_wakes_every_five_minutes():
    zone = timezone.get_current_timezone()
    assert next_run_after(datetime(2026, 3, 1, 9, 0, tzinfo=zone)).time().isoformat() == "09:05:00"
    assert next_run_after(datetime(2026, 3, 1, 9, 5, tzinfo=zone)).time().isoformat() == "09:10:00"
    assert next_run_after(datetime(2026, 3, 1, 9, 7, 59, tzinfo=zone)).minute == 10
    assert next_run_after(datetime(2026, 3, 1, 23, 58, tzinfo=zone)).day == 2


def test_scheduled_publishing_runs_every_five_minutes():
    assert "frequent publish_scheduled" in run("--list")


def test_a_page_goes_live_and_expires_on_time(home_page, monkeypatch):
    # Before: nothing ran Wagtail's publish_scheduled, so neither ever happened.
    start = timezone.now()
    page = StandardPageFactory(parent=home_page, live=False)
    page.go_live_at = start + timedelta(minutes=3)
    page.expire_at = start + timedelta(hours=2)
    page.save_revision().publish()

    def run_at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        run("frequent")
        page.refresh_from_db()

    run_at(start + timedelta(minutes=2))
    assert not page.live

    run_at(start + timedelta(minutes=3, seconds=1))
    assert page.live
    assert not page.expired

    run_at(start + timedelta(hours=2, seconds=1))
    assert not page.live
    assert page.expired
