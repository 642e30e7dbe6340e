from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.page_cache import PURGES_HOOK, Purge
from network_site.core.reviews import REVIEWABLE_TYPES_HOOK, ReviewableType

from . import admin_views
from .models import ComparisonDimension, EntryDimensionValue, MappingEntryPage, MappingGuidePage


class ComparisonDimensionViewSet(SnippetViewSet):
    """The comparison dimensions, a list editors keep under Snippets."""

    model = ComparisonDimension
    icon = "list-ol"
    menu_label = "Comparison dimensions"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


register_snippet(ComparisonDimensionViewSet)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("mapping-guide/import/", admin_views.import_view, name="mapping_import"),
        path(
            "mapping-guide/import/confirm/",
            admin_views.import_confirm_view,
            name="mapping_import_confirm",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        guide = MappingGuidePage.objects.first()
        return guide is not None and guide.permissions_for_user(request.user).can_add_subpage()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import mapping guide", reverse("mapping_import"), icon_name="upload", order=320
    )


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("mapping", "mapping.demo.load")


@hooks.register(REVIEWABLE_TYPES_HOOK)
def reviewable_types():
    return [ReviewableType("mapping-entry", "Mapping guide entry", MappingEntryPage)]


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("mapping_entries", "mapping.generate.generate", 200, order=40)


@hooks.register(PURGES_HOOK)
def mapping_purges():
    # The comparison's dimensions, and an entry's answers, which the map and comparisons show
    # (the import writes them without publishing).
    return [Purge(ComparisonDimension), Purge(EntryDimensionValue)]
