"""Entries as plain records: what the CSV and JSON exports write and the importer reads back.

A record is a dict of plain values (see RECORD_FIELDS); `entry_record` makes one from a page,
`record_to_row` turns it into a CSV row and `row_form.parse_row` back, and `save_records` writes records to
the guide, publishing only the entries that changed, so loading the same records twice is a no-op.
"""

import datetime

from django.db import transaction
from wagtail.log_actions import log

from network_site.core.models import Sector
from network_site.core.site_address import page_url

from .models import (
    ComparisonDimension,
    EntryDimensionValue,
    EntryExample,
    EntryRelationship,
    EntrySource,
    MappingEntryPage,
)

# The columns every CSV has, in order; then two per dimension (DIMENSION_PREFIX, NOTE_PREFIX).
RECORD_FIELDS = [
    "slug",
    "name",
    "kind",
    "sectors",
    "scope",
    "year",
    "lead_body",
    "statutory_basis",
    "summary",
    "key_features",
    "alike",
    "different",
    "themes",
    "examples",
    "sources",
    "relationships",
    "last_reviewed",
    "reviewed_by",
]
# Written by the exports for readers; the importer ignores them (they follow from other columns).
DERIVED_FIELDS = ["example_sectors", "url"]
DIMENSION_PREFIX = "dimension: "
NOTE_PREFIX = "note: "
LIST_SEPARATOR = "; "
PART_SEPARATOR = " | "

# Prefetches that let `entry_record` run without further queries.
RECORD_PREFETCH = [
    "examples",
    "sources",
    "relationships__target",
    "dimension_values__dimension",
    "tagged_items__tag",
    "sectors",
]


def entry_record(page, dimension_names=None):
    """The record of an entry page; only the named dimensions if `dimension_names` is given."""
    dimensions = [
        {"dimension": value.dimension.name, "value": value.value, "note": value.note}
        for value in sorted(
            page.dimension_values.all(),
            key=lambda value: (value.dimension.sort_order, value.dimension.name),
        )
        if dimension_names is None or value.dimension.name in dimension_names
    ]
    return {
        "slug": page.slug,
        "name": page.title,
        "kind": page.kind,
        "sectors": sorted(sector.slug for sector in page.sectors.all()),
        "scope": page.scope,
        "year": page.year,
        "lead_body": page.lead_body,
        "statutory_basis": page.statutory_basis,
        "summary": page.summary,
        "key_features": page.key_feature_list,
        "alike": page.alike,
        "different": page.different,
        "themes": sorted(item.tag.name for item in page.tagged_items.all()),
        "examples": [
            {"sector": example.sector, "title": example.title, "description": example.description}
            for example in page.examples.all()
        ],
        "sources": [{"title": source.title, "url": source.url} for source in page.sources.all()],
        "relationships": [
            {"kind": relation.kind, "target": relation.target.slug, "note": relation.note}
            for relation in page.relationships.all()
        ],
        "dimensions": dimensions,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "reviewed_by": page.reviewed_by,
    }


def export_record(page):
    """A record with the derived fields readers of an export want."""
    record = entry_record(page)
    record["example_sectors"] = [str(sector) for sector in page.example_sectors]
    record["url"] = page_url(page)
    return record


def csv_header(dimension_names):
    header = RECORD_FIELDS + DERIVED_FIELDS
    for name in dimension_names:
        header += [DIMENSION_PREFIX + name, NOTE_PREFIX + name]
    return header


def sector_names():
    """{slug: name} for every shared sector: a CSV names the sectors, a record gives their slugs."""
    return dict(Sector.objects.values_list("slug", "name"))


