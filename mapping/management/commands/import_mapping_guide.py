from django.core.management.base import BaseCommand, CommandError

from mapping.importing import (
    ADDED,
    CHANGED,
    UNCHANGED,
    GuideFileError,
    carry_out,
    plan_import,
    read_guide_file,
)
from mapping.models import MappingGuidePage


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
        "Loads mapping guide entries and comparison dimensions from a CSV or JSON file in the shape "
        "the guide exports (see docs/features/mapping-guide.md); the admin's import screen does the same. Rejected "
        "rows are named with their line number; nothing of them is saved. Entries whose record "
        "is unchanged are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("guide_file", help="Path to the CSV or JSON file (UTF-8).")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save the changes as drafts for an editor to publish, instead of publishing them.",
        )

    def handle(self, *args, **options):
        guide = MappingGuidePage.objects.first()
        if guide is None:
            raise CommandError("There is no mapping guide page to import into: create one first.")
        path = options["guide_file"]
        try:
            with open(path, "rb") as guide_file:
                data = guide_file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            parsed = read_guide_file(data, path)
        except GuideFileError as error:
            raise CommandError(f"{path}: {error}") from None

        publish = not options["draft"]
        plan = plan_import(guide, parsed, publish=publish)
        for place, reasons in sorted(plan.rejected.items()):
            self.stderr.write(f"{plan.place_label} {place}: rejected: {' '.join(reasons)}")

        progress = ProgressBar(self.stdout, len(plan.records))
        carry_out(
            guide, plan, publish=publish, on_saved=lambda record: progress.advance(record["slug"])
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(plan.records)} row(s): {plan.count(ADDED)} created, "
                f"{plan.count(CHANGED)} updated, {plan.count(UNCHANGED)} unchanged"
                + (" (as drafts)." if options["draft"] else ".")
            )
        )
        if plan.rejected:
            raise CommandError(f"{len(plan.rejected)} row(s) rejected; see the lines named above.")
