"""The visitor page cache's rules: who may see a page is read from the database on every hit;
purging follows only what visitors see; the key is what the page reads."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction
from wagtail_factories import ImageFactory

from network_site.core.models import NavigationSettings, Sector, StandardPage
from network_site.core.page_cache import (
    Purge,
    accepted_encoding,
    registered_purges,
    without_tracking,
)
from stories.models import HelpedMark
from tests.factories.stories import StoryPageFactory, make_member, story_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(VISITOR_PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


@pytest.fixture
def notes(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Notes", slug="notes"))
    page.save_revision().publish()
    client.get("/")  # the site's settings are made on its first request (a content change)
    return page


def cached(client, url, **headers):
    """Fetches twice; the second answer, which must come from the cache."""
    client.get(url, headers=headers)
    response = client.get(url, headers=headers)
    assert response["X-Cache"] == "hit", url
    return response


# --- Who may see a page: from the database on every request -------------------------------------


def test_a_restriction_moved_onto_a_page_by_update_refuses_the_next_visitor(
    client, home_page, notes
):
    other = home_page.add_child(instance=StandardPage(title="Other", slug="other"))
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.LOGIN
    )
    cached(client, notes.url)
    # No signal, no purge: the stored copy is still there.
    PageViewRestriction.objects.filter(pk=restriction.pk).update(page=notes)
    response = client.get(notes.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_restriction_written_by_raw_sql_on_an_ancestor_refuses_the_next_visitor(client, notes):
    child = notes.add_child(instance=StandardPage(title="Inside", slug="inside"))
    child.save_revision().publish()
    cached(client, child.url)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailcore_pageviewrestriction (page_id, restriction_type, password)"
            " VALUES (%s, %s, '')",
            [notes.pk, PageViewRestriction.LOGIN],
        )
    assert client.get(child.url).status_code == 302
    assert client.get(notes.url).status_code == 302


def test_a_page_unpublished_by_update_is_not_served_from_the_cache(client, notes):
    cached(client, notes.url)
    Page.objects.filter(pk=notes.pk).update(live=False)
    assert client.get(notes.url).status_code == 404


# --- Precise purging -----------------------------------------------------------------------------


@pytest.fixture
def warm(client, story_index, notes):
    story = StoryPageFactory(parent=story_index, title="Back to the choir", themes=["Carers"])
    addresses = ["/", story_index.url, story.url, notes.url]
    for address in addresses:
        cached(client, address)
    return addresses


def all_still_hits(client, addresses):
    for address in addresses:
        assert client.get(address)["X-Cache"] == "hit", address


def test_a_members_draft_story_purges_nothing(client, story_index, warm):
    member = make_member("drafter")
    client.force_login(member)
    response = client.post(story_index.share_url, story_form_data(title="My draft"))
    assert response.status_code == 302
    client.logout()
    all_still_hits(client, warm)


def test_a_draft_of_a_live_page_purges_nothing(client, notes, warm):
    notes.title = "Notes, renamed in a draft"
    notes.save_revision()
    all_still_hits(client, warm)


def test_an_image_upload_and_its_renditions_purge_nothing(client, warm):
    image = ImageFactory(file=get_test_image_file())
    image.get_rendition("fill-100x100")
    image.get_rendition("width-200")
    all_still_hits(client, warm)


def test_an_editors_change_to_an_image_purges(client, warm):
    image = ImageFactory(file=get_test_image_file())
    image.title = "A new title"
    image.save()
    assert client.get("/")["X-Cache"] == "miss"


@pytest.mark.parametrize("change", ["navigation", "sector", "restriction"])
def test_settings_snippets_and_restrictions_purge(client, home_page, notes, warm, change):
    if change == "navigation":
        NavigationSettings.for_site(home_page.get_site()).save()
    elif change == "sector":
        Sector.objects.create(name="Housing support", slug="housing-support")
    else:
        PageViewRestriction.objects.create(page=notes, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/")["X-Cache"] == "miss"


def test_publishing_purges(client, notes, warm):
    notes.title = "Notes, published"
    notes.save_revision().publish()
    assert "Notes, published" in client.get(notes.url).content.decode()


def test_apps_register_what_purges_through_the_hook():
    purges = registered_purges()
    assert all(isinstance(purge, Purge) for purge in purges.values())
    # A "helped" mark purges its story only; a setting purges everything.
    assert purges[HelpedMark].pages_showing is not None
    assert purges[NavigationSettings].pages_showing is None


# --- The key is what the page reads --------------------------------------------------------------


def test_tracking_parameters_and_unread_ones_map_to_the_plain_page(client, notes, warm):
    plain = client.get(notes.url)
    for query in ("?utm_source=news&utm_medium=mail", "?fbclid=abc", "?gclid=1", "?nobody=reads"):
        response = client.get(notes.url + query)
        assert response["X-Cache"] == "hit", query
        assert response.content == plain.content


def test_a_parameter_the_page_reads_is_in_the_key(client, story_index, warm):
    first = client.get(story_index.url + "?page=1&utm_campaign=x")
    assert first["X-Cache"] == "miss"
    again = client.get(story_index.url + "?page=1&utm_campaign=y")
    assert again["X-Cache"] == "hit"
    chosen = client.get(story_index.url + "?perspective=manager")
    assert chosen["X-Cache"] == "miss"
    assert "Back to the choir" not in chosen.content.decode()
    assert client.get(story_index.url + "?perspective=manager&fbclid=z")["X-Cache"] == "hit"
    # A search the listing does not offer is not read: the plain listing.
    assert client.get(story_index.url + "?q=choir")["X-Cache"] == "hit"


def test_a_garbage_session_cookie_does_not_skip_the_cache(client, notes, warm):
    client.cookies["sessionid"] = "not-a-session-at-all"
    assert client.get(notes.url)["X-Cache"] == "hit"
    client.cookies["sessionid"] = "x"
    assert client.get(notes.url)["X-Cache"] == "hit"


def test_a_real_session_skips_the_cache(client, notes, warm):
    client.force_login(make_member("signed-in"))
    assert "X-Cache" not in client.get(notes.url)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("br;q=1.0, GZIP;q=0.5", "br"),
        ("br;q=0.4, gzip;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("BR", "br"),
        ("x-gzip", "gzip"),
        ("*", "gzip"),
        ("xgzip", "identity"),
        ("xbr, brotli", "identity"),
        ("gzipped", "identity"),
        ("gzip;q=0", "identity"),
        ("gzip;q=nonsense", "identity"),
        ("", "identity"),
        ("identity", "identity"),
    ],
)
def test_accept_encoding_is_read_token_by_token(header, expected):
    assert accepted_encoding(header) == expected


def test_xgzip_gets_the_plain_page(client, notes, warm):
    response = client.get(notes.url, headers={"accept-encoding": "xgzip"})
    assert "Content-Encoding" not in response
    assert b"Notes" in response.content


def test_tracking_parameters_are_dropped():
    assert without_tracking("utm_source=a&page=2&fbclid=b&gclid=c&q=x") == [
        ("page", "2"),
        ("q", "x"),
    ]


def test_a_page_created_live_purges(client, home_page, warm):
    # As a command or an import makes pages: saved live, with no publishing signal.
    home_page.add_child(instance=StandardPage(title="Made live", slug="made-live", live=True))
    assert client.get("/")["X-Cache"] == "miss"
