from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.models import AccessNeedsTally, Booking, MeetingPage


class Command(BaseCommand):
    help = (
        "Deletes the access needs people gave for meetings that ended more than "
        "EVENTS_ACCESS_NEEDS_RETENTION_DAYS ago, keeping how many asked for each. Run it daily."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.EVENTS_ACCESS_NEEDS_RETENTION_DAYS)
        meetings = MeetingPage.objects.filter(ends_at__lte=cutoff, bookings__isnull=False)
        purged_bookings = 0
        for meeting in meetings.distinct():
            purged_bookings += self.purge(meeting)
        self.stdout.write(f"Deleted the access needs of {purged_bookings} booking(s).")

    @transaction.atomic
    def purge(self, meeting):
        with_needs = (
            Booking.objects.select_for_update()
            .filter(meeting=meeting)
            .exclude(access_needs=[], access_needs_details="")
        )
        counts = Counter()
        purged = 0
        for booking in with_needs:
            if booking.is_attending:
                counts.update(set(booking.access_needs))
            booking.access_needs, booking.access_needs_details = [], ""
            booking.save(update_fields=["access_needs", "access_needs_details", "updated_at"])
            purged += 1
        tally, _ = AccessNeedsTally.objects.get_or_create(
            meeting=meeting, defaults={"purged_at": timezone.now()}
        )
        if counts:
            tally.counts = dict(Counter(tally.counts) + counts)
            tally.purged_at = timezone.now()
            tally.save()
        return purged
