"""What Wagtail looks up for every page (the route to it, its view restrictions, its ancestors) comes
from the content cache once anyone has asked since the content changed; who may see a page is
still checked on every request, and a story's themes cost one query however many it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from network_site.core.models import StandardPage
from stories.models import StoryPage
from tests.factories.stories import StoryPageFactory, make_member

pytestmark = pytest.mark.django_db


def queries_for(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, url
    return [query["sql"] for query in queries], response


@pytest.fixture
def content_cache(settings, client, home_page):
    settings.CONTENT_CACHE_SECONDS = 300
    client.get("/")  # the site's settings are made on its first request (a content change)


def test_a_story_is_routed_and_checked_without_a_query_for_the_tree(
    client, content_cache, story_index
):
    StoryPageFactory(parent=story_index, title="Another", themes=["Carers"])
    story = StoryPageFactory(parent=story_index, themes=["Carers", "Housing"])
    client.get(story.url)
    sql, response = queries_for(client, story.url)
    # None: its themes and sectors came with it from routing, the related stories and its
    # "helped" count from the content cache.
    assert sql == []
    assert not [query for query in sql if "wagtailcore_pageviewrestriction" in query]
    html = response.content.decode()
    assert f'href="{story_index.url}"' in html  # the breadcrumbs, from the pages routing passed
    assert f'href="{story_index.theme_url("housing")}"' in html
    assert response.context["page"].story_index.pk == story_index.pk
    assert [related.title for related in response.context["related_stories"]] == ["Another"]


def test_a_members_only_story_is_still_refused_to_a_visitor(client, content_cache, story_index):
    secret = StoryPageFactory(parent=story_index, title="Rota troubles", audience="members")
    client.get(secret.url)
    response = client.get(secret.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(make_member("reader"))
    assert "Rota troubles" in client.get(secret.url).content.decode()
    client.logout()
    assert client.get(secret.url).status_code == 302


def test_a_new_restriction_applies_at_once(client, content_cache, home_page):
    page = home_page.add_child(instance=StandardPage(title="Notes", slug="notes"))
    page.save_revision().publish()
    assert client.get("/notes/").status_code == 200
    assert client.get("/notes/").status_code == 200  # routed from the content cache
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/notes/").status_code == 302
    assert not StandardPage.objects.live().public().filter(pk=page.pk).exists()


def test_a_moved_page_is_found_at_its_new_address(client, content_cache, home_page):
    first = home_page.add_child(instance=StandardPage(title="First", slug="first"))
    second = home_page.add_child(instance=StandardPage(title="Second", slug="second"))
    notes = first.add_child(instance=StandardPage(title="Notes", slug="notes"))
    assert client.get("/first/notes/").status_code == 200
    notes.move(second, pos="last-child")
    assert client.get("/second/notes/").status_code == 200
    # Not the page kept at the old address: Wagtail's redirect to the new one.
    old_address = client.get("/first/notes/")
    assert old_address.status_code == 301 and old_address["Location"] == "/second/notes/"


def test_unpublished_pages_are_not_found(client, content_cache, story_index):
    story = StoryPageFactory(parent=story_index)
    assert client.get(story.url).status_code == 200
    story.unpublish()
    assert client.get(story.url).status_code == 404


@pytest.mark.usefixtures("content_cache_off")
def test_a_story_reads_its_themes_in_one_query_however_many_it_has(client, story_index):
    def theme_queries(story):
        client.get(story.url)
        sql, response = queries_for(client, story.url)
        return [query for query in sql if "taggit_tag" in query], len(sql), response

    one = StoryPageFactory(parent=story_index, themes=["Carers"])
    many = StoryPageFactory(parent=story_index, themes=[f"Theme {n}" for n in range(6)])
    tag_queries, few_total, _ = theme_queries(one)
    assert len(tag_queries) == 1
    tag_queries, many_total, response = theme_queries(many)
    assert len(tag_queries) == 1
    assert many_total == few_total
    assert [tag.name for tag in response.context["page"].themes] == [f"Theme {n}" for n in range(6)]


def test_a_draft_previewed_shows_its_own_themes(story_index):
    story = StoryPageFactory(parent=story_index, themes=["Carers"])
    draft = StoryPage.objects.get(pk=story.pk)
    draft.tags.set(["Housing", "Advocacy"])  # in memory, as a preview's revision is
    assert [tag.name for tag in draft.themes] == ["Advocacy", "Housing"]


def test_the_sites_root_paths_are_read_once_a_request_not_once_a_page(
    client, content_cache, story_index, monkeypatch
):
    for number in range(6):
        StoryPageFactory(parent=story_index, title=f"Story {number}")
    address = story_index.url
    reads = []
    read = Site.get_site_root_paths

    def counted():
        reads.append(1)
        return read()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    response = client.get(address)
    assert len(response.context["listing"].page) == 6
    # Once for the request's own copy ({% pageurl %}) and once for the addresses without one
    # (`story.url`): not once for each story listed.
    assert len(reads) <= 2
