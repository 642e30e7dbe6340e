from django.core.management.base import BaseCommand

from events.booking import expire_offers


class Command(BaseCommand):
    help = (
        "Places offered from a waiting list and not taken up in time pass to the next person "
        "waiting. Run it hourly."
    )

    def handle(self, *args, **options):
        lapsed = expire_offers()
        self.stdout.write(f"{lapsed} offer{'s' if lapsed != 1 else ''} lapsed.")
