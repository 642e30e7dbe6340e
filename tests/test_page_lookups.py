"""Wagtail's own routing and view restrictions, with the content cache on: who may see a page is
checked on every request, and a story's themes cost one query however many it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

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
