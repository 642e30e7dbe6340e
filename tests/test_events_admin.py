"""Editors: who is coming (and its CSV), and next quarter's meeting made from the last one."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from events import booking as bookings
from events.models import AccessNeedsTally, MeetingPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting(index):
    return MeetingPageFactory(parent=index, slug="spring", title="Spring meeting", capacity=1)


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="x"
    )
    client.force_login(admin)
    return client


def bookings_url(meeting):
    return f"/admin/events/meetings/{meeting.pk}/bookings/"


def test_editors_see_who_is_coming_and_the_waiting_list(admin_client, meeting):
    coming = make_member("coming@example.org", first_name="Morag", last_name="Reid")
    waiting = make_member("waiting@example.org", first_name="Iain", last_name="Ross")
    bookings.book(meeting.pk, coming, ["bsl"], "")
    bookings.book(meeting.pk, waiting, ["other"], "A quiet room")

    response = admin_client.get(bookings_url(meeting))

    assert response.status_code == 200
    assert [b.member for b in response.context["attending"]] == [coming]
    assert [b.member for b in response.context["waiting"]] == [waiting]
    page = response.content.decode()
    assert "Morag Reid" in page and "coming@example.org" in page
    assert "A British Sign Language interpreter" in page
    assert "A quiet room" in page
    assert "1 coming of 1 places; 1 on the waiting list" in page


def test_the_csv_export_lists_both_with_waiting_order(admin_client, meeting):
    bookings.book(meeting.pk, make_member("coming@example.org", first_name="Morag"), ["bsl"])
    bookings.book(meeting.pk, make_member("waiting@example.org", first_name="=HYPERLINK(1)"))

    response = admin_client.get(f"/admin/events/meetings/{meeting.pk}/bookings.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="spring-bookings.csv"' in response["Content-Disposition"]
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Status", "Place on waiting list", "Name", "Email", "Access needs"]
    assert rows[1][:5] == [
        "Coming",
        "",
        "Morag",
        "coming@example.org",
        "A British Sign Language interpreter",
    ]
    # A name that a spreadsheet would run as a formula is written as text.
    assert rows[2][:4] == ["On the waiting list", "1", "'=HYPERLINK(1)", "waiting@example.org"]
    assert len(rows) == 3


def test_the_bookings_view_shows_the_kept_counts_after_the_purge(admin_client, meeting):
    AccessNeedsTally.objects.create(
        meeting=meeting,
        counts={"bsl": 2, "captions": 1},
        purged_at=datetime(2027, 1, 1, tzinfo=UTC),
    )
    page = admin_client.get(bookings_url(meeting)).content.decode()
    assert "A British Sign Language interpreter: 2" in page
    assert "Captions: 1" in page


def admin_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("content_cache_off")
def test_the_bookings_view_and_csv_cost_the_same_queries_for_few_and_many(admin_client, index):
    meeting = MeetingPageFactory(parent=index, slug="big", capacity=3)
    bookings.book(meeting.pk, make_member("one@example.org"))
    urls = [bookings_url(meeting), f"/admin/events/meetings/{meeting.pk}/bookings.csv"]
    few = [admin_queries(admin_client, url) for url in urls]
    for n in range(12):
        bookings.book(meeting.pk, make_member(f"more{n}@example.org"), ["captions"])
    assert [admin_queries(admin_client, url) for url in urls] == few


def test_people_who_cannot_edit_the_meeting_are_refused(client, meeting, django_user_model):
    member = make_member()
    client.force_login(member)
    for url in [
        bookings_url(meeting),
        f"/admin/events/meetings/{meeting.pk}/bookings.csv",
        f"/admin/events/meetings/{meeting.pk}/schedule-next/",
    ]:
        assert client.get(url).status_code in (302, 403)
    client.logout()
    assert client.get(bookings_url(meeting)).status_code == 302


def test_an_unknown_meeting_is_a_404(admin_client, home_page):
    assert admin_client.get("/admin/events/meetings/999999/bookings/").status_code == 404
    assert admin_client.get(f"/admin/events/meetings/{home_page.pk}/bookings/").status_code == 404


def test_the_page_listing_offers_both_actions_on_meetings(admin_client, index, meeting):
    page = admin_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"/admin/events/meetings/{meeting.pk}/bookings/" in page
    assert f"/admin/events/meetings/{meeting.pk}/schedule-next/" in page


def test_the_index_offers_next_quarter_from_its_latest_meeting(admin_client, home_page, index):
    MeetingPageFactory(parent=index, slug="earlier", starts_at=datetime(2027, 2, 10, tzinfo=UTC))
    latest = MeetingPageFactory(
        parent=index, slug="latest", starts_at=datetime(2027, 5, 12, tzinfo=UTC)
    )
    page = admin_client.get(f"/admin/pages/{home_page.pk}/").content.decode()
    assert f"/admin/events/meetings/{latest.pk}/schedule-next/" in page


def test_next_quarters_meeting_is_made_as_a_draft_three_months_on(admin_client, index):
    source = MeetingPageFactory(
        parent=index,
        slug="february-2027-meeting",
        title="Network meeting, February 2027",
        starts_at=datetime(2027, 2, 10, 10, tzinfo=UTC),  # 10:00 GMT
        ends_at=datetime(2027, 2, 10, 12, 30, tzinfo=UTC),
        booking_closes_at=datetime(2027, 2, 8, 17, tzinfo=UTC),
        format=MeetingPage.Format.HYBRID,
        venue_name="Kelvin House",
        address="25 Example Street\nGlasgow",
        capacity=40,
        agenda=[
            {"type": "item", "value": {"starts_at": "10:00", "title": "Welcome", "speakers": ""}},
            {
                "type": "item",
                "value": {"starts_at": "10:15", "title": "Stories", "speakers": "Ali"},
            },
        ],
        notes="<p>What happened last time.</p>",
        joining_link="https://meet.example.org/old-room",
    )
    url = f"/admin/events/meetings/{source.pk}/schedule-next/"
    confirm = admin_client.get(url)
    # The second Wednesday of February gives the second Wednesday of May.
    assert "Wednesday 12 May 2027, 10:00 to 12:30 BST" in confirm.content.decode()
    assert MeetingPage.objects.count() == 1  # looking changes nothing

    response = admin_client.post(url)

    new = MeetingPage.objects.exclude(pk=source.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{new.pk}/edit/"
    assert not new.live
    assert new.get_parent().pk == index.pk
    assert new.title == "Network meeting, May 2027"
    assert new.slug == "may-2027-meeting"
    # 10:00 UK time on both: GMT in February, BST in May.
    assert new.starts_at == datetime(2027, 5, 12, 9, tzinfo=UTC)
    assert new.ends_at == datetime(2027, 5, 12, 11, 30, tzinfo=UTC)
    # Bookings close two days before, as they did.
    assert new.booking_closes_at == datetime(2027, 5, 10, 16, tzinfo=UTC)
    assert (new.format, new.venue_name, new.address, new.capacity) == (
        MeetingPage.Format.HYBRID,
        "Kelvin House",
        "25 Example Street\nGlasgow",
        40,
    )
    assert [block.value["title"] for block in new.agenda] == ["Welcome", "Stories"]
    assert new.notes == "" and new.joining_link == ""
    assert new.latest_revision is not None
    # It appears nowhere public until an editor publishes it.
    assert new.pk not in Page.objects.live().values_list("pk", flat=True)


def test_scheduling_twice_gives_a_second_slug_not_an_error(admin_client, index):
    source = MeetingPageFactory(
        parent=index,
        slug="source",
        starts_at=datetime(2027, 2, 10, 10, tzinfo=UTC),
        ends_at=datetime(2027, 2, 10, 12, tzinfo=UTC),
    )
    url = f"/admin/events/meetings/{source.pk}/schedule-next/"
    admin_client.post(url)
    admin_client.post(url)
    assert sorted(MeetingPage.objects.exclude(pk=source.pk).values_list("slug", flat=True)) == [
        "may-2027-meeting",
        "may-2027-meeting-2",
    ]
