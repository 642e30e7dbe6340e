from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from resources.broken_links import tell_editors_of_broken_links
from resources.links import check_link
from resources.models import LinkCheck, ResourcePage


class Command(BaseCommand):
    help = (
        "Checks the external link of every live resource and lists the broken ones: an error status "
        "(400 or above), a connection error, or no answer within the time limit. Each result is kept "
        "for the editors' dashboard and the content-review report, and one email lists the broken "
        "links to the editors who may mend them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=10.0,
            help="Seconds to wait for each link (default 10).",
        )
        parser.add_argument(
            "--fail-on-broken",
            action="store_true",
            help="Exit with an error when any link is broken (for scheduled checks).",
        )

    def handle(self, *args, timeout, fail_on_broken, **options):
        if timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        resources = (
            ResourcePage.objects.live()
            .exclude(external_url="")
            .order_by("title")
            .only("id", "title", "url_path", "path", "depth", "external_url")
        )
        broken = []
        checked = 0
        for resource in resources:
            result = check_link(resource.external_url, timeout)
            checked += 1
            LinkCheck.objects.update_or_create(
                resource=resource,
                defaults={
                    "url": result.url,
                    "status": result.status,
                    "error": result.error[:255],
                    "is_broken": result.is_broken,
                    "checked_at": timezone.now(),
                },
            )
            if result.is_broken:
                broken.append((resource, result))
                self.stdout.write(
                    f"BROKEN {resource.title} (page {resource.pk}): {result.url} - "
                    f"{result.describe()}"
                )
            elif options["verbosity"] >= 2:
                self.stdout.write(f"ok     {result.url} - {result.describe()}")
        # A resource no longer live or linked has no result to show.
        LinkCheck.objects.exclude(resource__in=resources.values("pk")).delete()
        summary = f"Checked {checked} link{'s' if checked != 1 else ''}: {len(broken)} broken."
        if broken:
            self.stdout.write(self.style.WARNING(summary))
            told = tell_editors_of_broken_links(broken)
            self.stdout.write(f"Emailed {told} editor{'s' if told != 1 else ''}.")
            if fail_on_broken:
                raise CommandError(f"{len(broken)} broken link{'s' if len(broken) != 1 else ''}.")
        else:
            self.stdout.write(self.style.SUCCESS(summary))
