from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accessibility.statement import (
    STATEMENT_DATA,
    ResultsError,
    committed_statement,
    dumps,
    merged_results,
    read_results,
    statement_data,
)

DEFAULT_RESULTS = Path(settings.BASE_DIR) / "test-results" / "accessibility-results.json"


class Command(BaseCommand):
    help = (
        "Writes the accessibility statement's test results (accessibility/statement_data.json) "
        "from the browser tests' results file; with --check, fails if the committed file differs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--results",
            type=Path,
            nargs="+",
            default=[DEFAULT_RESULTS],
            help="The browser tests' results file (default: test-results/accessibility-results.json); "
            "several files, from runs of different test files, are read as one.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if the committed statement does not match the results.",
        )

    def handle(self, *args, results, check, **options):
        try:
            data = statement_data(merged_results([read_results(path) for path in results]))
        except ResultsError as error:
            raise CommandError(str(error)) from None
        if check:
            if data != committed_statement():
                raise CommandError(
                    f"{STATEMENT_DATA.name} is out of date with the browser tests' results in "
                    f"{', '.join(map(str, results))}: run `manage.py accessibility_statement` "
                    "and commit the file."
                )
            self.stdout.write("The accessibility statement matches the test results.")
            return
        STATEMENT_DATA.write_text(dumps(data))
        self.stdout.write(
            f"Wrote {STATEMENT_DATA}: {len(data['checks'])} checks, "
            f"{len(data['known_problems'])} known problems."
        )
