"""The map page, a cell's list, and the coordinators' briefing exports."""

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from network_site.core.csv_export import csv_response
from network_site.core.page_cache import content_cached
from resources.pdf import html_to_pdf, pdf_available
from stories.models import StoryIndexPage, story_audience
from stories.quoting import quotable

from .drawing import drawing
from .forms import MapFilterForm, PlaceForm
from .map import AXIS_LABELS, SOURCES, SOURCES_BY_KEY, STORIES, build_map, outcome_areas

CELL_LIST_SIZE = 20
QUOTES_IN_A_BRIEFING = 30
EXPORT_PERMISSION = "practice_map.export_briefing"


def share_story_url():
    index = StoryIndexPage.objects.live().first()
    return index.share_url if index else ""


def drawn_map(page_url, axis, filters, kept_query, with_members_only):
    """The map's SVG and table, drawn once per view of the map and kept in the content cache."""
    practice_map = build_map(axis, filters, with_members_only=with_members_only)
    share_url = share_story_url()
    context = {
        "map": practice_map,
        "drawing": drawing(practice_map),
        "table_rows": table_rows(practice_map, cell_urls(page_url, practice_map, kept_query)),
        "share_url": share_url,
    }
    fullest = practice_map.fullest_cell()
    return {
        "svg": render_to_string("pages/practice_map/includes/map_svg.html", context),
        "table": render_to_string("pages/practice_map/includes/map_table.html", context),
        "totals": practice_map.totals,
        "fullest": (fullest.area.name, fullest.column.label, fullest.total) if fullest else None,
        "area_count": len(practice_map.rows),
    }


def cell_urls(page_url, practice_map, kept_query):
    """{(area slug, column key): the cell's address}."""
    return {
        (cell.area.slug, cell.column.key): f"{page_url}cell/?"
        + urlencode([*kept_query, ("area", cell.area.slug), ("column", cell.column.key)])
        for cell in practice_map.cells()
    }


def table_rows(practice_map, urls):
    """The map's rows for its table: (area, themes, [(cell, its address or None)])."""
    return [
        (area, themes, [(cell, urls.get((area.slug, cell.column.key))) for cell in cells])
        for area, themes, cells in practice_map.rows
    ]


def map_page(request, page):
    form = MapFilterForm(request.GET)
    axis, filters = form.chosen()
    kept_query = form.kept_query()
    members = story_audience(request)
    page_url = page.get_url(request)
    drawn = content_cached(
        "practice-map",
        (page.pk, page_url, members, axis, filters.key(), kept_query),
        lambda: drawn_map(page_url, axis, filters, kept_query, members),
    )
    can_export = request.user.has_perm(EXPORT_PERMISSION)
    return page.render(
        request,
        context_overrides={
            "form": form,
            "axis": axis,
            "filters": filters,
            "drawn": drawn,
            "members_view": members,
            "can_export": can_export,
            "export_query": urlencode(kept_query),
            "pdf_available": pdf_available(),
        },
    )


def cell_lists(place_items, area, axis, column_key):
    """(source key, total, the newest few) for each kind of content in the cell."""
    lists = []
    for source in SOURCES:
        items = source.in_cell(place_items[source.key], area, axis, column_key)
        newest = list(items.order_by("-first_published_at", "-pk")[:CELL_LIST_SIZE])
        lists.append((source.key, items.count(), newest))
    return lists


def cell_page(request, page):
    form = MapFilterForm(request.GET)
    axis, filters = form.chosen()
    place_form = PlaceForm(request.GET, axis=axis, areas=outcome_areas())
    place = place_form.place()
    context = {
        "form": form,
        "place_form": place_form,
        "filters": filters,
        "map_url": page.get_url(request) + "?" + urlencode(form.kept_query()),
        "share_url": share_story_url(),
    }
    if place is None or place[1] is None:
        if place_form.is_valid():
            place_form.add_error("column", "Choose a cell of the map: an outcome area and a column")
        return refused(request, page, context)
    area, column = place
    members = story_audience(request)
    place_items = {source.key: source.items(members, filters) for source in SOURCES}
    lists = cell_lists(place_items, area, axis, column.key)
    context.update(
        {
            "area": area,
            "column": column,
            "axis_label": AXIS_LABELS[axis].lower(),
            "lists": lists,
            "is_empty": not any(total for _key, total, _items in lists),
            "cell_title": f"{area.name}, {column.label}",
            "can_export": request.user.has_perm(EXPORT_PERMISSION),
            "cell_query": urlencode(
                [*form.kept_query(), ("area", area.slug), ("column", column.key)]
            ),
            "row_query": urlencode([*form.kept_query(), ("area", area.slug)]),
        }
    )
    return page.render(request, template="pages/practice_map/cell.html", context_overrides=context)


