from django.core.management.base import BaseCommand

from network_site.membership.services import send_coordinator_digest


class Command(BaseCommand):
    help = (
        "Emails the coordinators about confirmed join requests they have not heard about, if the "
        "last digest is older than MEMBERSHIP_DIGEST_INTERVAL_HOURS. Run it hourly from a scheduler."
    )

    def handle(self, *args, **options):
        count = send_coordinator_digest()
        self.stdout.write(f"Announced {count} new request{'s' if count != 1 else ''}.")
