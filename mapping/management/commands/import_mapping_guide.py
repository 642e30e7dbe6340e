import csv

from django.core.management.base import BaseCommand, CommandError

from mapping.models import MappingEntryPage, MappingGuidePage
from mapping.records import (
    HeaderError,
    dimension_names_from_header,
    parse_row,
    reject_broken_references,
    save_records,
)
from network_site.core.csv_export import restore_cell


class ProgressBar:
    """A one-line bar redrawn in place; silent unless the output is a terminal."""

    WIDTH = 30

    def __init__(self, output, total):
        self.output = output
        self.total = total
        self.done = 0
        self.enabled = output.isatty() and total > 0

    def advance(self, label=""):
        self.done += 1
        if not self.enabled:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.output.write(f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}", ending="")
        if self.done == self.total:
            self.output.write("")
        self.output.flush()


class Command(BaseCommand):
    help = (
        "Loads mapping guide entries and comparison dimensions from a CSV in the shape the guide "
        "exports (see the README). Rejected rows are named with their line number; nothing of "
        "them is saved. Entries whose record is unchanged are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Path to the CSV file (UTF-8).")

    def handle(self, *args, **options):
        guide = MappingGuidePage.objects.first()
        if guide is None:
            raise CommandError("There is no mapping guide page to import into: create one first.")
        try:
            with open(options["csv_file"], encoding="utf-8-sig", newline="") as csv_file:
                header, rows = self.read_rows(csv_file)
        except OSError as error:
            raise CommandError(f"Cannot read {options['csv_file']}: {error.strerror}.") from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(
                f"{options['csv_file']} is not a readable UTF-8 CSV: {error}"
            ) from None
        try:
            dimension_names = dimension_names_from_header(header)
        except HeaderError as error:
            raise CommandError(f"Line 1: {error}") from None

        records, rejected = self.validate(guide, header, rows, dimension_names)
        for line, reasons in sorted(rejected.items()):
            self.stderr.write(f"Line {line}: rejected: {' '.join(reasons)}")

        progress = ProgressBar(self.stdout, len(records))
        outcome = save_records(
            guide,
            list(records.values()),
            dimension_names,
            on_saved=lambda record: progress.advance(record["slug"]),
        )
        counts = {
            kind: sum(1 for result in outcome.values() if result == kind)
            for kind in ("created", "updated", "unchanged")
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(records)} row(s): {counts['created']} created, "
                f"{counts['updated']} updated, {counts['unchanged']} unchanged."
            )
        )
        if rejected:
            raise CommandError(f"{len(rejected)} row(s) rejected; see the lines named above.")

    def read_rows(self, csv_file):
        """The header and [(line number, cells)]; a row's number is the line it starts on."""
        reader = csv.reader(csv_file)
        header = next(reader, None)
        if not header:
            raise CommandError("The file is empty: it needs a header row.")
        rows = []
        while True:
            line = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                return [column.strip() for column in header], rows
            if any(cell.strip() for cell in cells):
                # Our own exports mark formula-like cells as text; read them as they were.
                rows.append((line, [restore_cell(cell) for cell in cells]))

    def validate(self, guide, header, rows, dimension_names):
        """({line: record} for the good rows, {line: [reasons]} for the rejected ones)."""
        records, rejected, first_line_of = {}, {}, {}
        for line, cells in rows:
            if len(cells) != len(header):
                rejected[line] = [f"it has {len(cells)} cells; the header has {len(header)}."]
                continue
            record, errors = parse_row(dict(zip(header, cells, strict=True)), dimension_names)
            slug = record["slug"]
            if slug in first_line_of:
                errors.append(f"slug “{slug}” is already used on line {first_line_of[slug]}.")
            if errors:
                rejected[line] = errors
                continue
            first_line_of[slug] = line
            records[line] = record
        existing = set(MappingEntryPage.objects.child_of(guide).values_list("slug", flat=True))
        for line, reason in reject_broken_references(records, existing).items():
            rejected[line] = [reason]
            del records[line]
        return records, rejected