def record_to_row(record, dimension_names, names_of_sectors):
    """A CSV row (a list of strings, in `csv_header` order) for a record; `names_of_sectors` is
    `sector_names()`, and a slug it lacks is written as it is (the import then rejects it)."""
    values = {value["dimension"]: value for value in record["dimensions"]}
    cells = {
        **{name: record.get(name) for name in RECORD_FIELDS + DERIVED_FIELDS},
        "sectors": LIST_SEPARATOR.join(
            names_of_sectors.get(slug, slug) for slug in record["sectors"]
        ),
        "year": "" if record["year"] is None else str(record["year"]),
        "key_features": "\n".join(record["key_features"]),
        "themes": LIST_SEPARATOR.join(record["themes"]),
        "examples": "\n".join(
            PART_SEPARATOR.join([item["sector"], item["title"], item["description"]]).rstrip()
            for item in record["examples"]
        ),
        "sources": "\n".join(
            PART_SEPARATOR.join([item["title"], item["url"]]) for item in record["sources"]
        ),
        "relationships": "\n".join(
            PART_SEPARATOR.join([item["kind"], item["target"], item["note"]]).rstrip()
            for item in record["relationships"]
        ),
        "example_sectors": LIST_SEPARATOR.join(record.get("example_sectors", [])),
    }
    row = [cells[name] or "" for name in RECORD_FIELDS + DERIVED_FIELDS]
    for name in dimension_names:
        value = values.get(name)
        row += [value["value"], value["note"]] if value else ["", ""]
    return row


class HeaderError(ValueError):
    """The CSV's header row is not one the importer can read."""


def dimension_names_from_header(header):
    """The dimension names a CSV header declares, in order; HeaderError if it is malformed."""
    missing = [name for name in RECORD_FIELDS if name not in header]
    if missing:
        raise HeaderError(f"The header row lacks the column(s): {', '.join(missing)}.")
    names = []
    for column in header:
        if column in RECORD_FIELDS or column in DERIVED_FIELDS:
            continue
        if column.startswith(DIMENSION_PREFIX):
            name = column.removeprefix(DIMENSION_PREFIX).strip()
            if not name or f"{NOTE_PREFIX}{name}" not in header:
                raise HeaderError(f"The column “{column}” needs a “{NOTE_PREFIX}{name}” column.")
            if len(name) > ComparisonDimension._meta.get_field("name").max_length:
                raise HeaderError(f"The dimension name “{name}” is too long.")
            names.append(name)
        elif column.startswith(NOTE_PREFIX):
            if DIMENSION_PREFIX + column.removeprefix(NOTE_PREFIX) not in header:
                raise HeaderError(f"The column “{column}” has no matching dimension column.")
        else:
            raise HeaderError(f"Unknown column “{column}”.")
    return names


def list_items(text):
    return [item.strip() for item in text.split(";") if item.strip()]


