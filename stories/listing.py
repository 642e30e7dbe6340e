"""The stories index's listing, through the core's one filtered listing."""

from taggit.models import Tag

from network_site.core.listing import Facet, Listing, filtered_listing, sector_facet

from . import choices
from .models import StoryPage

STORIES_PER_PAGE = 10
AREA_NAMES = dict(choices.COUNCIL_AREAS)


def themes_in(stories):
    return list(
        Tag.objects.filter(stories_storytag_items__content_object__in=stories.values("pk"))
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def areas_in(stories):
    used = stories.exclude(council_area="").order_by().values_list("council_area", flat=True)
    return sorted(((area, AREA_NAMES[area]) for area in set(used)), key=lambda item: item[1])


THEME = Facet("theme", "Theme", themes_in, lookup="tagged_items__tag__slug")
FACETS = [
    THEME,
    sector_facet(),
    Facet("perspective", "Perspective", choices.PERSPECTIVES, lookup="perspective"),
    Facet("area", "Council area", areas_in, lookup="council_area"),
]


def story_listing(stories, query_data, *, scope: tuple, theme: Tag | None = None) -> Listing:
    """The stories, newest first; in a theme's archive, only that theme's, without its filter.
    `scope` names what selects `stories` (the index, whose view)."""
    if theme is not None:
        stories = stories.filter(
            pk__in=StoryPage.objects.filter(tagged_items__tag=theme).values("pk")
        )
    return filtered_listing(
        stories,
        query_data,
        facets=[facet for facet in FACETS if not (theme is not None and facet is THEME)],
        scope=(*scope, theme.pk if theme is not None else None),
        per_page=STORIES_PER_PAGE,
        order_by=["-first_published_at", "-pk"],
        prefetch=["tagged_items__tag", "sectors"],
    )
