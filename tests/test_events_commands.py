"""The scheduled commands: reminders the day before, and the access-needs purge."""

from datetime import time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from events import booking as bookings
from events.models import AccessNeedsTally, Booking, MeetingPage
from events.times import uk_datetime, uk_today
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


def run(command, **options):
    """Runs a scheduled command as cron would: mail queued in its transactions goes on commit."""
    output = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(command, stdout=output, **options)
    return output.getvalue()


def meeting_on(index, day, slug, **fields):
    return MeetingPageFactory(
        parent=index,
        slug=slug,
        starts_at=uk_datetime(day, time(10)),
        ends_at=uk_datetime(day, time(12, 30)),
        **fields,
    )


def test_reminders_go_to_members_coming_tomorrow_with_the_joining_link(index):
    tomorrow = uk_today() + timedelta(days=1)
    online = meeting_on(
        index,
        tomorrow,
        "tomorrow",
        title="Tomorrow's meeting",
        format=MeetingPage.Format.ONLINE,
        joining_link="https://meet.example.org/tomorrow-room",
    )
    later = meeting_on(index, tomorrow + timedelta(days=1), "later")
    coming = make_member("coming@example.org")
    not_coming = make_member("cancelled@example.org")
    waiting = make_member("waiting@example.org")
    Booking.objects.create(meeting=online, member=coming, status=Booking.Status.ATTENDING)
    Booking.objects.create(meeting=online, member=not_coming, status=Booking.Status.CANCELLED)
    Booking.objects.create(meeting=online, member=waiting, status=Booking.Status.WAITING)
    Booking.objects.create(meeting=later, member=coming, status=Booking.Status.ATTENDING)

    assert "Sent 1 meeting reminder." in run("send_meeting_reminders")

    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert reminder.to == ["coming@example.org"]
    assert reminder.subject.startswith("Tomorrow: Tomorrow's meeting")
    assert "To join online: https://meet.example.org/tomorrow-room" in reminder.body
    assert "10:00 to 12:30" in reminder.body
    assert "http://testserver/meetings/tomorrow/" in reminder.body
    assert reminder.alternatives[0].mimetype == "text/html"

    # Running again (the scheduler may retry) sends nothing more.
    assert "Sent 0 meeting reminders." in run("send_meeting_reminders")
    assert len(mail.outbox) == 1


def test_in_person_reminders_give_the_venue_and_no_link(index):
    meeting = meeting_on(
        index,
        uk_today() + timedelta(days=1),
        "in-person",
        format=MeetingPage.Format.IN_PERSON,
        venue_name="Riverside Community Centre",
        joining_link="https://meet.example.org/unused",
    )
    Booking.objects.create(meeting=meeting, member=make_member(), status=Booking.Status.ATTENDING)
    run("send_meeting_reminders")
    assert "Where: Riverside Community Centre" in mail.outbox[0].body
    assert "meet.example.org" not in mail.outbox[0].body


def test_unpublished_meetings_send_no_reminders(index):
    meeting = meeting_on(index, uk_today() + timedelta(days=1), "draft")
    Booking.objects.create(meeting=meeting, member=make_member(), status=Booking.Status.ATTENDING)
    meeting.unpublish()
    run("send_meeting_reminders")
    assert mail.outbox == []


def make_past_meeting(index, days_ago, slug):
    ended = timezone.now() - timedelta(days=days_ago)
    return MeetingPageFactory(
        parent=index, slug=slug, starts_at=ended - timedelta(hours=2), ends_at=ended
    )


def book_with_needs(meeting, email, needs, details="", status=Booking.Status.ATTENDING):
    return Booking.objects.create(
        meeting=meeting,
        member=make_member(email),
        status=status,
        access_needs=needs,
        access_needs_details=details,
    )


def test_access_needs_are_deleted_after_the_retention_period_and_counts_kept(index, settings):
    settings.EVENTS_ACCESS_NEEDS_RETENTION_DAYS = 30
    old = make_past_meeting(index, 31, "old")
    recent = make_past_meeting(index, 29, "recent")
    book_with_needs(old, "a@example.org", ["bsl", "dietary"], "No nuts")
    book_with_needs(old, "b@example.org", ["bsl"])
    book_with_needs(old, "c@example.org", [])
    book_with_needs(old, "d@example.org", ["captions"], status=Booking.Status.WAITING)
    kept = book_with_needs(recent, "e@example.org", ["step_free"], "Ramp please")

    assert "Deleted the access needs of 3 booking(s)." in run("purge_access_needs")

    assert list(Booking.objects.filter(meeting=old).values_list("access_needs", flat=True)) == [
        [],
        [],
        [],
        [],
    ]
    assert not Booking.objects.filter(meeting=old).exclude(access_needs_details="").exists()
    assert Booking.objects.filter(meeting=old).count() == 4  # the bookings themselves stay
    tally = AccessNeedsTally.objects.get(meeting=old)
    assert tally.counts == {"bsl": 2, "dietary": 1}
    kept.refresh_from_db()
    assert (kept.access_needs, kept.access_needs_details) == (["step_free"], "Ramp please")
    assert not AccessNeedsTally.objects.filter(meeting=recent).exists()

    # Again: nothing left to delete, and the counts are not doubled.
    assert "Deleted the access needs of 0 booking(s)." in run("purge_access_needs")
    tally.refresh_from_db()
    assert tally.counts == {"bsl": 2, "dietary": 1}


def test_the_retention_period_is_a_setting(index, settings):
    settings.EVENTS_ACCESS_NEEDS_RETENTION_DAYS = 5
    meeting = make_past_meeting(index, 6, "six-days")
    book_with_needs(meeting, "a@example.org", ["captions"])
    run("purge_access_needs")
    assert Booking.objects.get().access_needs == []
    assert AccessNeedsTally.objects.get().counts == {"captions": 1}


def test_upcoming_meetings_are_never_purged(index, settings):
    settings.EVENTS_ACCESS_NEEDS_RETENTION_DAYS = 0
    soon = MeetingPageFactory(parent=index, slug="soon")
    bookings.book(soon.pk, make_member(), ["bsl"])
    run("purge_access_needs")
    assert Booking.objects.get().access_needs == ["bsl"]


def test_the_default_retention_is_thirty_days():
    from network_site.settings import base

    assert base.EVENTS_ACCESS_NEEDS_RETENTION_DAYS == 30
