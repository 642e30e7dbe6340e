from django.core.management.base import BaseCommand

from network_site.membership.digest import queue_due_digests


class Command(BaseCommand):
    help = (
        "Queues the weekly and monthly digests of new stories and resources that are due. "
        "Run it daily; nobody gets one twice in a period, or one with nothing in it."
    )

    def handle(self, *args, **options):
        queued = queue_due_digests()
        self.stdout.write(f"Queued {queued} digest{'s' if queued != 1 else ''}.")
