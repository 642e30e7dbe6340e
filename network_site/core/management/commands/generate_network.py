import random
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import import_string

from network_site.core.bulk import registered_generators
from network_site.core.models import HomePage
from network_site.core.page_cache import purge_visitor_pages


class Command(BaseCommand):
    help = (
        "Adds a large generated network to whatever content is there, to measure the site at scale: "
        "members, stories (a tenth members-only, some with images), resources, mapping-guide "
        "entries and meetings with bookings. The same seed gives the same network."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=13)
        for option, _, default in registered_generators():
            parser.add_argument(
                f"--{option.replace('_', '-')}",
                type=int,
                default=default,
                dest=option,
                help=f"how many to add (default {default})",
            )

    def handle(self, *args, **options):
        if not settings.DEMO_ACCOUNTS_ENABLED and not settings.DEBUG:
            raise CommandError("Generated content is for development and benchmark sites only.")
        if any(options[option] < 0 for option, _, _ in registered_generators()):
            raise CommandError("Counts cannot be negative.")
        started = time.monotonic()
        # A freshly migrated database has Wagtail's welcome page as its site's root: the generated
        # network needs the demo's home page and sections to add to.
        home_pages = HomePage.objects.filter(sites_rooted_here__is_default_site=True)
        if not home_pages.exists():
            self.stdout.write("No home page yet: loading the demo content first.")
            call_command("load_demo_content", stdout=self.stdout)
        context = {
            "rng": random.Random(options["seed"]),
            "stdout": self.stdout,
            "member_ids": [],
        }
        with transaction.atomic():
            # Each app's part (registered in its `ready()`) adds its own records; one asked for
            # none is not called.
            for option, generator_path, _ in registered_generators():
                if options[option]:
                    import_string(generator_path)(context, options[option])
            # Rows inserted in bulk send no signals: purge the visitor pages once for all of them.
            purge_visitor_pages()
        if connection.vendor == "postgresql":
            # Thousands of rows inserted at once leave the planner's statistics saying the tables
            # are nearly empty (a row estimate of 7 for 2,300 pages): refresh them now instead of
            # waiting for autovacuum, so the first requests get the right plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Generated network added in {time.monotonic() - started:.0f} s")
        )
