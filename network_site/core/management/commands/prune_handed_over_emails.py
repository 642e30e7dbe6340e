from django.core.management.base import BaseCommand

from network_site.core.mail import prune_handed_over_emails


class Command(BaseCommand):
    help = (
        "Forgets the Message-IDs of mail the mail server accepted more than "
        "EMAIL_HANDED_OVER_KEPT_DAYS ago (kept so that a mail task run twice sends once)."
    )

    def handle(self, *args, **options):
        count = prune_handed_over_emails()
        self.stdout.write(f"{count} sent message record(s) forgotten.")
