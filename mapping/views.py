"""The guide's routes: its home, compare, the matrix and the exports (see MappingGuidePage)."""

from collections import defaultdict

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from network_site.core.csv_export import csv_response
from network_site.core.listing import apply_filters, filtered_listing
from network_site.core.models import Sector
from network_site.core.page_cache import content_cached

from .comparison import build_comparison
from .forms import MAX_COMPARED, MIN_COMPARED, CompareForm
from .listing import FACETS, SEARCH_LABEL
from .models import (
    ComparisonDimension,
    DimensionValue,
    EntryDimensionValue,
    MappingEntryPage,
)
from .records import RECORD_PREFETCH, csv_header, export_record, record_to_row, sector_names

ENTRIES_PER_PAGE = 50


def filtered(request, guide):
    return apply_filters(
        guide.entries(),
        request.GET,
        facets=FACETS,
        scope=(guide.pk,),
        search_label=SEARCH_LABEL,
    )


def guide_home(request, guide):
    listing = filtered_listing(
        guide.entries(),
        request.GET,
        facets=FACETS,
        scope=(guide.pk,),
        per_page=ENTRIES_PER_PAGE,
        order_by=["title"],
        search_label=SEARCH_LABEL,
        prefetch=["examples", "sectors"],
    )
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return guide.render(
        request,
        context_overrides={
            "listing": listing,
            "export_query": export_query.urlencode(),
            "max_compared": MAX_COMPARED,
        },
    )


def dimension_values(entries):
    """{(entry pk, dimension pk): EntryDimensionValue} for these entries, in one query."""
    values = EntryDimensionValue.objects.filter(entry__in=[entry.pk for entry in entries])
    return {(value.entry_id, value.dimension_id): value for value in values}


def compare(request, guide):
    all_entries = list(guide.entries().order_by("title").values_list("slug", "title"))
    asked = "entry" in request.GET
    # Blank values (an empty ?entry=) are no choice at all, not an unknown entry.
    chosen = [slug for slug in request.GET.getlist("entry") if slug.strip()]
    form = CompareForm({"entry": chosen} if asked else None, entries=all_entries)
    comparison = None
    if asked and form.is_valid():
        chosen = form.cleaned_data["entry"]
        comparison = comparison_of(guide, chosen)
    form.fields["entry"].label = (
        "Choose other entries to compare"
        if comparison
        else f"Choose {MIN_COMPARED} to {MAX_COMPARED} entries to compare"
    )
    return guide.render(
        request,
        template="pages/mapping/compare.html",
        context_overrides={
            "form": form,
            "comparison": comparison,
        },
    )


def comparison_of(guide, chosen):
    by_slug = {
        entry.slug: entry
        for entry in guide.entries().filter(slug__in=chosen).prefetch_related("examples", "sectors")
    }
    entries = [by_slug[slug] for slug in chosen]
    dimensions = list(ComparisonDimension.objects.all())
    return build_comparison(entries, dimensions, dimension_values(entries))


# The map's few kinds of cell, as (modifier of the cell's class, text) for its template.
ANSWER_CELLS = {value: (slugify(value), label) for value, label in DimensionValue.choices}
NOT_GIVEN_CELL = ("none", "Not given")
SECTOR_CELLS = {True: ("yes", "Yes"), False: ("no", "No")}


def matrix(request, guide):
    filters = filtered(request, guide)
    form = filters.form
    # Every entry is a child of the guide: its address is worked out once, not once per table.
    guide_url = guide.get_url(request)
    # The map is the same for everyone who sees the same entries with the same filters: it is
    # kept in the content cache, keyed on the guide and the filters, until the content changes.
    tables = content_cached(
        "mapping-matrix",
        (filters.scope, filters.query, sorted(filters.selected.items()), guide_url),
        lambda: drawn_matrix_tables(guide, filters, guide_url),
    )
    return guide.render(
        request,
        template="pages/mapping/matrix.html",
        context_overrides={
            "form": form,
            # The map filters by kind and sector on the page; a search or an examples filter
            # carried over from the guide's list is kept.
            "map_filter_fields": [form["kind"], form["sector"]],
            "kept_filter_fields": [form["q"], form["example_sector"]],
            "value_choices": DimensionValue.choices,
            **tables,
        },
    )


def drawn_matrix_tables(guide, filters, guide_url):
    """The map's rows and its two tables drawn from their template: with thousands of cells,
    drawing them is most of a request's time, so it is done once and kept with the rows."""
    tables = matrix_tables(guide, filters, guide_url)
    return {**tables, "gap_map": render_to_string("pages/mapping/includes/gap_map.html", tables)}


def matrix_tables(guide, filters, guide_url):
    """The map's columns and rows: (title, kind, address, cells) for each entry."""
    # Only what the map shows: whole page rows and their sector managers cost more than the map.
    entries = list(filters.results().order_by("title").values_list("id", "title", "slug", "kind"))
    entry_ids = [entry_id for entry_id, *_ in entries]
    dimensions = list(ComparisonDimension.objects.values_list("pk", "name"))
    sectors_of = defaultdict(set)
    for entry_id, slug in MappingEntryPage.sectors.through.objects.filter(
        mappingentrypage_id__in=entry_ids
    ).values_list("mappingentrypage_id", "sector__slug"):
        sectors_of[entry_id].add(slug)
    answers = {
        (entry_id, dimension_id): value
        for entry_id, dimension_id, value in EntryDimensionValue.objects.filter(
            entry__in=entry_ids
        ).values_list("entry_id", "dimension_id", "value")
    }
    # A column for each sector some entry in the guide applies to, whatever the filters.
    sectors = list(
        Sector.objects.filter(pk__in=guide.entries().values("sectors")).values_list("slug", "name")
    )
    kinds = dict(MappingEntryPage._meta.get_field("kind").flatchoices)
    dimension_rows, sector_rows = [], []
    for entry_id, title, slug, kind in entries:
        url = f"{guide_url}{slug}/"
        cells = [
            ANSWER_CELLS.get(answers.get((entry_id, dimension_id)), NOT_GIVEN_CELL)
            for dimension_id, _name in dimensions
        ]
        dimension_rows.append((title, kinds.get(kind, kind), url, cells))
        cells = [SECTOR_CELLS[slug in sectors_of[entry_id]] for slug, _name in sectors]
        sector_rows.append((title, url, cells))
    return {
        "dimensions": [name for _pk, name in dimensions],
        "dimension_rows": dimension_rows,
        "sectors": sectors,
        "sector_rows": sector_rows,
    }


def export(request, guide, file_format):
    entries = filtered(request, guide).results().order_by("title")
    entries = entries.prefetch_related(*RECORD_PREFETCH)
    dimension_names = list(ComparisonDimension.objects.values_list("name", flat=True))
    records = [export_record(entry) for entry in entries]
    names_of_sectors = sector_names()
    filename = f"{guide.slug}.{file_format}"
    if file_format == "csv":
        # Public data: cacheable like the page it comes from.
        return csv_response(
            filename,
            csv_header(dimension_names),
            (record_to_row(record, dimension_names, names_of_sectors) for record in records),
            private=False,
        )
    response = JsonResponse(
        {"dimensions": dimension_names, "entries": records},
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
