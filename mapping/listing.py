"""The guide's filters, as facets of the core's one filtered listing."""

from network_site.core.listing import Facet, sector_facet

from .models import ExampleSector, Kind

FACETS = [
    Facet("kind", "Kind", Kind.choices, lookup="kind", any_label="Any kind"),
    sector_facet("Sector it applies to", any_label="Any sector"),
    Facet(
        "example_sector",
        "Examples from",
        ExampleSector.choices,
        lookup="examples__sector",
        any_label="Any sector",
    ),
]
SEARCH_LABEL = "Search the guide"
