"""A site upgraded from the previous release keeps every privacy rule a fresh install has.

The previous release had members-only stories beside the public ones, each with its own view
restriction, and kept members' story images in the root collection (listed by the public images
API). The test builds such a site: the page tree and the people with today's factories, then the
database migrated back to the previous release's migrations and the old shapes written with that
release's models; then `migrate` to now, and every rule is checked through the site's URLs.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page
from wagtail_factories import ImageFactory

from events.booking import book
from events.models import Booking
from network_site.core.roles import EDITOR
from network_site.membership.models import JoinRequest
from stories.models import MembersStoriesPage, StoryPage
from stories.uploads import UPLOADS_COLLECTION
from stories.views import KEPT_IMAGE_TAG
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import JoinRequestFactory, make_staff
from tests.factories.stories import StoryPageFactory, make_member, make_story_index

# The previous release: before members-only stories moved under one restricted page.
PREVIOUS_RELEASE = [("stories", "0003_members_stories_page")]


def members_image(owner, title):
    return ImageFactory(
        title=title,
        uploaded_by_user=owner,
        file=get_test_image_file(),
        collection=Collection.get_first_root_node(),
    )


def build_site(home_page):
    teller = make_member("teller")
    editor = make_staff(EDITOR, email="editor@example.org")
    stories = make_story_index(home_page)
    public = StoryPageFactory(
        parent=stories, owner=teller, title="Public story", slug="public-story"
    )
    members = StoryPageFactory(
        parent=stories, owner=teller, title="Story for members", slug="members-story"
    )
    draft = StoryPageFactory(
        parent=stories, owner=teller, title="Draft story", slug="draft", published=False, live=False
    )
    images = {
        "public": members_image(teller, "Image of the public story"),
        "members": members_image(teller, "Image of the members' story"),
        "draft": members_image(teller, "Image of the draft"),
        "kept": members_image(teller, "Image kept for a form"),
        "editors": ImageFactory(
            title="Editor's photo",
            uploaded_by_user=editor,
            collection=Collection.get_first_root_node(),
        ),
    }
    images["kept"].tags.add(KEPT_IMAGE_TAG)
    for story, image in ((public, "public"), (members, "members"), (draft, "draft")):
        story.image, story.image_alt_text = images[image], "A garden"
        revision = story.save_revision()
        if story.live:
            revision.publish()
    meeting = MeetingPageFactory(
        parent=MeetingIndexPageFactory(parent=home_page),
        starts_at=timezone.now() + timezone.timedelta(days=20),
    )
    book(meeting.pk, teller)
    join_request = JoinRequestFactory(status=JoinRequest.Status.PENDING)
    return {
        "teller": teller,
        "stories": stories,
        "public": public,
        "members": members,
        "draft": draft,
        "images": images,
        "meeting": meeting,
        "join_request": join_request,
    }


def write_previous_release_shapes(old, site):
    """The members' story is members-only by its own restriction, and every image is in the root
    collection, as the previous release left them."""
    OldStoryPage = old.get_model("stories", "StoryPage")
    OldStoryPage.objects.filter(pk=site["members"].pk).update(audience="members")
    restriction = old.get_model("wagtailcore", "PageViewRestriction").objects.create(
        page_id=site["members"].pk, restriction_type="groups"
    )
    Group = old.get_model("auth", "Group")
    restriction.groups.set([Group.objects.get(name=name) for name in ("Members", "Moderators")])
    Collection = old.get_model("wagtailcore", "Collection")
    old.get_model("wagtailimages", "Image").objects.update(
        collection=Collection.objects.filter(depth=1).order_by("path").first()
    )
    Collection.objects.filter(name=UPLOADS_COLLECTION).delete()
    old.get_model("wagtailredirects", "Redirect").objects.all().delete()


def image_titles(client):
    response = client.get("/api/v2/images/")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


# Django empties its database afterwards; tests/conftest.py fills it again (serialized_rollback).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_upgraded_site_keeps_every_privacy_rule(client, home_page):
    site = build_site(home_page)
    old_url = site["members"].url
    assert old_url == "/stories/members-story/"
    # The previous release listed every story image in the public API.
    MigrationExecutor(connection).migrate(PREVIOUS_RELEASE)
    # The models as the previous release's migrations left them, for every app.
    loader = MigrationExecutor(connection).loader
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    write_previous_release_shapes(loader.project_state(applied).apps, site)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # Nothing lost.
    assert StoryPage.objects.count() == 3
    assert get_image_model().objects.count() == 5
    assert Booking.objects.filter(member=site["teller"], meeting=site["meeting"]).exists()
    assert JoinRequest.objects.filter(pk=site["join_request"].pk).exists()

    # The members' story moved under the restricted page; its old link leads there, and a visitor
    # is still asked to sign in.
    members_story = StoryPage.objects.get(pk=site["members"].pk)
    folder = MembersStoriesPage.objects.get()
    assert members_story.get_parent().pk == folder.pk
    assert not members_story.get_view_restrictions().filter(page=members_story).exists()
    new_url = members_story.url
    assert new_url == "/stories/members/members-story/"
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, new_url)
    response = client.get(new_url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    # The public story kept its address; the draft is nobody's to see.
    assert client.get(site["public"].url).status_code == 200
    assert client.get("/stories/draft/").status_code == 404

    # Members' uploads: only the public story's image (and the editor's) are public.
    assert image_titles(client) == {"Image of the public story", "Editor's photo"}
    uploads = Collection.objects.get(name=UPLOADS_COLLECTION)
    assert uploads.get_view_restrictions().exists()
    for name in ("members", "draft", "kept"):
        assert get_image_model().objects.get(pk=site["images"][name].pk).collection == uploads
    # The members-only story is in no public list.
    pages = client.get("/api/v2/pages/?type=stories.StoryPage").json()["items"]
    assert {item["title"] for item in pages} == {"Public story"}
    assert "Story for members" not in client.get(site["stories"].url).content.decode()
    assert "Story for members" not in client.get(site["stories"].url + "feed/").content.decode()

    # A member follows the old link to the story.
    client.force_login(site["teller"])
    response = client.get(old_url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == new_url
    assert "Story for members" in response.content.decode()
    # The page tree and the collections' tree are whole (treebeard's own check).
    assert not any(Page.find_problems())
    assert not any(Collection.find_problems())
