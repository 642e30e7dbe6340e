"""Counting the map: how many stories, resources and guide entries sit in each outcome area and
column, for what the reader may see and the filters they chose.

A fixed number of queries, however much content there is: for each kind of content, its tag pairs
and its column pairs, read as plain values and counted here. Each item is counted once per cell
(a story with two themes of one area counts once in that area).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from wagtail import hooks

from mapping.models import Kind, MappingEntryPage
from network_site.core.models import Sector
from resources.models import ResourcePage
from stories import choices as story_choices
from stories.models import StoryPage

from .models import OutcomeArea

# A function of a queryset of stories giving those whose telling changed someone's practice
# (updates, "what I tried"). Apps that record such evidence register one; without any, the map
# does not offer the filter. See docs/features/practice-map.md.
PRACTICE_CHANGE_HOOK = "register_practice_change_stories"

AXIS_SECTOR = "sector"
AXIS_COUNCIL = "council"
AXIS_KIND = "kind"
AXIS_CHOICES = [
    (AXIS_SECTOR, "Sectors"),
    (AXIS_COUNCIL, "Council areas"),
    (AXIS_KIND, "Kinds of guide entry"),
]
AXIS_LABELS = {AXIS_SECTOR: "Sector", AXIS_COUNCIL: "Council area", AXIS_KIND: "Kind of entry"}

STORIES, RESOURCES, ENTRIES = "stories", "resources", "entries"
CONTENT_LABELS = {
    STORIES: ("story", "stories"),
    RESOURCES: ("resource", "resources"),
    ENTRIES: ("guide entry", "guide entries"),
}


def practice_change_filters():
    return [give() for give in hooks.get_hooks(PRACTICE_CHANGE_HOOK)]


@dataclass(frozen=True)
class MapFilters:
    """What narrows the map. The first three describe stories only: with any of them the map
    counts stories alone (resources and guide entries have no teller or council area)."""

    council_area: str = ""
    perspective: str = ""
    changed_practice: bool = False
    year: int | None = None
    published_from: date | None = None
    published_to: date | None = None

    @property
    def stories_only(self):
        return bool(self.council_area or self.perspective or self.changed_practice)

    def key(self):
        return tuple(sorted(vars(self).items()))


@dataclass(frozen=True)
class Column:
    key: str
    label: str


def columns_for(axis):
    if axis == AXIS_COUNCIL:
        return [Column(key, label) for key, label in story_choices.COUNCIL_AREAS]
    if axis == AXIS_KIND:
        return [Column(key, label) for key, label in Kind.choices]
    return [Column(slug, name) for slug, name in Sector.objects.values_list("slug", "name")]


def published_in(queryset, filters):
    if filters.year:
        queryset = queryset.filter(first_published_at__year=filters.year)
    if filters.published_from:
        queryset = queryset.filter(first_published_at__date__gte=filters.published_from)
    if filters.published_to:
        queryset = queryset.filter(first_published_at__date__lte=filters.published_to)
    return queryset


def visible_stories(with_members_only):
    stories = StoryPage.objects.live()
    return stories if with_members_only else stories.public()


def stories_in_scope(with_members_only, filters):
    stories = published_in(visible_stories(with_members_only), filters)
    if filters.council_area:
        stories = stories.filter(council_area=filters.council_area)
    if filters.perspective:
        stories = stories.filter(perspective=filters.perspective)
    if filters.changed_practice:
        changed = [narrow(stories) for narrow in practice_change_filters()]
        if not changed:
            return stories.none()
        ids = changed[0].values("pk")
        for more in changed[1:]:
            ids = ids.union(more.values("pk"))
        stories = stories.filter(pk__in=ids)
    return stories


@dataclass(frozen=True)
class Source:
    """One kind of content on the map: how to find it and read its themes and columns."""

    key: str
    model: type
    tag_field: str  # the ClusterTaggableManager's name
    council_field: str | None = None
    kind_field: str | None = None

    def items(self, with_members_only, filters):
        if self.key == STORIES:
            return stories_in_scope(with_members_only, filters)
        if filters.stories_only:
            return self.model.objects.none()
        return published_in(self.model.objects.live().public(), filters)

    def tag_pairs(self, items, tag_ids):
        """(item id, tag id) for the items' themes among `tag_ids`."""
        through = getattr(self.model, self.tag_field).through
        return through.objects.filter(
            content_object_id__in=items.values("pk"), tag_id__in=tag_ids
        ).values_list("content_object_id", "tag_id")

    def column_pairs(self, items, axis):
        """(item id, column key) for the axis, or nothing when the content has no such column."""
        if axis == AXIS_SECTOR:
            name = self.model._meta.model_name
            return self.model.sectors.through.objects.filter(
                **{f"{name}_id__in": items.values("pk")}
            ).values_list(f"{name}_id", "sector__slug")
        field_name = self.council_field if axis == AXIS_COUNCIL else self.kind_field
        if field_name is None:
            return []
        return items.exclude(**{field_name: ""}).values_list("pk", field_name)

    def in_cell(self, items, area, axis, column_key):
        """The items in one cell, as a queryset."""
        through = getattr(self.model, self.tag_field).through
        items = items.filter(
            pk__in=through.objects.filter(tag__outcome_areas=area).values("content_object_id")
        )
        if axis == AXIS_SECTOR:
            return items.filter(sectors__slug=column_key)
        field_name = self.council_field if axis == AXIS_COUNCIL else self.kind_field
        if field_name is None:
            return items.none()
        return items.filter(**{field_name: column_key})