def refused(request, page, context):
    """The cell page with the reasons the choice of cell (or part of the map) was refused."""
    response = page.render(
        request, template="pages/practice_map/cell.html", context_overrides=context
    )
    response.status_code = 400
    return response


def stories_in_place(with_members_only, filters, areas, axis, column):
    """The live stories a briefing covers: in the areas (and the column, for a cell)."""
    source = SOURCES_BY_KEY[STORIES]
    stories = source.items(with_members_only, filters)
    if column is not None:
        return source.in_cell(stories, areas[0], axis, column.key)
    themes = [tag.pk for area in areas for tag in area.themes.all()]
    tagged = source.model.tags.through.objects.filter(tag_id__in=themes)
    return stories.filter(pk__in=tagged.values("content_object_id"))


def only_column(practice_map, column):
    """The map cut down to one column (a cell's briefing)."""
    position = [c.key for c in practice_map.columns].index(column.key)
    rows = [(area, themes, [cells[position]]) for area, themes, cells in practice_map.rows]
    return replace(practice_map, columns=[column], rows=rows)


def briefing_scope(area, column, axis_label):
    if area is None:
        return "The whole map"
    if column is None:
        return f"The outcome area “{area.name}”"
    return f"“{area.name}” in the {axis_label.lower()} “{column.label}”"


def briefing_filename(scope, extension):
    day = timezone.localdate().isoformat()
    return f"practice-map-{slugify(scope)[:60]}-{day}.{extension}"


def briefing_csv(practice_map, scope):
    header = [
        "Outcome area",
        "Themes",
        practice_map.axis_label,
        "Stories",
        "Resources",
        "Guide entries",
    ]
    rows = [
        [
            cell.area.name,
            "; ".join(themes),
            cell.column.label,
            *cell.counts.values(),
        ]
        for _area, themes, cells in practice_map.rows
        for cell in cells
    ]
    return csv_response(briefing_filename(scope, "csv"), header, rows)


def briefing_pdf(request, page, practice_map, scope, quotes):
    if not pdf_available():
        return HttpResponse(
            "The briefing cannot be made as a PDF on this server just now: download the CSV.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    html = render_to_string(
        "pages/practice_map/briefing_pdf.html",
        {
            "page": page,
            "scope": scope,
            "map": practice_map,
            "drawing": drawing(practice_map),
            "quotes": quotes,
            "made_on": timezone.localdate(),
            "table_rows": table_rows(practice_map, {}),
        },
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{briefing_filename(scope, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def briefing(request, page, file_format):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    form = MapFilterForm(request.GET)
    axis, filters = form.chosen()
    areas = outcome_areas()
    place_form = PlaceForm(request.GET, axis=axis, areas=areas)
    place = place_form.place()
    if place is None:
        context = {"form": form, "place_form": place_form, "map_url": page.get_url(request)}
        return refused(request, page, context)
    area, column = place
    chosen_areas = [area] if area else areas
    members = story_audience(request)
    practice_map = build_map(axis, filters, with_members_only=members, areas=chosen_areas)
    if column is not None:
        practice_map = only_column(practice_map, column)
    scope = briefing_scope(area, column, practice_map.axis_label)
    if file_format == "csv":
        return briefing_csv(practice_map, scope)
    stories = stories_in_place(members, filters, chosen_areas, axis, column)
    quotes = list(quotable(stories).order_by("-first_published_at", "-pk")[:QUOTES_IN_A_BRIEFING])
    return briefing_pdf(request, page, practice_map, scope, quotes)
