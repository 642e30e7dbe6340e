"""Reading a guide file (CSV or JSON, in the shape the guide exports) into a plan, and carrying it out.

The command-line importer and the admin's import screen both go through `read_guide_file`, then
`plan_import` (which row is added, changed, left alone or rejected, and why), then `carry_out`.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from network_site.core.csv_export import restore_cell

from .models import MappingEntryPage
from .records import (
    DIMENSION_PREFIX,
    NOTE_PREFIX,
    RECORD_FIELDS,
    HeaderError,
    csv_header,
    dimension_names_from_header,
    entry_outcomes,
    record_to_row,
    reject_broken_references,
    save_records,
    sector_names,
)
from .row_form import parse_row

ADDED, CHANGED, UNCHANGED = "created", "updated", "unchanged"
OUTCOME_LABELS = {ADDED: "Added", CHANGED: "Changed", UNCHANGED: "Left alone"}


class GuideFileError(ValueError):
    """The file as a whole cannot be read: not UTF-8, not CSV or JSON, or a malformed header."""


@dataclass
class GuideFile:
    """What a file holds: its columns, and each non-empty row as (place, {column: text}).

    A row's place is the CSV line it starts on, or the JSON entry's position (from 1).
    """

    place_label: str  # "Line" or "Entry"
    dimension_names: list
    rows: list = field(default_factory=list)


@dataclass
class ImportPlan:
    place_label: str
    dimension_names: list
    records: dict  # place -> record, for the rows that can be imported
    rejected: dict  # place -> [reasons]
    outcomes: dict  # slug -> ADDED, CHANGED or UNCHANGED

    def rows(self):
        """(place, slug, name, outcome) for the accepted rows, in file order."""
        return [
            (place, record["slug"], record["name"], self.outcomes[record["slug"]])
            for place, record in sorted(self.records.items())
        ]

    def count(self, outcome):
        return sum(1 for result in self.outcomes.values() if result == outcome)


def read_guide_file(data, name=""):
    """A GuideFile from the file's bytes; JSON when the name ends .json or the text starts with {."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GuideFileError("The file is not UTF-8 text.") from None
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        return _read_json(text)
    return _read_csv(text)


def _read_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise GuideFileError("The file is empty: it needs a header row.")
        header = [column.strip() for column in header]
        try:
            dimension_names = dimension_names_from_header(header)
        except HeaderError as error:
            raise GuideFileError(f"Line 1: {error}") from None
        guide_file = GuideFile("Line", dimension_names)
        while True:
            line = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                return guide_file
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                guide_file.rows.append(
                    (
                        line,
                        {"__error__": f"it has {len(cells)} cells; the header has {len(header)}."},
                    )
                )
            else:
                # Our own exports mark formula-like cells as text; read them as they were.
                cells = [restore_cell(cell) for cell in cells]
                guide_file.rows.append((line, dict(zip(header, cells, strict=True))))
    except csv.Error as error:
        raise GuideFileError(f"The file is not a readable CSV: {error}.") from None


def _read_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GuideFileError(f"The file is not readable JSON: {error}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GuideFileError('The JSON needs an object with an "entries" list, as the export has.')
    names = data.get("dimensions", [])
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise GuideFileError('"dimensions" must be a list of dimension names.')
    header = csv_header(names)
    try:
        dimension_names = dimension_names_from_header(header)
    except HeaderError as error:
        raise GuideFileError(str(error)) from None
    guide_file = GuideFile("Entry", dimension_names)
    names_of_sectors = sector_names()
    for position, entry in enumerate(data["entries"], 1):
        guide_file.rows.append(
            (position, _json_entry_as_row(entry, header, dimension_names, names_of_sectors))
        )
    return guide_file


def _json_entry_as_row(entry, header, dimension_names, names_of_sectors):
    """The entry as CSV cells, so that it is checked exactly as a CSV row is."""
    if not isinstance(entry, dict):
        return {"__error__": "it is not an object."}
    missing = [name for name in RECORD_FIELDS if name not in entry]
    if missing:
        return {"__error__": f"it lacks {', '.join(missing)}."}
    record = {**entry, "dimensions": entry.get("dimensions", [])}
    try:
        unknown = {item["dimension"] for item in record["dimensions"]} - set(dimension_names)
        if unknown:
            return {
                "__error__": f"it answers dimension(s) not listed: {', '.join(sorted(unknown))}."
            }
        cells = record_to_row(record, dimension_names, names_of_sectors)
    except (KeyError, TypeError, AttributeError):
        return {
            "__error__": "a list or item is not in the export's shape (see the README's columns)."
        }
    row = dict(zip(header, (str(cell) for cell in cells), strict=False))
    for name in dimension_names:  # keep the keys parse_row reads even when a value is missing
        row.setdefault(DIMENSION_PREFIX + name, "")
        row.setdefault(NOTE_PREFIX + name, "")
    return row


def plan_import(guide, guide_file, publish=True):
    """Checks every row and works out what importing it would do; saves nothing."""
    records, rejected, first_place_of = {}, {}, {}
    names_of_sectors = sector_names()
    for place, row in guide_file.rows:
        if "__error__" in row:
            rejected[place] = [row["__error__"]]
            continue
        record, errors = parse_row(row, guide_file.dimension_names, names_of_sectors)
        slug = record["slug"]
        if slug in first_place_of:
            errors.append(
                f"slug “{slug}” is already used on {guide_file.place_label.lower()} "
                f"{first_place_of[slug]}."
            )
        if errors:
            rejected[place] = errors
            continue
        first_place_of[slug] = place
        records[place] = record
    existing = set(MappingEntryPage.objects.child_of(guide).values_list("slug", flat=True))
    for place, reason in reject_broken_references(records, existing).items():
        rejected[place] = [reason]
        del records[place]
    outcomes = entry_outcomes(
        guide, list(records.values()), guide_file.dimension_names, publish=publish
    )
    return ImportPlan(
        guide_file.place_label, guide_file.dimension_names, records, rejected, outcomes
    )


def carry_out(guide, plan, *, user=None, publish=True, on_saved=None):
    """Saves the plan's accepted records; {slug: outcome} as `save_records` returns it."""
    return save_records(
        guide,
        list(plan.records.values()),
        plan.dimension_names,
        user=user,
        publish=publish,
        on_saved=on_saved,
    )
