from django.core.management.base import BaseCommand

from events.check_outs import send_check_outs


class Command(BaseCommand):
    help = (
        "Sends each member who came to a meeting that ended in the last week its check-out, once."
    )

    def handle(self, *args, **options):
        sent = send_check_outs()
        self.stdout.write(f"Sent {sent} meeting check-out(s).")
