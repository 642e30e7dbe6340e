from django import template

from ..models import StoryPage

register = template.Library()

LATEST_STORIES = 3


@register.inclusion_tag("pages/stories/latest_stories.html")
def latest_stories(count=LATEST_STORIES):
    """The newest public stories, for the home page."""
    stories = StoryPage.objects.live().public().order_by("-first_published_at")[:count]
    return {"stories": stories}
