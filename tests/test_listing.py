"""The core's listing pieces: the one search field, the window of page links, and the facet counts
kept in the shared cache until the content changes."""

import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from network_site.core.forms import SearchForm
from tests.factories.stories import StoryPageFactory, make_member


def page_links(number, count=1000):
    request = RequestFactory().get("/results/", {"q": "carers", "page": number})
    html = render_to_string(
        "components/pagination.html",
        {"items": Paginator(range(count), 1).get_page(number)},
        request=request,
    )
    return re.findall(r'aria-label="Page (\d+)"', html), html


@pytest.mark.django_db
def test_a_thousand_pages_get_a_window_of_links_not_a_thousand():
    numbers, html = page_links(500)
    assert numbers == ["1", "498", "499", "500", "501", "502", "1000"]
    assert html.count("ds_pagination__link--ellipsis") == 2
    assert 'aria-current="page"' in html and "q=carers" in html
    assert "Previous" in html and "Next" in html


@pytest.mark.django_db
def test_near_the_ends_the_window_runs_into_them():
    assert page_links(1)[0] == ["1", "2", "3", "1000"]
    assert page_links(1000)[0] == ["1", "998", "999", "1000"]
    assert page_links(3, count=5)[0] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ('"carers" AND (young', "carers AND young"),
        ("  self-directed   support ", "self-directed support"),
        ("o'connor's", "o'connor's"),
        ("((()))", ""),
    ],
)
def test_the_search_field_keeps_only_the_words(typed, cleaned):
    form = SearchForm({"q": typed})
    assert form.is_valid()
    assert form.cleaned_data["q"] == cleaned


def test_a_search_too_long_is_refused_with_a_message():
    form = SearchForm({"q": "x" * 201})
    assert not form.is_valid()
    assert "200 characters or fewer" in form.errors["q"][0]


def theme_counts(client, url):
    listing = client.get(url).context["listing"]
    theme = next(facet for facet in listing.facets if facet.name == "theme")
    return {option.label: option.count for option in theme.options}, listing.page.paginator.count


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [query["sql"] for query in queries if "COUNT(" in query["sql"]]


@pytest.fixture
def content_cache_on(settings, client, home_page):
    settings.CONTENT_CACHE_SECONDS = 300
    # A site's first request creates its settings, which (as any content change) turns the cache
    # over: make them before counting.
    client.get("/")


@pytest.mark.django_db
@pytest.mark.usefixtures("content_cache_on")
def test_facet_counts_come_from_the_shared_cache_until_a_story_changes(client, story_index):
    story = StoryPageFactory(parent=story_index, title="Back to the choir", themes=["Carers"])
    assert theme_counts(client, story_index.url) == ({"Carers": 1}, 1)
    # Again: the options, counts and number of results are read from the cache, not counted.
    assert count_queries(client, story_index.url) == []
    StoryPageFactory(parent=story_index, title="A garden share", themes=["Carers", "Housing"])
    assert theme_counts(client, story_index.url) == ({"Carers": 2, "Housing": 1}, 2)
    story.unpublish()
    assert theme_counts(client, story_index.url) == ({"Carers": 1, "Housing": 1}, 1)


@pytest.mark.django_db
@pytest.mark.usefixtures("content_cache_on")
def test_a_visitor_never_gets_a_members_cached_counts(client, story_index):
    StoryPageFactory(parent=story_index, title="Open to all", themes=["Carers"])
    StoryPageFactory(
        parent=story_index, title="Members only", themes=["Housing"], audience="members"
    )
    client.force_login(make_member("counting-member"))
    assert theme_counts(client, story_index.url) == ({"Carers": 1, "Housing": 1}, 2)
    client.logout()
    assert theme_counts(client, story_index.url) == ({"Carers": 1}, 1)


def titles_on(client, url):
    return [story.title for story in client.get(url).context["listing"].page]


@pytest.mark.django_db
@pytest.mark.usefixtures("content_cache_on")
def test_a_deep_page_fetches_its_own_items_by_id_without_walking_the_ones_before(
    client, story_index
):
    for number in range(21):
        StoryPageFactory(parent=story_index, title=f"Story {number:02}")
    newest_first = [f"Story {number:02}" for number in reversed(range(21))]
    assert titles_on(client, story_index.url) == newest_first[:10]
    with CaptureQueriesContext(connection) as queries:
        assert titles_on(client, story_index.url + "?page=2") == newest_first[10:20]
    story_queries = [query["sql"] for query in queries if '"stories_storypage"' in query["sql"]]
    assert story_queries and not [sql for sql in story_queries if "OFFSET" in sql.upper()]
    assert titles_on(client, story_index.url + "?page=3") == ["Story 00"]
    # A new story moves every page along: the cached order is worked out afresh.
    StoryPageFactory(parent=story_index, title="Story 21")
    assert titles_on(client, story_index.url + "?page=3") == ["Story 01", "Story 00"]
