"""The network generator: a repeatable large network added to the content already there."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from events.models import Booking, CheckOutAnswer, CheckOutInvitation, MeetingPage
from mapping.models import EntryDimensionValue, EntryRelationship, MappingEntryPage
from network_site.core.models import HomePage
from network_site.membership.models import MemberProfile
from resources.models import ResourcePage
from ripples.models import StoryUpdate, WhatITried
from stories.models import MembersStoriesPage, StoryPage
from tests.factories.events import MeetingIndexPageFactory
from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    MappingGuidePageFactory,
)
from tests.factories.resources import ResourceIndexPageFactory
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db

SMALL = {
    "stories": 30,
    "members": 12,
    "resources": 6,
    "mapping_entries": 5,
    "meetings": 2,
    "ripples": 10,
}


def generate(**counts):
    output = io.StringIO()
    call_command("generate_network", stdout=output, **{**SMALL, **counts})
    return output.getvalue()


@pytest.fixture
def demo_site(home_page):
    """The sections the generator adds to, each with a page already in it."""
    index = make_story_index(home_page)
    StoryPageFactory(parent=index, title="An existing story", themes=["Carers"])
    ResourceIndexPageFactory(parent=home_page)
    guide = MappingGuidePageFactory(parent=home_page)
    MappingEntryPageFactory(parent=guide)
    ComparisonDimensionFactory(name="Starts from what matters")
    MeetingIndexPageFactory(parent=home_page)


def test_it_adds_every_kind_of_record_to_the_existing_content(demo_site, client):
    before = {
        "stories": StoryPage.objects.count(),
        "resources": ResourcePage.objects.count(),
        "entries": MappingEntryPage.objects.count(),
        "meetings": MeetingPage.objects.count(),
    }
    output = generate()
    assert "Stories" in output and "[####" in output
    assert StoryPage.objects.count() == before["stories"] + 30
    assert ResourcePage.objects.count() == before["resources"] + 6
    assert MappingEntryPage.objects.count() == before["entries"] + 5
    assert MeetingPage.objects.count() == before["meetings"] + 2
    assert MemberProfile.objects.filter(user__username__startswith="network-member-").count() == 12

    generated = StoryPage.objects.filter(owner__username__startswith="network-member-")
    members_only = generated.filter(audience="members")
    assert members_only.count() == 3
    folder = MembersStoriesPage.objects.get()
    assert set(members_only.values_list("pk", flat=True)) == set(
        StoryPage.objects.child_of(folder)
        .filter(owner__username__startswith="network-member-")
        .values_list("pk", flat=True)
    )
    assert not StoryPage.objects.live().public().filter(audience="members").exists()
    assert generated.exclude(image=None).count() == 6
    # Each picture is its own, so that a run asks for renditions not made yet.
    assert generated.exclude(image=None).values("image").distinct().count() == 6
    assert all(story.tags.exists() for story in generated)
    new_entries = MappingEntryPage.objects.filter(title__regex=r" \d+$")
    assert EntryDimensionValue.objects.filter(entry__in=new_entries).exists()
    assert EntryRelationship.objects.filter(source__in=new_entries).exists()
    assert Booking.objects.filter(member__username__startswith="network-member-").count() == 24
    # ripples on generated stories; check-outs only for past meetings (both here are to come).
    assert StoryUpdate.objects.approved().count() == 10
    assert WhatITried.objects.approved().count() == 5
    assert not CheckOutInvitation.objects.exists()
    assert (
        CheckOutAnswer.objects.count() == CheckOutInvitation.objects.filter(answered=True).count()
    )

    # The tree is sound and the generated pages are served and searchable.
    assert Page.find_problems() == ([], [], [], [], [])
    story = generated.filter(audience="public").first()
    assert client.get(story.url).status_code == 200
    assert client.get(ResourcePage.objects.last().url).status_code == 200
    assert client.get(MappingEntryPage.objects.last().url).status_code == 200
    assert client.get(MeetingPage.objects.last().url).status_code == 200
    found = client.get("/search/", {"q": story.title}).context["results_page"]
    assert story.pk in [page.pk for page in found]


def test_the_same_seed_gives_the_same_network(demo_site):
    generate(seed=5)
    first = list(
        StoryPage.objects.filter(owner__username__startswith="network-member-")
        .order_by("pk")
        .values_list("title", "perspective")
    )
    generate(seed=5)
    both = list(
        StoryPage.objects.filter(owner__username__startswith="network-member-")
        .order_by("pk")
        .values_list("title", "perspective")
    )
    assert both[len(first) :] == first
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_negative_count_is_refused_and_nothing_is_added(demo_site):
    stories = StoryPage.objects.count()
    with pytest.raises(CommandError, match="negative"):
        generate(stories=-1)
    assert StoryPage.objects.count() == stories


def test_a_freshly_migrated_database_gets_the_demo_content_first(home_page):
    """On a new install the site's root is Wagtail's welcome page, not the network's home page."""
    site = Site.objects.get(is_default_site=True)
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="welcome")
    )
    site.root_page = welcome
    site.save()
    home_page.delete()

    output = generate()

    assert "loading the demo content first" in output
    assert HomePage.objects.filter(sites_rooted_here__is_default_site=True).exists()
    assert StoryPage.objects.filter(owner__username__startswith="network-member-").count() == 30
    assert Page.find_problems() == ([], [], [], [], [])
