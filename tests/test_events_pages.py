"""Meeting pages: the listing, the home page's next meeting, the tree, and who sees the joining link."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page

from events.models import Booking, MeetingIndexPage, MeetingPage
from network_site.core.models import HomePage, StandardPage
from network_site.urls import urlpatterns as site_urlpatterns
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db

# The site's URLs plus Wagtail's API v2 (used as this module's URLconf by the API tests below).
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
urlpatterns = [path("api/v2/", api_router.urls), *site_urlpatterns]


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


def meeting_at(index, starts_at, hours=2.5, **fields):
    return MeetingPageFactory(
        parent=index, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )


def test_upcoming_and_past_meetings_are_listed_apart_in_order(client, index):
    now = timezone.now()
    later = meeting_at(index, now + timedelta(days=60), title="Later")
    sooner = meeting_at(index, now + timedelta(days=5), title="Sooner")
    recent = meeting_at(index, now - timedelta(days=20), title="Recent")
    older = meeting_at(index, now - timedelta(days=100), title="Older")
    draft = meeting_at(index, now + timedelta(days=10), title="Draft")
    draft.unpublish()

    response = client.get("/meetings/")

    assert response.status_code == 200
    assert response.context["upcoming_meetings"] == [sooner, later]
    assert list(response.context["past_meetings"]) == [recent, older]


def test_a_meeting_under_way_today_is_upcoming_until_it_ends(client, index):
    now = timezone.now()
    under_way = meeting_at(index, now - timedelta(hours=1), hours=2, title="Under way")
    just_ended = meeting_at(index, now - timedelta(hours=3), hours=2.99, title="Just ended")

    response = client.get("/meetings/")

    assert response.context["upcoming_meetings"] == [under_way]
    assert list(response.context["past_meetings"]) == [just_ended]
    page = client.get(f"/meetings/{under_way.slug}/").content.decode()
    assert "Coming to this meeting" in page
    assert "What happened" not in page
    assert "What happened" in client.get(f"/meetings/{just_ended.slug}/").content.decode()


def test_the_boundary_is_the_end_time_itself(index):
    starts = timezone.now().replace(microsecond=0)
    meeting = meeting_at(index, starts, hours=1)
    assert not meeting.has_ended(meeting.ends_at - timedelta(seconds=1))
    assert meeting.has_ended(meeting.ends_at)
    assert list(index.upcoming_meetings(meeting.ends_at - timedelta(seconds=1))) == [meeting]
    assert list(index.upcoming_meetings(meeting.ends_at)) == []


def listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/meetings/")
    assert response.status_code == 200
    return len(queries)


def test_listing_costs_the_same_queries_for_few_and_many_meetings(client, index):
    now = timezone.now()
    meeting_at(index, now + timedelta(days=3))
    meeting_at(index, now - timedelta(days=3))
    listing_queries(client)  # warms the site-root cache
    few = listing_queries(client)
    for day in range(1, 9):
        meeting_at(index, now + timedelta(days=10 * day))
        meeting_at(index, now - timedelta(days=10 * day))
    assert listing_queries(client) == few


def test_past_meetings_are_paginated_and_junk_page_numbers_are_safe(client, index):
    now = timezone.now()
    for day in range(1, 13):
        meeting_at(index, now - timedelta(days=30 * day))
    assert len(client.get("/meetings/").context["past_meetings"]) == 10
    assert len(client.get("/meetings/", {"page": "2"}).context["past_meetings"]) == 2
    for junk in ["abc", "-1", "99999", "1' OR 1=1"]:
        assert client.get("/meetings/", {"page": junk}).status_code == 200


def test_home_page_shows_the_next_meeting(client, index):
    now = timezone.now()
    meeting_at(index, now - timedelta(days=3), title="Last time")
    meeting_at(index, now + timedelta(days=40), title="After next")
    meeting_at(index, now + timedelta(days=4), title="The very next one")

    page = client.get("/").content.decode()

    assert "Next meeting" in page
    assert "The very next one" in page
    assert "After next" not in page
    assert "Last time" not in page


def test_home_page_without_meetings_says_nothing_about_them(client, home_page):
    assert "next meeting" not in client.get("/").content.decode()


def test_page_tree_rules():
    assert MeetingIndexPage.can_create_at(HomePage())
    assert not MeetingIndexPage.can_create_at(StandardPage())
    assert not MeetingPage.can_create_at(HomePage())
    assert MeetingPage.can_create_at(MeetingIndexPage())
    assert MeetingPage.allowed_subpage_models() == []


def test_only_one_meeting_index(index, home_page):
    assert not MeetingIndexPage.can_create_at(home_page)


def test_end_before_start_is_refused(index):
    now = timezone.now()
    meeting = MeetingPage(
        title="Backwards", slug="backwards", starts_at=now, ends_at=now - timedelta(hours=1)
    )
    with pytest.raises(Exception, match="end after it starts"):
        meeting.full_clean()


@pytest.fixture
def online_meeting(index):
    return meeting_at(
        index,
        timezone.now() + timedelta(days=14),
        slug="online",
        joining_link="https://meet.example.org/very-secret-room-4471",
    )


SECRET = "very-secret-room-4471"


def test_visitors_never_see_the_joining_link(client, online_meeting):
    response = client.get("/meetings/online/")
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert SECRET not in client.get("/meetings/").content.decode()
    assert SECRET not in client.get("/").content.decode()


def test_members_who_are_not_coming_do_not_see_it(client, online_meeting):
    member = make_member()
    client.force_login(member)
    assert SECRET not in client.get("/meetings/online/").content.decode()
    Booking.objects.create(meeting=online_meeting, member=member, status=Booking.Status.WAITING)
    assert SECRET not in client.get("/meetings/online/").content.decode()
    Booking.objects.filter(member=member).update(status=Booking.Status.CANCELLED)
    assert SECRET not in client.get("/meetings/online/").content.decode()


def test_members_who_are_coming_see_it_and_the_page_is_not_cached(client, online_meeting):
    member = make_member()
    Booking.objects.create(meeting=online_meeting, member=member, status=Booking.Status.ATTENDING)
    client.force_login(member)
    response = client.get("/meetings/online/")
    assert SECRET in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_former_member_who_had_booked_no_longer_sees_it(client, online_meeting):
    member = make_member()
    Booking.objects.create(meeting=online_meeting, member=member, status=Booking.Status.ATTENDING)
    member.groups.clear()
    client.force_login(member)
    assert SECRET not in client.get("/meetings/online/").content.decode()


def test_editors_see_it(client, online_meeting, django_user_model):
    editor = django_user_model.objects.create_user(
        username="editor", email="editor@example.org", password="x", is_staff=True
    )
    editors = Group.objects.get(name="Editors")
    editor.groups.add(editors)
    client.force_login(editor)
    assert SECRET in client.get("/meetings/online/").content.decode()


def test_the_joining_link_is_not_searchable(client, online_meeting):
    assert "joining_link" not in {field.field_name for field in MeetingPage.search_fields}
    assert list(Page.objects.live().search(SECRET)) == []
    assert list(MeetingPage.objects.live().search("meet.example.org")) == []
    response = client.get("/search/", {"q": SECRET})
    assert list(response.context["results_page"]) == []
    # The meeting itself is findable by its words.
    assert online_meeting.title in [p.title for p in Page.objects.live().search("Riverside")]


def test_api_fields_leave_out_the_joining_link():
    names = {getattr(field, "name", field) for field in getattr(MeetingPage, "api_fields", [])}
    assert "joining_link" not in names


@pytest.mark.urls("tests.test_events_pages")
def test_the_api_has_no_joining_link(client, online_meeting):
    response = client.get(f"/api/v2/pages/{online_meeting.pk}/", {"fields": "*"})
    assert response.status_code == 200
    assert response.json()["title"] == online_meeting.title
    assert SECRET not in response.content.decode()
    listing = client.get("/api/v2/pages/", {"type": "events.MeetingPage", "fields": "*"})
    assert listing.status_code == 200
    assert listing.json()["meta"]["total_count"] == 1
    assert SECRET not in listing.content.decode()
