"""Filtering the guide's entries, and counting what each filter choice would give."""

from django.db.models import Count, Q

from .models import ExampleSector, Kind, MappingEntryPage, Sector, sector_field_name


def facet_condition(name, value):
    if name == "kind":
        return Q(kind=value)
    if name == "sector":
        return Q(**{sector_field_name(value): True})
    if name == "example_sector":
        return Q(pk__in=MappingEntryPage.objects.filter(examples__sector=value).values("pk"))
    raise ValueError(name)


def search_condition(query):
    """Q for the entries that match the words of `query` (one search query, ids only)."""
    matches = MappingEntryPage.objects.live().search(query)
    return Q(pk__in=[page.pk for page in matches])


def filter_entries(entries, filters, except_facet=None):
    condition = Q()
    if filters.get("q"):
        condition &= search_condition(filters["q"])
    for name in ("kind", "sector", "example_sector"):
        if name != except_facet and filters.get(name):
            condition &= facet_condition(name, filters[name])
    return entries.filter(condition)


def facet_counts(entries, filters):
    """{facet: {value: count}}; each facet counted with the other facets' filters applied."""
    search = {"q": filters["q"]} if filters.get("q") else {}
    if search:
        # Search once, not once per facet.
        entries = entries.filter(search_condition(search["q"]))
    others = {name: value for name, value in filters.items() if name != "q"}

    def base(facet):
        return filter_entries(entries, others, except_facet=facet).order_by()

    by_kind = dict(base("kind").values_list("kind").annotate(total=Count("pk")))
    by_sector = base("sector").aggregate(
        **{
            sector: Count("pk", filter=Q(**{sector_field_name(sector): True}))
            for sector in Sector.values
        }
    )
    by_example_sector = base("example_sector").aggregate(
        **{
            sector: Count("pk", filter=Q(examples__sector=sector), distinct=True)
            for sector in ExampleSector.values
        }
    )
    return {
        "kind": {kind: by_kind.get(kind, 0) for kind in Kind.values},
        "sector": by_sector,
        "example_sector": by_example_sector,
    }
