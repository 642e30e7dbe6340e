"""Members-only stories at flat cost: they all sit under one restricted page, so Wagtail's public
filter adds one clause however many there are, and nothing about them reaches a visitor."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from stories.models import MembersStoriesPage, StoryPage
from tests.factories.stories import StoryPageFactory, make_member

pytestmark = pytest.mark.django_db

SECRET = "Zebracorn"


def make_stories(story_index, members_only, public=2):
    for number in range(public):
        StoryPageFactory(parent=story_index, title=f"Open story {number}", themes=["Carers"])
    for number in range(members_only):
        StoryPageFactory(
            parent=story_index,
            title=f"{SECRET} rota story {number}",
            summary=f"{SECRET} details only members read.",
            themes=["Carers"],
            sector_slugs=["health"],
            audience="members",
        )


def public_filter_sql():
    return str(StoryPage.objects.live().public().query)


def test_the_public_filter_does_not_grow_with_members_only_stories(story_index):
    make_stories(story_index, members_only=1)
    one = public_filter_sql()
    make_stories(story_index, members_only=6, public=0)
    assert public_filter_sql() == one
    assert PageViewRestriction.objects.count() == 1
    folder = MembersStoriesPage.objects.get()
    assert StoryPage.objects.child_of(folder).count() == 7
    assert StoryPage.objects.live().public().count() == 2


def test_nothing_members_only_reaches_a_visitor(client, story_index):
    make_stories(story_index, members_only=3)
    secret = StoryPage.objects.filter(audience="members").first()
    pages = [
        story_index.url,
        story_index.theme_url("carers"),
        story_index.feed_url,
        "/",
        "/search/?q=rota",
        "/api/v2/pages/?type=stories.StoryPage&fields=title",
        f"/api/v2/pages/{secret.pk}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert SECRET not in response.content.decode(), url
    found = client.get("/search/", {"q": SECRET}).context["results_page"]
    assert len(found) == 0
    # The story, and the restricted page that holds it, send a visitor to sign in.
    folder = MembersStoriesPage.objects.get()
    for url in (secret.url, folder.url):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    # Counts shown to visitors count public stories only.
    facets = {
        facet.name: facet.options for facet in client.get(story_index.url).context["listing"].facets
    }
    assert {option.label: option.count for option in facets["theme"]} == {"Carers": 2}
    assert [option.label for option in facets["sector"] if option.count] == []


def test_members_read_members_only_stories(client, story_index):
    make_stories(story_index, members_only=2)
    client.force_login(make_member("reader"))
    listing = client.get(story_index.url).content.decode()
    assert SECRET in listing
    secret = StoryPage.objects.filter(audience="members").first()
    assert client.get(secret.url).status_code == 200
    # The restricted page has nothing of its own to show: it sends members to the index.
    assert client.get(MembersStoriesPage.objects.get().url)["Location"] == story_index.url


def test_a_signed_in_non_member_is_refused(client, story_index, django_user_model):
    make_stories(story_index, members_only=1)
    client.force_login(
        django_user_model.objects.create_user("outsider", "o@example.org", "pw-long-1")
    )
    secret = StoryPage.objects.filter(audience="members").first()
    assert client.get(secret.url).status_code in (302, 403)
    assert SECRET not in client.get(story_index.url).content.decode()


def test_the_migration_moves_existing_members_only_stories(story_index):
    """Stories made members-only the old way (their own restriction, under the index) move under
    the restricted page and lose their own restriction."""
    import importlib

    from django.apps import apps as global_apps

    make_stories(story_index, members_only=0, public=1)
    old = StoryPageFactory(
        parent=story_index, title=f"{SECRET} old", slug="open-story-0-x", published=False
    )
    StoryPage.objects.filter(pk=old.pk).update(audience="members", live=True)
    PageViewRestriction.objects.create(page=old, restriction_type=PageViewRestriction.LOGIN)
    migration = importlib.import_module(
        "stories.migrations.0004_members_only_stories_under_one_restriction"
    )
    migration.move_members_only_stories(global_apps, None)

    old = StoryPage.objects.get(pk=old.pk)
    folder = MembersStoriesPage.objects.get()
    assert old.get_parent().pk == folder.pk
    assert old.url_path == f"{folder.url_path}{old.slug}/"
    assert list(PageViewRestriction.objects.values_list("page_id", flat=True)) == [folder.pk]
    assert StoryPage.objects.live().public().filter(pk=old.pk).count() == 0
    # The tree is still consistent: treebeard's own check finds nothing to fix.
    from wagtail.models import Page

    assert Page.find_problems() == ([], [], [], [], [])
    call_command("fixtree", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_related_stories_kept_for_a_member_never_reach_a_visitor(client, settings, story_index):
    settings.CONTENT_CACHE_SECONDS = 300
    client.get("/")  # the site's settings are made on its first request (a content change)
    make_stories(story_index, members_only=1, public=2)
    open_story = StoryPage.objects.get(title="Open story 0")

    def related_titles():
        return [story.title for story in client.get(open_story.url).context["related_stories"]]

    client.force_login(make_member("related-reader"))
    assert related_titles() == [f"{SECRET} rota story 0", "Open story 1"]
    client.logout()
    assert related_titles() == ["Open story 1"]
    # Publishing another story sharing the theme puts it in the list at once.
    StoryPageFactory(parent=story_index, title="Open story 2", themes=["Carers"])
    assert related_titles() == ["Open story 2", "Open story 1"]
