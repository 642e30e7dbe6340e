"""Reading and finding stories: the index and its filters, theme archives, the story page,
the feed, site search, the home page, members-only stories and "this helped my practice"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network_site.core.models import HomePage
from stories.models import HelpedMark, StoryIndexPage, StoryPage
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.stories import StoryPageFactory, make_member, make_story_index

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reading_site(django_db_setup, django_db_blocker):
    """The home page, the stories index and three public stories and one for members only, built
    once for the module (each test still runs in its own savepoint): primary keys by name."""
    with module_database(django_db_blocker):
        home = make_home_page()
        story_index = make_story_index(home)
        built = {
            "carers": StoryPageFactory(
                parent=story_index,
                title="A carer gets her evenings back",
                slug="carer-evenings",
                perspective="unpaid-carer",
                council_area="fife",
                themes=["Carers", "Good conversations"],
                sector_slugs=["third-sector"],
                credit="name",
                credit_name="Jo Bloggs",
            ),
            "housing": StoryPageFactory(
                parent=story_index,
                title="A home near his brother",
                slug="home-near-brother",
                perspective="manager",
                council_area="dundee-city",
                themes=["Housing"],
                sector_slugs=["housing"],
                credit="role",
                credit_role="Housing manager",
                credit_organisation="A housing association",
            ),
            "young": StoryPageFactory(
                parent=story_index,
                title="A statement written at school",
                slug="statement-at-school",
                perspective="practitioner",
                council_area="fife",
                themes=["Young carers", "Carers"],
                sector_slugs=["education", "social-care"],
            ),
            "members": StoryPageFactory(
                parent=story_index,
                title="Secret rota troubles",
                slug="members-only-rota",
                summary="A rota story only members should read.",
                perspective="practitioner",
                themes=["Carers"],
                sector_slugs=["health"],
                audience="members",
            ),
        }
        yield {
            "home": home.pk,
            "index": story_index.pk,
            "stories": {name: story.pk for name, story in built.items()},
        }


@pytest.fixture
def home_page(reading_site, db):
    return HomePage.objects.get(pk=reading_site["home"])


@pytest.fixture
def story_index(reading_site, db):
    return StoryIndexPage.objects.get(pk=reading_site["index"])


@pytest.fixture
def stories(reading_site, db):
    """Fresh copies each test, so that what one test does to an object the next does not see."""
    return {name: StoryPage.objects.get(pk=pk) for name, pk in reading_site["stories"].items()}


def listed_titles(response):
    return [story.title for story in response.context["listing"].page]


def option_counts(response, facet):
    for result in response.context["listing"].facets:
        if result.name == facet:
            return {option.value: option.count for option in result.options}
    raise AssertionError(f"no facet {facet}")


def test_index_lists_public_stories_newest_first(client, stories, story_index):
    response = client.get(story_index.url)
    assert response.status_code == 200
    assert listed_titles(response) == [
        "A statement written at school",
        "A home near his brother",
        "A carer gets her evenings back",
    ]


def test_filters_narrow_the_list_and_show_counts(client, stories, story_index):
    response = client.get(story_index.url, {"theme": "carers", "area": "fife"})
    assert listed_titles(response) == [
        "A statement written at school",
        "A carer gets her evenings back",
    ]
    assert option_counts(response, "theme") == {
        "carers": 2,
        "good-conversations": 1,
        "young-carers": 1,
    }
    assert option_counts(response, "perspective")["unpaid-carer"] == 1
    assert option_counts(response, "sector")["education"] == 1
    # An area the other filters leave no story in is not offered, unless chosen.
    assert option_counts(response, "area") == {"fife": 2}
    html = response.content.decode()
    assert "Carers (2)" in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize(
    "junk",
    [
        {"theme": "no-such-theme"},
        {"theme": "<script>alert(1)</script>"},
        {"sector": "' OR 1=1 --"},
        {"perspective": "astronaut"},
        {"area": "atlantis"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"theme": ["carers", "housing"]},
        {"sector": "\x00"},
    ],
)
def test_junk_filter_values_are_ignored(client, stories, story_index, junk):
    response = client.get(story_index.url, junk)
    assert response.status_code == 200
    assert len(listed_titles(response)) in (3, 1)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_unknown_theme_shows_every_story(client, stories, story_index):
    response = client.get(story_index.url, {"theme": "no-such-theme"})
    assert len(listed_titles(response)) == 3
    assert response.context["listing"].selected == {}


def test_theme_archive(client, stories, story_index):
    response = client.get(story_index.theme_url("housing"))
    assert response.status_code == 200
    assert listed_titles(response) == ["A home near his brother"]
    assert "Stories about Housing" in response.content.decode()
    assert client.get(story_index.theme_url("no-such-theme")).status_code == 404


@pytest.mark.usefixtures("content_cache_off")
def test_index_query_count_is_the_same_with_5_and_15_stories(client, story_index):
    def count_queries():
        client.get(story_index.url, {"sector": "health"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(story_index.url, {"sector": "health"})
        assert response.status_code == 200
        return len(queries), len(listed_titles(response))

    for number in range(5):
        StoryPageFactory(
            parent=story_index,
            themes=["Carers", f"Theme {number}"],
            sector_slugs=["health", "housing"],
        )
    few, shown = count_queries()
    assert shown == 5
    for number in range(5, 15):
        StoryPageFactory(
            parent=story_index,
            themes=["Carers", f"Theme {number}"],
            sector_slugs=["health", "housing"],
        )
    many, shown = count_queries()
    assert shown == 10
    assert many == few


def test_story_page_shows_sections_credit_themes_and_date(client, stories, story_index):
    story = stories["housing"]
    response = client.get(story.url)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ["What mattered", "What we did together", "What changed", "What I learned"]:
        assert heading in html
    assert "Housing manager, A housing association" in html
    assert f'href="{story_index.theme_url("housing")}"' in html
    assert story.first_published_at.strftime("%Y-%m-%d") in html
    assert "Jo Bloggs" in client.get(stories["carers"].url).content.decode()
    assert "A network member (practitioner)" in client.get(stories["young"].url).content.decode()


def test_related_stories_share_a_theme_and_respect_the_audience(client, stories):
    response = client.get(stories["carers"].url)
    related = [story.title for story in response.context["related_stories"]]
    assert related == ["A statement written at school"]
    client.force_login(make_member("reader"))
    response = client.get(stories["carers"].url)
    related = [story.title for story in response.context["related_stories"]]
    assert related == ["Secret rota troubles", "A statement written at school"]


def test_members_only_stories_are_hidden_from_visitors(client, stories, story_index):
    secret = stories["members"]
    assert "Secret rota troubles" not in listed_titles(client.get(story_index.url))
    assert (
        client.get(story_index.url, {"sector": "health"}).context["listing"].page.paginator.count
        == 0
    )
    response = client.get(secret.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    search = client.get("/search/", {"q": "rota"})
    assert search.context["results_page"].paginator.count == 0
    feed = client.get(story_index.feed_url).content.decode()
    assert "Secret rota troubles" not in feed
    assert "A carer gets her evenings back" in feed
    assert "Secret rota troubles" not in client.get("/").content.decode()


def test_members_see_members_only_stories(client, stories, story_index, django_user_model):
    client.force_login(make_member("reader"))
    assert "Secret rota troubles" in listed_titles(client.get(story_index.url))
    response = client.get(stories["members"].url)
    assert response.status_code == 200
    assert "Network members only" in response.content.decode()
    # A signed-in account that is not a member is treated like a visitor.
    pending = django_user_model.objects.create_user(username="pending", email="p@example.org")
    client.force_login(pending)
    assert "Secret rota troubles" not in listed_titles(client.get(story_index.url))


def test_feed_is_atom_with_public_stories(client, stories, story_index):
    response = client.get(story_index.feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 3
    assert "Housing manager, A housing association" in body


def test_stories_are_in_site_search(client, stories):
    response = client.get("/search/", {"q": "brother"})
    assert [result.title for result in response.context["results_page"]] == [
        "A home near his brother"
    ]


def test_home_page_shows_the_latest_public_stories(client, stories, home_page):
    html = client.get(home_page.url).content.decode()
    assert "Latest stories from practice" in html
    assert "A statement written at school" in html
    assert "Secret rota troubles" not in html


def test_this_helped_my_practice_once_per_member(client, stories):
    story = stories["carers"]
    helped_url = story.url + "helped/"
    assert client.post(helped_url).status_code == 403
    reader = make_member("reader")
    client.force_login(reader)
    assert "This helped my practice" in client.get(story.url).content.decode()
    assert client.post(helped_url).status_code == 302
    assert client.post(helped_url).status_code == 302
    assert HelpedMark.objects.filter(story=story).count() == 1
    html = client.get(story.url).content.decode()
    assert "1 member said this story helped" in html
    assert "You said this story helped your practice" in html
    client.force_login(make_member("second"))
    client.post(helped_url)
    assert "2 members said this story helped" in client.get(story.url).content.decode()
    assert client.get(helped_url).status_code == 302


def test_the_helped_count_shows_only_once_someone_marked_it(client, stories):
    story = stories["carers"]
    html = client.get(story.url).content.decode()
    assert "said this story helped" not in html
    assert "Did this help your practice?" not in html  # a visitor can neither see nor give a mark

    client.force_login(make_member("reader"))
    html = client.get(story.url).content.decode()
    assert "0 members" not in html and "said this story helped" not in html
    assert "This helped my practice" in html

    client.post(story.url + "helped/")
    client.logout()
    assert "1 member said this story helped" in client.get(story.url).content.decode()


def test_a_story_is_found_by_a_theme_that_appears_nowhere_else(client, story_index):
    story = StoryPageFactory(
        parent=story_index, title="Tea on a Tuesday", published=False, live=False
    )
    # As the sharing form and the workflow do: the themes live in a revision until it is published.
    story.tags.set(["Kinship care"])
    story.save_revision().publish()
    response = client.get("/search/", {"q": "kinship"})
    assert [result.title for result in response.context["results_page"]] == ["Tea on a Tuesday"]
