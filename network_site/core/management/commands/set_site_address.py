from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from network_site.core.site_address import site_url

DEFAULT_PORTS = {"http": 80, "https": 443}


class Command(BaseCommand):
    help = (
        "Gives Wagtail's default Site the hostname and port of SITE_URL and the site's name, so "
        "that the links Wagtail builds itself (API, admin previews) agree with ours. Deployment "
        "runs it after migrate; running it again changes nothing."
    )

    def handle(self, *args, **options):
        address = urlsplit(site_url())
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(
                "There is no default Wagtail Site yet: run `manage.py migrate` first."
            )
        site.hostname = address.hostname
        site.port = address.port or DEFAULT_PORTS[address.scheme]
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        self.stdout.write(f"The default site is now {site.root_url} ({site.site_name}).")
