"""What is expensive and the same for everyone who may see it (the home page's latest stories, a
listing's page of items, the guide's map) comes from the content cache until the content changes,
and a member's never reaches a visitor; what a single page reads of itself does not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mapping.models import EntryDimensionValue
from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    MappingGuidePageFactory,
    give_value,
)
from tests.factories.resources import BookletChapterPageFactory, BookletPageFactory
from tests.factories.stories import StoryPageFactory, make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("content_cache")]


@pytest.fixture
def content_cache(settings, client, home_page):
    settings.CONTENT_CACHE_SECONDS = 300
    client.get("/")  # the site's settings are made on its first request (a content change)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries], response


def test_the_latest_stories_on_the_home_page_come_from_the_cache_until_one_is_published(
    client, story_index
):
    StoryPageFactory(parent=story_index, title="Back to the choir", themes=["Carers"])
    StoryPageFactory(parent=story_index, title="Kept for members", audience="members")
    client.get("/")
    sql, response = queries_for(client, "/")
    assert not [query for query in sql if "stories_storypage" in query or "taggit" in query]
    html = response.content.decode()
    assert "Back to the choir" in html and "Carers" in html
    assert f'href="{story_index.url}"' in html
    assert "Kept for members" not in html
    client.force_login(make_member("home-reader"))
    assert "Kept for members" not in client.get("/").content.decode()
    client.logout()
    StoryPageFactory(parent=story_index, title="A garden share")
    assert "A garden share" in client.get("/").content.decode()


def test_a_listings_items_are_kept_apart_for_members_and_visitors(client, story_index):
    StoryPageFactory(parent=story_index, title="Open to all")
    StoryPageFactory(parent=story_index, title="Members only", audience="members")

    def titles():
        return [story.title for story in client.get(story_index.url).context["listing"].page]

    assert titles() == ["Open to all"]
    sql, _response = queries_for(client, story_index.url)
    assert not [query for query in sql if "stories_storypage" in query]
    client.force_login(make_member("listing-reader"))
    assert titles() == ["Members only", "Open to all"]
    client.logout()
    assert titles() == ["Open to all"]
    StoryPageFactory(parent=story_index, title="Newest")
    assert titles() == ["Newest", "Open to all"]


@pytest.fixture
def guide(home_page):
    guide = MappingGuidePageFactory(parent=home_page)
    dimension = ComparisonDimensionFactory(name="Starts from what matters")
    for slug in ("entry-a", "entry-b"):
        entry = MappingEntryPageFactory(parent=guide, slug=slug, title=f"Title {slug}")
        give_value(entry, dimension, "yes")
    return guide


def test_the_map_comes_from_the_cache_until_an_answer_changes(client, guide):
    matrix = guide.url + "matrix/"

    def cells():
        return [row[3] for row in client.get(matrix).context["dimension_rows"]]

    assert cells() == [[("yes", "Yes")], [("yes", "Yes")]]
    sql, response = queries_for(client, matrix)
    assert not [query for query in sql if "mapping_entrydimensionvalue" in query]
    titles = [row[0] for row in response.context["dimension_rows"]]
    assert titles == ["Title entry-a", "Title entry-b"]
    for value in EntryDimensionValue.objects.all():
        value.value = "no"
        value.save()
    assert cells() == [[("no", "No")], [("no", "No")]]


def test_a_comparison_follows_its_entries(client, guide):
    compare = guide.url + "compare/?entry=entry-a&entry=entry-b"
    assert "Title entry-a" in client.get(compare).content.decode()
    _sql, response = queries_for(client, compare)
    assert [entry.title for entry in response.context["comparison"].entries] == [
        "Title entry-a",
        "Title entry-b",
    ]
    # Both chosen entries are ticked in the form below the comparison.
    assert response.content.decode().count(" checked>") == 2
    entry = guide.get_children().get(slug="entry-b").specific
    entry.title = "Renamed entry"
    entry.save_revision().publish()
    assert "Renamed entry" in client.get(compare).content.decode()


def test_a_theme_archive_only_members_stories_use_stays_hidden_from_visitors(client, story_index):
    StoryPageFactory(parent=story_index, title="Rota", themes=["Night shifts"], audience="members")
    archive = story_index.theme_url("night-shifts")
    assert client.get(archive).status_code == 404
    client.force_login(make_member("archive-reader"))
    assert "Rota" in client.get(archive).content.decode()
    client.logout()
    assert client.get(archive).status_code == 404
    StoryPageFactory(parent=story_index, title="Open nights", themes=["Night shifts"])
    assert "Open nights" in client.get(archive).content.decode()


def test_a_chapters_previous_and_next_follow_a_chapter_added(client, home_page):
    booklet = BookletPageFactory(parent=home_page)
    first = BookletChapterPageFactory(parent=booklet, title="First", slug="first")
    BookletChapterPageFactory(parent=booklet, title="Second", slug="second")
    client.get(first.url)
    _sql, response = queries_for(client, first.url)
    assert response.context["next_page"].title == "Second"
    last = BookletChapterPageFactory(parent=booklet, title="Third", slug="third")
    assert client.get(last.url).context["previous_page"].title == "Second"
    assert [part.title for part in client.get(first.url).context["parts"]] == [
        "First",
        "Second",
        "Third",
    ]


def test_a_storys_helped_count_follows_each_mark(client, story_index):
    from stories.models import HelpedMark

    story = StoryPageFactory(parent=story_index, title="Back to the choir")
    reader = make_member("helped-reader")
    client.force_login(reader)
    client.post(story.url + "helped/")
    client.logout()
    assert "1 member said" in client.get(story.url).content.decode()
    second = make_member("second-reader")
    client.force_login(second)
    client.post(story.url + "helped/")
    client.logout()
    assert "2 members said" in client.get(story.url).content.decode()
    HelpedMark.objects.filter(user=reader).delete()
    assert "1 member said" in client.get(story.url).content.decode()
    second.delete()  # the member's marks go with their account
    assert "said this story helped" not in client.get(story.url).content.decode()


def test_a_storys_related_stories_are_kept_apart_for_members_and_visitors(client, story_index):
    story = StoryPageFactory(parent=story_index, title="Asking", themes=["Carers"])
    StoryPageFactory(
        parent=story_index, title="Members rota", themes=["Carers"], audience="members"
    )

    def related():
        return [page.title for page in client.get(story.url).context["related_stories"]]

    assert related() == []
    client.force_login(make_member("related-reader"))
    assert related() == ["Members rota"]
    client.logout()
    assert related() == []
