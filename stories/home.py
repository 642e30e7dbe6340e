"""The stories app's section for the home page: the latest public stories (see core's home_sections)."""

from .models import StoryPage

LATEST_STORIES = 3


def latest_stories_section(request):
    stories = list(
        StoryPage.objects.live()
        .public()
        .order_by("-first_published_at", "-pk")
        .prefetch_related("tagged_items__tag", "sectors")[:LATEST_STORIES]
    )
    return {"stories": stories} if stories else None
