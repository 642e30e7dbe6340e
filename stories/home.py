"""The stories app's section for the home page: the latest public stories (see core's home_sections)."""

from network_site.core.page_cache import content_cached

from .models import StoryPage

LATEST_STORIES = 3


def latest_public_stories():
    stories = list(
        StoryPage.objects.live()
        .public()
        .order_by("-first_published_at", "-pk")
        .prefetch_related("tagged_items__tag", "sectors")[:LATEST_STORIES]
    )
    return {"stories": stories, "index": stories[0].get_parent() if stories else None}


def latest_stories_section(request):
    # Public stories only, the same for everyone: kept in the content cache (with their themes
    # and the index they link to) until the content changes, instead of five queries a request.
    latest = content_cached("home-latest-stories", LATEST_STORIES, latest_public_stories)
    return latest if latest["stories"] else None