def lines_of(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def sector_slugs_by_spelling(names_of_sectors):
    """What a file may call a sector, lower-cased: its name, its slug, or the slug with
    underscores (as the guide's CSV spelt sectors before they were one shared list)."""
    spellings = {}
    for slug, name in names_of_sectors.items():
        for spelling in (name, slug, slug.replace("-", "_")):
            spellings[spelling.lower()] = slug
    return spellings


def reject_broken_references(records, existing_slugs):
    """{index: reason} for records whose relationships name an entry that neither exists nor is
    among the other accepted records; repeated, since rejecting one can break another."""
    rejected = {}
    while True:
        accepted = {record["slug"] for index, record in records.items() if index not in rejected}
        known = accepted | existing_slugs
        newly = {
            index: f"relationship names “{relation['target']}”, which is not in the guide or "
            "among the accepted rows."
            for index, record in records.items()
            if index not in rejected
            for relation in record["relationships"]
            if relation["target"] not in known
        }
        if not newly:
            return rejected
        rejected.update(newly)


def ensure_dimensions(names):
    """{name: ComparisonDimension}, creating the missing ones after the existing, in this order."""
    existing = {dimension.name: dimension for dimension in ComparisonDimension.objects.all()}
    next_order = max((dimension.sort_order for dimension in existing.values()), default=0)
    for name in names:
        if name not in existing:
            next_order += 10
            existing[name] = ComparisonDimension.objects.create(name=name, sort_order=next_order)
    return existing


def _current_record(page, wanted_dimensions, publish):
    """The record to compare with: the live content when publishing, else the latest draft."""
    if not publish and page.live and page.has_unpublished_changes:
        page = page.get_latest_revision_as_object()
    return entry_record(page, wanted_dimensions)


def _outcome(page, record, wanted_dimensions, publish):
    if page is None:
        return "created"
    unchanged = _current_record(page, wanted_dimensions, publish) == record
    if unchanged and (page.live or not publish):
        return "unchanged"
    return "updated"


def entry_outcomes(guide, records, dimension_names, publish=True):
    """{slug: "created"|"updated"|"unchanged"}: what `save_records` would do, saving nothing."""
    records = [_normalised(record) for record in records]
    pages = {
        page.slug: page
        for page in MappingEntryPage.objects.child_of(guide)
        .filter(slug__in=[record["slug"] for record in records])
        .prefetch_related(*RECORD_PREFETCH)
    }
    wanted = set(dimension_names)
    return {
        record["slug"]: _outcome(pages.get(record["slug"]), record, wanted, publish)
        for record in records
    }


@transaction.atomic
def save_records(guide, records, dimension_names, *, user=None, publish=True, on_saved=None):
    """Writes records (already valid) under the guide; returns {slug: "created"|"updated"|"unchanged"}.

    Each change is a new revision by `user` in the page's history: published, or left as a draft
    when `publish` is false. Entries new to the guide are first created (not live) so that
    relationships between rows can point at them whatever the row order; an entry whose record
    is unchanged gets no revision, so loading the same records twice is a no-op.
    """
    records = [_normalised(record) for record in records]
    dimensions = ensure_dimensions(dimension_names)
    sectors = Sector.objects.in_bulk(field_name="slug")
    pages = {
        page.slug: page
        for page in MappingEntryPage.objects.child_of(guide).prefetch_related(*RECORD_PREFETCH)
    }
    wanted_dimensions = set(dimension_names)
    outcome = {
        record["slug"]: _outcome(pages.get(record["slug"]), record, wanted_dimensions, publish)
        for record in records
    }
    for record in records:
        if record["slug"] not in pages:
            page = MappingEntryPage(live=False, owner=user, **_page_fields(record))
            guide.add_child(instance=page)
            log(instance=page, action="wagtail.create", user=user)
            pages[page.slug] = page
    for record in records:
        page = pages[record["slug"]]
        if outcome[page.slug] != "unchanged":
            _apply_record(page, record, pages, dimensions, sectors, wanted_dimensions)
            if not page.live and not publish:
                page.save()  # a draft never published keeps its latest content in its own row
            revision = page.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
        if on_saved:
            on_saved(record)
    return outcome


def _normalised(record):
    """The record with its unordered lists in the order `entry_record` gives them."""
    return {
        **record,
        "sectors": sorted(set(record["sectors"])),
        "themes": sorted(set(record["themes"])),
    }


def _page_fields(record):
    return {
        "slug": record["slug"],
        "title": record["name"],
        "kind": record["kind"],
        "scope": record["scope"],
        "year": record["year"],
        "lead_body": record["lead_body"],
        "statutory_basis": record["statutory_basis"],
        "summary": record["summary"],
        "key_features": "\n".join(record["key_features"]),
        "alike": record["alike"],
        "different": record["different"],
        "last_reviewed": datetime.date.fromisoformat(record["last_reviewed"])
        if record["last_reviewed"]
        else None,
        "reviewed_by": record["reviewed_by"],
    }


def _apply_record(page, record, pages, dimensions, sectors, wanted_dimensions):
    for name, value in _page_fields(record).items():
        setattr(page, name, value)
    page.themes.set(record["themes"])
    page.sectors = [sectors[slug] for slug in record["sectors"]]
    page.examples = [EntryExample(**example) for example in record["examples"]]
    page.sources = [EntrySource(**source) for source in record["sources"]]
    page.relationships = [
        EntryRelationship(kind=item["kind"], target=pages[item["target"]], note=item["note"])
        for item in record["relationships"]
    ]
    # Values for dimensions the records do not mention are kept as they are.
    kept = [
        value
        for value in page.dimension_values.all()
        if value.dimension.name not in wanted_dimensions
    ]
    page.dimension_values = kept + [
        EntryDimensionValue(
            dimension=dimensions[item["dimension"]], value=item["value"], note=item["note"]
        )
        for item in record["dimensions"]
    ]
