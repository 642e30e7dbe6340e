"""Meeting times: UTC in the database, UK time on the page, right on both sides of a clock change."""

from datetime import UTC, date, datetime, timedelta

import pytest

from events import times
from events.models import MeetingPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_a_winter_meeting_is_shown_in_gmt():
    assert times.format_time_range(utc(2027, 2, 10, 10), utc(2027, 2, 10, 12, 30)) == (
        "10:00 to 12:30 GMT"
    )


def test_a_summer_meeting_is_shown_in_bst_an_hour_ahead_of_utc():
    assert times.format_time_range(utc(2027, 5, 12, 9), utc(2027, 5, 12, 11, 30)) == (
        "10:00 to 12:30 BST"
    )


def test_last_sunday_of_march_after_the_clocks_go_forward():
    # 28 March 2027: at 01:00 UTC the UK moves from GMT to BST.
    starts, ends = utc(2027, 3, 28, 9), utc(2027, 3, 28, 11, 30)
    assert times.format_time_range(starts, ends) == "10:00 to 12:30 BST"
    assert times.format_date(starts) == "Sunday 28 March 2027"


def test_last_sunday_of_march_a_meeting_across_the_change_names_both_zones():
    assert times.format_time_range(utc(2027, 3, 28, 0, 30), utc(2027, 3, 28, 2)) == (
        "00:30 GMT to 03:00 BST"
    )


def test_last_sunday_of_october_after_the_clocks_go_back():
    # 25 October 2026: at 01:00 UTC the UK moves from BST back to GMT.
    starts, ends = utc(2026, 10, 25, 10), utc(2026, 10, 25, 12, 30)
    assert times.format_time_range(starts, ends) == "10:00 to 12:30 GMT"
    assert times.format_date(starts) == "Sunday 25 October 2026"
    # The evening before, still in BST.
    assert times.format_time(utc(2026, 10, 24, 18)) == "19:00 BST"


def test_last_sunday_of_october_a_meeting_across_the_change_names_both_zones():
    assert times.format_time_range(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)) == (
        "01:30 BST to 01:30 GMT"
    )


def test_a_late_utc_time_can_be_the_next_day_in_the_uk():
    assert times.format_date(utc(2027, 6, 30, 23, 30)) == "Thursday 1 July 2027"


def test_moving_keeps_the_wall_clock_time_across_a_clock_change():
    winter = utc(2027, 2, 10, 10)  # 10:00 GMT
    spring = times.moved_like(winter, date(2027, 2, 10), date(2027, 5, 12))
    assert spring == utc(2027, 5, 12, 9)  # 10:00 BST
    assert times.format_time(spring) == "10:00 BST"


def test_the_second_wednesday_gives_the_second_wednesday_three_months_on():
    assert times.same_weekday_months_later(date(2027, 2, 10), 3) == date(2027, 5, 12)


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_every_day_keeps_its_weekday_and_week_of_the_month(year):
    """The class: any day of any month, moved by a quarter (across year ends too)."""
    day = date(year, 1, 1)
    while day.year == year:
        moved = times.same_weekday_months_later(day, 3)
        assert moved.weekday() == day.weekday(), day
        assert (moved.month - day.month) % 12 == 3, day
        week = (day.day - 1) // 7
        if week < 4:
            assert (moved.day - 1) // 7 == week, day
        else:  # a fifth weekday: the last one of the new month
            assert (moved + timedelta(days=7)).month != moved.month, day
        day += timedelta(days=1)


def test_uk_datetime_uses_the_zone_in_force_that_day():
    assert times.uk_datetime(datetime(2027, 7, 1).date(), datetime.min.time()).utcoffset() == (
        timedelta(hours=1)
    )


@pytest.mark.django_db
def test_page_shows_the_time_in_uk_time_with_the_zone_named(client, home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    MeetingPageFactory(
        parent=index,
        slug="spring",
        starts_at=utc(2027, 3, 28, 9),
        ends_at=utc(2027, 3, 28, 11, 30),
    )
    MeetingPageFactory(
        parent=index,
        slug="autumn",
        starts_at=utc(2026, 10, 25, 10),
        ends_at=utc(2026, 10, 25, 12, 30),
    )
    assert "10:00 to 12:30 BST" in client.get("/meetings/spring/").content.decode()
    assert "10:00 to 12:30 GMT" in client.get("/meetings/autumn/").content.decode()
    stored = MeetingPage.objects.get(slug="spring").starts_at
    assert stored.utcoffset() == timedelta(0)
    assert stored == utc(2027, 3, 28, 9)
