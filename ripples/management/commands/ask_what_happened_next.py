from django.core.management.base import BaseCommand

from ripples.asking import ask_what_happened_next


class Command(BaseCommand):
    help = 'Emails tellers who chose it "what happened next?" 3, 6 and 12 months after a story.'

    def handle(self, *args, **options):
        sent = ask_what_happened_next()
        self.stdout.write(f"Asked {sent} teller(s) what happened next.")