SOURCES = [
    Source(STORIES, StoryPage, "tags", council_field="council_area"),
    Source(RESOURCES, ResourcePage, "topics"),
    Source(ENTRIES, MappingEntryPage, "themes", kind_field="kind"),
]
SOURCES_BY_KEY = {source.key: source for source in SOURCES}


@dataclass
class Cell:
    area: OutcomeArea
    column: Column
    counts: dict = field(default_factory=lambda: dict.fromkeys(CONTENT_LABELS, 0))

    @property
    def total(self):
        return sum(self.counts.values())

    def parts(self):
        """(content key, count, words) for each kind of content present, in a fixed order."""
        return [(key, count, counted(key, count)) for key, count in self.counts.items() if count]


def counted(content_key, count):
    one, many = CONTENT_LABELS[content_key]
    return f"{count} {one if count == 1 else many}"


@dataclass
class PracticeMap:
    axis: str
    filters: MapFilters
    columns: list
    rows: list  # (area, themes, [Cell per column])
    totals: dict

    @property
    def axis_label(self):
        return AXIS_LABELS[self.axis]

    @property
    def largest(self):
        return max((cell.total for _a, _t, cells in self.rows for cell in cells), default=0)

    def cells(self):
        return [cell for _area, _themes, cells in self.rows for cell in cells]

    def fullest_cell(self):
        return max(self.cells(), key=lambda cell: cell.total, default=None)


def outcome_areas():
    return list(OutcomeArea.objects.prefetch_related("themes"))


def build_map(axis, filters, *, with_members_only, areas=None):
    """The whole map for a reader (`with_members_only`: a member's view) and filters."""
    areas = outcome_areas() if areas is None else areas
    columns = columns_for(axis)
    areas_of_tag = defaultdict(list)
    for position, area in enumerate(areas):
        for tag in area.themes.all():
            areas_of_tag[tag.pk].append(position)
    column_position = {column.key: position for position, column in enumerate(columns)}
    grid = [[Cell(area, column) for column in columns] for area in areas]
    totals = dict.fromkeys(CONTENT_LABELS, 0)
    for source in SOURCES:
        items = source.items(with_members_only, filters)
        item_areas = defaultdict(set)
        for item_id, tag_id in source.tag_pairs(items, list(areas_of_tag)):
            item_areas[item_id].update(areas_of_tag[tag_id])
        item_columns = defaultdict(set)
        for item_id, column_key in source.column_pairs(items, axis):
            if column_key in column_position:
                item_columns[item_id].add(column_position[column_key])
        for item_id, positions in item_areas.items():
            columns_of_item = item_columns.get(item_id, ())
            if columns_of_item:
                totals[source.key] += 1
            for row in positions:
                for column in columns_of_item:
                    grid[row][column].counts[source.key] += 1
    rows = [
        (area, [tag.name for tag in area.themes.all()], cells)
        for area, cells in zip(areas, grid, strict=True)
    ]
    return PracticeMap(axis, filters, columns, rows, totals)


def this_year():
    return timezone.localdate().year
