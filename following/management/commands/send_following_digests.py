from django.core.management.base import BaseCommand

from following.emails import queue_due_digests


class Command(BaseCommand):
    help = (
        "Queues the daily and weekly digests of news from what members follow that are due. "
        "Run it hourly; a digest never repeats news already sent, and none goes out empty."
    )

    def handle(self, *args, **options):
        queued = queue_due_digests()
        self.stdout.write(f"Queued {queued} digest{'s' if queued != 1 else ''}.")
