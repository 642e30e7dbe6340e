"""The guide's filters, as facets of the core's one filtered listing."""

from django.db.models import Count, Q

from network_site.core.listing import Facet

from .models import ExampleSector, Kind, Sector, sector_field_name


def sector_condition(values):
    condition = Q()
    for value in values:
        condition |= Q(**{sector_field_name(value): True})
    return condition


def sector_counts(entries):
    """Sectors are yes/no columns: every sector counted in one query."""
    return entries.order_by().aggregate(
        **{
            sector: Count("pk", filter=Q(**{sector_field_name(sector): True}))
            for sector in Sector.values
        }
    )


FACETS = [
    Facet("kind", "Kind", Kind.choices, lookup="kind", any_label="Any kind"),
    Facet(
        "sector",
        "Sector it applies to",
        Sector.choices,
        any_label="Any sector",
        condition=sector_condition,
        counts=sector_counts,
    ),
    Facet(
        "example_sector",
        "Examples from",
        ExampleSector.choices,
        lookup="examples__sector",
        any_label="Any sector",
    ),
]
SEARCH_LABEL = "Search the guide"
