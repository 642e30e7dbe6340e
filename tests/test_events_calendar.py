"""Calendar files, parsed back with the icalendar library and checked field by field."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Booking, MeetingPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def spring_meeting(index):
    # The last Sunday of March 2027: the clocks have gone forward by 10:00, so this is BST.
    return MeetingPageFactory(
        parent=index,
        slug="spring",
        title="Network meeting, March 2027",
        introduction="Carers' own outcomes.",
        starts_at=datetime(2027, 3, 28, 9, tzinfo=UTC),
        ends_at=datetime(2027, 3, 28, 11, 30, tzinfo=UTC),
        format=MeetingPage.Format.HYBRID,
        venue_name="Riverside Community Centre",
        address="10 Water Lane\nPerth",
        joining_link="https://meet.example.org/secret-spring",
    )


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def only_event(calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_a_meeting_calendar_file_is_valid_and_complete(client, spring_meeting):
    before = timezone.now().replace(microsecond=0)
    response = client.get("/meetings/spring/calendar/")
    calendar = parse(response)

    assert 'filename="spring.ics"' in response["Content-Disposition"]
    assert str(calendar["VERSION"]) == "2.0"
    assert "Personal Outcomes Network" in str(calendar["PRODID"])
    assert str(calendar["METHOD"]) == "PUBLISH"
    event = only_event(calendar)
    assert (
        str(event["UID"]) == f"meeting-{spring_meeting.translation_key}@personal-outcomes-network"
    )
    assert str(event["SUMMARY"]) == "Network meeting, March 2027"
    dtstamp = event.decoded("DTSTAMP")
    assert dtstamp.tzinfo is not None and dtstamp.utcoffset() == timedelta(0)
    assert dtstamp >= before
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert (start.replace(tzinfo=None), start.tzname()) == (datetime(2027, 3, 28, 10), "BST")
    assert (end.replace(tzinfo=None), end.tzname()) == (datetime(2027, 3, 28, 12, 30), "BST")
    assert start == spring_meeting.starts_at and end == spring_meeting.ends_at
    assert str(event["LOCATION"]) == "Riverside Community Centre, 10 Water Lane, Perth"
    assert str(event["URL"]) == "http://testserver/meetings/spring/"
    assert "Carers' own outcomes." in str(event["DESCRIPTION"])
    # The calendar carries the definition of the zone it names.
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    offsets = {str(sub["TZNAME"]): sub["TZOFFSETTO"].td for sub in zones[0].subcomponents}
    assert offsets["GMT"] == timedelta(0) and offsets["BST"] == timedelta(hours=1)
    assert "secret-spring" not in response.content.decode()


def test_an_october_meeting_after_the_clocks_go_back_is_in_gmt(client, index):
    MeetingPageFactory(
        parent=index,
        slug="autumn",
        starts_at=datetime(2026, 10, 25, 10, tzinfo=UTC),
        ends_at=datetime(2026, 10, 25, 12, 30, tzinfo=UTC),
    )
    event = only_event(parse(client.get("/meetings/autumn/calendar/")))
    start = event.decoded("DTSTART")
    assert (start.replace(tzinfo=None), start.tzname()) == (datetime(2026, 10, 25, 10), "GMT")
    assert start == datetime(2026, 10, 25, 10, tzinfo=UTC)


def test_the_uid_is_stable_across_downloads_and_edits(client, spring_meeting):
    first = only_event(parse(client.get("/meetings/spring/calendar/")))["UID"]
    spring_meeting.title = "A new title"
    spring_meeting.save_revision().publish()
    second = only_event(parse(client.get("/meetings/spring/calendar/")))["UID"]
    assert first == second


def test_an_attending_member_gets_the_joining_link_in_their_own_copy(client, spring_meeting):
    member = make_member()
    Booking.objects.create(meeting=spring_meeting, member=member, status=Booking.Status.ATTENDING)
    client.force_login(member)
    response = client.get("/meetings/spring/calendar/")
    event = only_event(parse(response))
    assert "Join online: https://meet.example.org/secret-spring" in str(event["DESCRIPTION"])
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("status", [Booking.Status.WAITING, Booking.Status.CANCELLED, None])
def test_members_not_coming_get_the_public_copy(client, spring_meeting, status):
    member = make_member()
    if status:
        Booking.objects.create(meeting=spring_meeting, member=member, status=status)
    client.force_login(member)
    response = client.get("/meetings/spring/calendar/")
    only_event(parse(response))
    assert "secret-spring" not in response.content.decode()


def test_the_feed_lists_upcoming_meetings_only_and_never_a_joining_link(client, index):
    now = timezone.now().replace(second=0, microsecond=0)
    soon = MeetingPageFactory(
        parent=index,
        slug="soon",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
    )
    later = MeetingPageFactory(
        parent=index,
        slug="later",
        starts_at=now + timedelta(days=100),
        ends_at=now + timedelta(days=100, hours=2),
        format=MeetingPage.Format.ONLINE,
    )
    MeetingPageFactory(
        parent=index,
        slug="gone",
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10, hours=-2),
    )
    member = make_member()
    for meeting in (soon, later):
        Booking.objects.create(meeting=meeting, member=member, status=Booking.Status.ATTENDING)
    client.force_login(member)  # even a member who is coming gets the public feed

    response = client.get("/meetings/calendar/")
    calendar = parse(response)

    assert str(calendar["X-WR-CALNAME"]) == "Quarterly meetings"
    events = calendar.walk("VEVENT")
    assert [str(event["URL"]) for event in events] == [
        "http://testserver/meetings/soon/",
        "http://testserver/meetings/later/",
    ]
    assert len({str(event["UID"]) for event in events}) == 2
    for event, meeting in zip(events, (soon, later), strict=True):
        assert event.decoded("DTSTART") == meeting.starts_at
        assert event.decoded("DTEND") == meeting.ends_at
        assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert str(events[1]["LOCATION"]) == "Online"
    body = response.content.decode()
    assert "meet.example.org" not in body
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_feed_is_valid_with_no_meetings(client, index):
    calendar = parse(client.get("/meetings/calendar/"))
    assert calendar.walk("VEVENT") == []


def test_the_index_page_links_to_the_feed(client, index):
    page = client.get("/meetings/").content.decode()
    assert 'href="/meetings/calendar/"' in page
    assert 'type="text/calendar"' in page
