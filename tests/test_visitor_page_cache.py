"""The visitor page cache, compression and validators: visitors' pages come from the shared cache
until something they show changes; nothing personal is ever stored or served from it."""

import gzip

import brotli
import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils.http import http_date

from events.booking import book
from stories.models import HelpedMark, StoryPage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.events import make_member as events_member
from tests.factories.stories import StoryPageFactory, make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(VISITOR_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


@pytest.fixture
def story(client, story_index):
    story = StoryPageFactory(
        parent=story_index, title="Back to the bowling club", themes=["Carers"]
    )
    # A site's first request creates its settings, which (as any content change) purges the cache.
    client.get("/")
    return story


def fetch(client, url, **headers):
    return client.get(url, headers=headers)


def test_a_visitors_page_is_served_from_the_cache_with_validators(client, story):
    first = fetch(client, story.url)
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["ETag"]
    second = fetch(client, story.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    revalidated = fetch(client, story.url, if_none_match=first["ETag"])
    assert revalidated.status_code == 304


def test_publishing_purges_the_page_its_index_archive_home_and_feed(client, story_index, story):
    addresses = [
        story.url,
        story_index.url,
        story_index.theme_url("carers"),
        story_index.feed_url,
        "/",
    ]
    for address in addresses:
        fetch(client, address)
        assert fetch(client, address)["X-Cache"] == "hit", address
    story.title = "Back to the bowling club every week"
    story.save_revision().publish()
    for address in addresses[:4]:
        response = fetch(client, address)
        assert response["X-Cache"] == "miss", address
        assert "every week" in response.content.decode(), address


def test_unpublishing_and_deleting_purge(client, story_index, story):
    other = StoryPageFactory(
        parent=story_index, title="A second story to delete", themes=["Carers"]
    )
    fetch(client, story_index.url)
    story.unpublish()
    listing = fetch(client, story_index.url).content.decode()
    assert "Back to the bowling club" not in listing
    assert "A second story to delete" in listing
    other.delete()
    assert "A second story to delete" not in fetch(client, story_index.url).content.decode()


def test_moving_a_story_to_members_only_purges(client, story_index, story):
    fetch(client, story_index.url)
    story.audience = "members"
    story.save_revision().publish()
    assert "Back to the bowling club" not in fetch(client, story_index.url).content.decode()
    assert fetch(client, StoryPage.objects.get(pk=story.pk).url).status_code == 302


def test_a_signed_in_member_never_gets_or_leaves_a_cached_page(client, story_index, story):
    secret = StoryPageFactory(
        parent=story_index, title="Zebracorn rota", themes=["Carers"], audience="members"
    )
    fetch(client, story_index.url)
    assert fetch(client, story_index.url)["X-Cache"] == "hit"
    client.force_login(make_member("reader"))
    member_view = fetch(client, story_index.url)
    assert "X-Cache" not in member_view
    assert "Zebracorn rota" in member_view.content.decode()
    assert "X-Cache" not in fetch(client, secret.url)
    client.logout()
    visitor_view = fetch(client, story_index.url)
    assert "Zebracorn rota" not in visitor_view.content.decode()


def test_a_page_with_a_form_token_is_never_stored(client, home_page):
    response = fetch(client, "/join/")
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "X-Cache" not in response
    assert "X-Cache" not in fetch(client, "/join/")


def test_a_visitor_with_messages_is_not_served_from_the_cache(client, story):
    fetch(client, story.url)
    client.cookies["messages"] = "something for this visitor"
    assert "X-Cache" not in fetch(client, story.url)


def test_pages_are_compressed_and_a_story_stays_small(client, story_index, story):
    response = fetch(client, story.url, accept_encoding="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) <= 100 * 1024
    assert b"Back to the bowling club" in gzip.decompress(response.content)
    # The compressed copy is stored apart from the plain one.
    plain = fetch(client, story.url)
    assert "Content-Encoding" not in plain and b"bowling club" in plain.content
    assert fetch(client, story.url, accept_encoding="gzip")["X-Cache"] == "hit"


def test_a_stored_page_is_brotli_for_a_client_that_takes_it(client, story_index, story):
    first = fetch(client, story.url, accept_encoding="gzip, deflate, br")
    assert first["Content-Encoding"] == "br"
    assert "Accept-Encoding" in first["Vary"]
    assert int(first["Content-Length"]) == len(first.content)
    assert b"Back to the bowling club" in brotli.decompress(first.content)
    again = fetch(client, story.url, accept_encoding="br")
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert len(again.content) < len(fetch(client, story.url, accept_encoding="gzip").content)


def test_a_page_that_is_not_stored_stays_gzip_with_its_padding(client, home_page):
    # The join form carries a form token: never stored, and never Brotli (no BREACH padding).
    response = fetch(client, "/join/", accept_encoding="br, gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "X-Cache" not in response


def test_the_feed_answers_if_modified_since_with_304(client, story_index, story):
    first = fetch(client, story_index.feed_url)
    assert first["Last-Modified"]
    again = fetch(client, story_index.feed_url, if_modified_since=first["Last-Modified"])
    assert again.status_code == 304
    older = http_date(story.last_published_at.timestamp() - 3600)
    assert fetch(client, story_index.feed_url, if_modified_since=older).status_code == 200


def test_a_helped_mark_purges_its_story_only(client, story_index, story):
    other = StoryPageFactory(parent=story_index, title="A walk on Sundays", themes=["Carers"])
    addresses = [story.url, other.url, story_index.url, "/"]
    for address in addresses:
        fetch(client, address)
    HelpedMark.objects.create(story=story, user=make_member("helped-reader"))
    response = fetch(client, story.url)
    assert response["X-Cache"] == "miss"
    assert "1 member said this story helped" in response.content.decode()
    for address in addresses[1:]:
        assert fetch(client, address)["X-Cache"] == "hit", address


def test_a_booking_purges_its_meeting_and_the_home_page_only(client, home_page, story_index, story):
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings, capacity=10)
    meeting.save_revision().publish()
    # The meetings index does not show places left.
    addresses = [meeting.url, "/", meetings.url, story.url, story_index.url]
    for address in addresses:
        fetch(client, address)
        assert fetch(client, address)["X-Cache"] == "hit", address
    book(meeting.pk, events_member())
    assert "9 of 10 places left" in fetch(client, meeting.url).content.decode()
    assert fetch(client, "/")["X-Cache"] == "miss"
    for address in addresses[2:]:
        assert fetch(client, address)["X-Cache"] == "hit", address
