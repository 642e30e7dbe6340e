from django.conf import settings
from django.core.management.base import BaseCommand

from network_site.membership.services import purge_expired_requests


class Command(BaseCommand):
    help = (
        "Deletes join requests declined, left pending or never confirmed for longer than "
        "MEMBERSHIP_REQUEST_RETENTION_DAYS, with their accounts and the mail about them in the "
        "task queue. Run it daily from a scheduler."
    )

    def handle(self, *args, **options):
        count = purge_expired_requests()
        self.stdout.write(
            f"Deleted {count} join request{'s' if count != 1 else ''} older than "
            f"{settings.MEMBERSHIP_REQUEST_RETENTION_DAYS} days."
        )
