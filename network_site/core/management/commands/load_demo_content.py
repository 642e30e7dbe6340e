from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from network_site.core.demo import demo_app_labels, load_demo_content
from network_site.core.demo_data import DemoDataError
from network_site.core.site_address import site_url


class Command(BaseCommand):
    help = "Builds the demo page tree and content. Safe to run again: it brings the same tree back."

    def add_arguments(self, parser):
        parser.add_argument(
            "--app",
            action="append",
            dest="app_labels",
            choices=demo_app_labels(),
            help="Load only this app's demo content (with the home page); repeat for more.",
        )

    def handle(self, *args, app_labels=None, **options):
        if not settings.DEMO_ACCOUNTS_ENABLED and not settings.DEBUG:
            raise CommandError("Demo content is for development and test sites only.")
        try:
            load_demo_content(app_labels, stdout=self.stdout)
        except DemoDataError as error:
            raise CommandError(
                f"Nothing was loaded: a demo data file needs mending. {error}"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Demo content is ready at {site_url()}/"))
