"""The demo meetings: four past with notes, two upcoming, and the same tree when loaded twice."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from events import demo as events_demo
from events.demo import meeting_days, meeting_themes, second_wednesday
from events.models import MeetingIndexPage, MeetingPage
from network_site.core.demo_data import DemoDataError

DEMO_APPS = ["events"]


def test_meeting_days_split_around_today():
    past, upcoming = meeting_days(date(2026, 11, 26))
    assert past == [date(2026, 2, 11), date(2026, 5, 13), date(2026, 8, 12), date(2026, 11, 11)]
    assert upcoming == [date(2027, 2, 10), date(2027, 5, 12)]


def test_a_meeting_day_itself_counts_as_past_in_the_demo_and_the_next_two_follow():
    past, upcoming = meeting_days(date(2027, 2, 10))
    assert past[-1] == date(2027, 2, 10)
    assert upcoming == [date(2027, 5, 12), date(2027, 8, 11)]


def test_second_wednesday():
    assert second_wednesday(2026, 11) == date(2026, 11, 11)
    assert second_wednesday(2027, 9) == date(2027, 9, 8)


@pytest.mark.django_db
def test_demo_loads_four_past_meetings_with_notes_and_the_next_two(demo_content):
    revisions = Revision.objects.count()
    call_command("load_demo_content", "--app", "events", stdout=io.StringIO())
    assert Revision.objects.count() == revisions

    index = MeetingIndexPage.objects.get()
    assert index.live and index.get_parent().specific_class.__name__ == "HomePage"
    meetings = list(MeetingPage.objects.live().child_of(index).order_by("starts_at"))
    assert len(meetings) == 6
    past, upcoming = meetings[:4], meetings[4:]
    assert upcoming == list(index.upcoming_meetings())[-2:]
    assert all(meeting.starts_at > timezone.now() for meeting in upcoming)
    assert all(meeting.starts_at.date() < timezone.now().date() for meeting in past[:3])
    assert all(meeting.notes for meeting in past)
    assert all(len(meeting.stories_presented) == 1 for meeting in past)
    assert len(upcoming) == 2
    assert not any(meeting.notes for meeting in upcoming)
    assert all(meeting.agenda for meeting in past + upcoming)


def test_the_meeting_themes_file_is_checked(tmp_path, monkeypatch):
    every_meeting, themes = meeting_themes()
    assert len(themes) == 4 and "{topic}" in [item["title"] for item in every_meeting["agenda"]]
    broken = tmp_path / "meeting-themes.yaml"
    broken.write_text(
        "every_meeting: {}\nthemes:\n  - topic: Outdoors\n    introduction: In a field.\n"
        "    format: outdoors\n    speaker: a ranger\n    notes: Wet.\n    story: {}\n"
    )
    monkeypatch.setattr(events_demo, "MEETING_THEMES", broken)
    with pytest.raises(DemoDataError, match=rf"^{broken}: theme 1: format is one of hybrid, "):
        meeting_themes()
