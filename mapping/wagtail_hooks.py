from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ComparisonDimension


class ComparisonDimensionViewSet(SnippetViewSet):
    """The comparison dimensions, a list editors keep under Snippets."""

    model = ComparisonDimension
    icon = "list-ol"
    menu_label = "Comparison dimensions"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


register_snippet(ComparisonDimensionViewSet)
