"""A member's own page: where they land after signing in, with their stories, meetings and news."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import booking as bookings
from events.models import Booking
from network_site.membership.models import MemberProfile
from network_site.membership.signals import PREVIOUS_VISIT_SESSION_KEY
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import (
    PASSWORD,
    MemberFactory,
    UserFactory,
)
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db

HOME = "/account/home/"


@pytest.fixture
def member(home_page):
    member = MemberFactory(first_name="Isla Grant", email="isla@example.org")
    MemberProfile.objects.create(user=member)
    return member


@pytest.fixture
def stories(home_page):
    return make_story_index(home_page)


@pytest.fixture
def meetings(home_page):
    return MeetingIndexPageFactory(parent=home_page)


def sign_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def test_a_member_lands_on_their_own_page_after_signing_in(client, member):
    response = sign_in(client, "isla@example.org")
    assert response.status_code == 302
    assert response["Location"] == HOME

    page = client.get(HOME).content.decode()
    assert "Your network page" in page
    for link in ("membership:account", "membership:my_data", "membership:directory"):
        assert f'href="{reverse(link)}"' in page


def test_an_explicit_next_address_still_wins(client, member):
    response = client.post(
        reverse("account_login") + "?next=/members/",
        {"login": "isla@example.org", "password": PASSWORD, "next": "/members/"},
    )
    assert response["Location"] == "/members/"


def test_the_page_is_for_members_only(client, home_page):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    assert client.get(HOME).status_code == 403


def test_stories_are_listed_by_state_with_a_share_button(client, member, stories):
    StoryPageFactory(parent=stories, owner=member, title="Published one")
    StoryPageFactory(parent=stories, owner=member, title="A draft", live=False, published=False)
    StoryPageFactory(parent=stories, title="Someone else's story")
    client.force_login(member)

    page = client.get(HOME).content.decode()
    own_stories = page[page.index('id="your-stories"') : page.index('id="whats-new"')]

    assert f'href="{stories.share_url}">Share a story</a>' in own_stories
    assert "Published one" in own_stories and "A draft" in own_stories
    assert own_stories.index("<h3>Draft") < own_stories.index("<h3>Published")
    assert "Someone else" not in own_stories


def test_meeting_places_waiting_positions_and_offers_link_to_the_joining_details(
    client, member, meetings
):
    coming = MeetingPageFactory(parent=meetings, title="Spring gathering")
    full = MeetingPageFactory(parent=meetings, title="Summer gathering", capacity=1)
    offered = MeetingPageFactory(parent=meetings, title="Autumn gathering", capacity=1)
    bookings.book(coming.pk, member)
    bookings.book(full.pk, MemberFactory())
    bookings.book(full.pk, MemberFactory())
    bookings.book(full.pk, member)
    Booking.objects.create(
        meeting=offered,
        member=member,
        status=Booking.Status.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=10),
    )
    client.force_login(member)

    page = client.get(HOME).content.decode()

    assert f'href="{coming.url}#your-place">Spring gathering</a>' in page
    assert "The joining details are on" in page  # hybrid meetings have a joining link
    assert "You are number 2." in page
    assert "Place offered" in page and "Take it up by" in page


def test_what_is_new_since_the_last_visit(client, member, stories, home_page):
    library = ResourceIndexPageFactory(parent=home_page)
    old = ResourcePageFactory(parent=library, title="An old guide")
    new = ResourcePageFactory(parent=library, title="A new guide")
    secret = StoryPageFactory(parent=stories, title="For moderators only")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert restriction.pk
    last_visit = timezone.now() - timedelta(days=3)
    published = {old: last_visit - timedelta(days=1), new: timezone.now(), secret: timezone.now()}
    for page, when in published.items():
        type(page).objects.filter(pk=page.pk).update(first_published_at=when)
    MemberProfile.objects.filter(user=member).update(last_visit_at=last_visit)

    sign_in(client, "isla@example.org")
    page = client.get(HOME).content.decode()

    assert "A new guide" in page and new.url in page
    assert "An old guide" not in page
    assert "For moderators only" not in page
    # This visit is remembered for next time.
    assert MemberProfile.objects.get(user=member).last_visit_at > last_visit


def test_a_tampered_last_visit_in_the_session_is_ignored(client, member):
    client.force_login(member)
    session = client.session
    session[PREVIOUS_VISIT_SESSION_KEY] = "<script>not a date</script>"
    session.save()
    response = client.get(HOME)
    assert response.status_code == 200
    assert "<script>not a date" not in response.content.decode()


def test_the_page_costs_the_same_queries_with_few_or_many_items(client, member, stories, meetings):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    client.force_login(member)
    StoryPageFactory(parent=stories, owner=member)
    bookings.book(MeetingPageFactory(parent=meetings).pk, member)
    count()  # the first request also creates the site's settings rows
    few = count()
    for _ in range(5):
        StoryPageFactory(parent=stories, owner=member)
        bookings.book(MeetingPageFactory(parent=meetings).pk, member)
    assert count() == few


def test_the_welcome_email_points_to_the_members_page(home_page):
    from django.core import mail

    from network_site.membership.services import approve
    from tests.factories.membership import JoinRequestFactory

    join_request = JoinRequestFactory(status="pending")
    approve(join_request, decided_by=None)
    assert "http://testserver/account/home/" in mail.outbox[-1].body


def test_the_delete_page_says_what_happens_to_stories_and_everything_else(client, member):
    client.force_login(member)
    page = client.get(reverse("membership:delete_account")).content.decode()
    assert "Your published stories stay, anonymised" in page
    assert "Everything else is deleted" in page
    assert "your places at meetings" in page
