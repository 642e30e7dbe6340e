from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.emails import send_reminder_email
from events.mailing import send_mailing_reminders
from events.models import Booking
from events.times import end_of_uk_day, start_of_uk_day, uk_today


class Command(BaseCommand):
    help = (
        "Emails each member who is coming to a meeting tomorrow (UK date) a reminder, with the "
        "joining link for online meetings, and the meetings mailing a reminder "
        "EVENTS_MAILING_REMINDER_DAYS ahead. Run it daily; nobody is reminded twice."
    )

    def handle(self, *args, **options):
        tomorrow = uk_today() + timedelta(days=1)
        due = Booking.objects.filter(
            status=Booking.Status.ATTENDING,
            reminder_sent_at__isnull=True,
            meeting__live=True,
            meeting__starts_at__gte=start_of_uk_day(tomorrow),
            meeting__starts_at__lt=end_of_uk_day(tomorrow),
        ).select_related("meeting", "member")
        sent = 0
        for booking in due:
            with transaction.atomic():
                # Claimed first, so two runs at once cannot both send it.
                claimed = Booking.objects.filter(
                    pk=booking.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=timezone.now())
                if claimed:
                    send_reminder_email(booking)
                    sent += 1
        self.stdout.write(f"Sent {sent} meeting reminder{'s' if sent != 1 else ''}.")
        mailed = send_mailing_reminders()
        self.stdout.write(f"Sent {mailed} reminder{'s' if mailed != 1 else ''} to the mailing.")
