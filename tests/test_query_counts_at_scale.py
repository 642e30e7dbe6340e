"""Every page type costs the same number of queries with a small network as with one three times
larger: nothing is fetched once per story, resource, entry or meeting."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import MeetingIndexPage, MeetingPage
from mapping.models import MappingEntryPage, MappingGuidePage
from resources.models import ResourceIndexPage, ResourcePage
from stories.models import StoryIndexPage, StoryPage
from tests.factories.events import MeetingIndexPageFactory
from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    MappingGuidePageFactory,
)
from tests.factories.resources import ResourceIndexPageFactory
from tests.factories.stories import StoryPageFactory, make_member, make_story_index

pytestmark = pytest.mark.django_db


def grow(seed, stories, members=6, resources=4, entries=3, meetings=4):
    call_command(
        "generate_network",
        stdout=io.StringIO(),
        seed=seed,
        stories=stories,
        members=members,
        resources=resources,
        mapping_entries=entries,
        meetings=meetings,
    )


def page_addresses():
    index = StoryIndexPage.objects.get()
    story = StoryPage.objects.live().public().filter(audience="public").order_by("pk").first()
    guide = MappingGuidePage.objects.get()
    entries = list(MappingEntryPage.objects.order_by("pk").values_list("slug", flat=True)[:2])
    return [
        "/",
        index.url,
        index.url + "?page=2",
        index.url + "?theme=carers&sector=health",
        index.theme_url("carers"),
        index.feed_url,
        story.url,
        "/search/?q=conversation",
        "/search/?q=carer+plan",
        ResourceIndexPage.objects.get().url,
        ResourcePage.objects.order_by("pk").first().url,
        guide.url,
        MappingEntryPage.objects.order_by("pk").first().url,
        f"{guide.url}compare/?entry={entries[0]}&entry={entries[1]}",
        f"{guide.url}matrix/",
        MeetingIndexPage.objects.get().url,
        MeetingPage.objects.order_by("pk").first().url,
    ]


def query_counts(client, addresses):
    counts = {}
    for address in addresses:
        client.get(address)  # warm per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        counts[address] = len(queries)
        if address.startswith("/search/"):
            # Each page type on the page of results costs one query (its own fields): which types
            # the newest results hold depends on the content, not on how much of it there is.
            results = response.context["results_page"].object_list
            counts[address] -= len({type(page) for page in results})
    return counts


@pytest.fixture
def network(home_page):
    index = make_story_index(home_page)
    # Every listing has results in both networks (an empty list skips its prefetches).
    StoryPageFactory(
        parent=index, title="A story told by hand", themes=["Carers"], sector_slugs=["health"]
    )
    ResourceIndexPageFactory(parent=home_page)
    guide = MappingGuidePageFactory(parent=home_page)
    MappingEntryPageFactory(parent=guide)
    ComparisonDimensionFactory(name="Starts from what matters")
    MeetingIndexPageFactory(parent=home_page)
    grow(seed=1, stories=25)  # with 4 meetings: 2 upcoming and 2 past


@pytest.mark.usefixtures("content_cache_off")
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_query_counts_do_not_grow_with_the_network(client, network, signed_in):
    if signed_in:
        client.force_login(make_member("counting-member"))
    addresses = page_addresses()
    few = query_counts(client, addresses)
    grow(seed=2, stories=75, members=12, resources=12, entries=9, meetings=6)
    many = query_counts(client, addresses)
    for address in addresses:
        assert many[address] == few[address], address
