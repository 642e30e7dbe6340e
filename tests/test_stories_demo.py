"""The stories' demo content, loaded once here."""

import pytest
from wagtail.models import WorkflowPage

from stories.models import StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

DEMO_APPS = ["stories"]


def test_demo_content_adds_stories_across_sectors_and_perspectives(demo_content):
    index = StoryIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == "Story moderation"
    stories = StoryPage.objects.live().descendant_of(index)
    assert 8 <= stories.count() <= 12
    assert len({story.perspective for story in stories}) >= 5
    assert len({sector.slug for story in stories for sector in story.sectors.all()}) >= 5
    assert all(story.owner is not None for story in stories)
    assert stories.public().count() < stories.count()
