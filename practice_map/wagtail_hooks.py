"""What the practice map adds elsewhere: the outcome areas snippet, its demo content and generator,
page-cache purges, and its section of the impact report."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.impact import IMPACT_SECTIONS_HOOK, ImpactSection
from network_site.core.page_cache import PURGES_HOOK, Purge

from .impact import practice_map_section_context
from .models import OutcomeArea


class OutcomeAreaViewSet(SnippetViewSet):
    model = OutcomeArea
    icon = "table"
    menu_label = "Outcome areas"
    list_display = ["name", "slug"]
    sort_order_field = "sort_order"


register_snippet(OutcomeAreaViewSet)


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("practice_map", "practice_map.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    # After stories, resources and the guide: it groups the themes they use.
    return Generator("outcome_areas", "practice_map.generate.generate", 1, order=90)


@hooks.register(PURGES_HOOK)
def practice_map_purges():
    # The areas are the map's rows (stories, resources and entries purge when they publish).
    return [Purge(OutcomeArea)]


@hooks.register(IMPACT_SECTIONS_HOOK)
def impact_section():
    return ImpactSection(
        "practice_map",
        "The outcomes practice map",
        "pages/practice_map/impact_section.html",
        practice_map_section_context,
        order=30,
    )
