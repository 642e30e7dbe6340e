from django.core.management.base import BaseCommand

from network_site.core.worker import recover_stuck_tasks


class Command(BaseCommand):
    help = (
        "Puts background tasks marked running for longer than TASKS_STUCK_AFTER_SECONDS (their "
        "worker was killed) back in the queue. The worker does this itself at start-up and every "
        "minute; the scheduler runs it hourly too."
    )

    def handle(self, *args, **options):
        count = recover_stuck_tasks()
        self.stdout.write(f"{count} stuck task(s) put back in the queue.")
