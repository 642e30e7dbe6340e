"""The member directory's filters, as facets of the core's one filtered listing (no counts: a
count beside an option would be a count of people, and could be below five)."""

from django.db.models import Q

from network_site.core.listing import Facet, every_sector

from . import choices

DIRECTORY_FACETS = [
    Facet("sector", "Sector", every_sector, lookup="sector__slug", any_label="All sectors"),
    # Only members who show their area can be found by it.
    Facet(
        "area",
        "Council area",
        list(choices.COUNCIL_AREAS),
        condition=lambda areas: Q(council_area__in=areas, show_area=True),
        any_label="All areas",
    ),
]
