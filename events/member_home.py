"""The meetings section of a member's home page: their places, waiting-list positions and offers."""

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Booking, MeetingPage, upcoming


def section_context(request):
    now = timezone.now()
    bookings = list(
        Booking.objects.filter(
            member=request.user,
            status__in=[Booking.Status.ATTENDING, Booking.Status.OFFERED, Booking.Status.WAITING],
            meeting__live=True,
            meeting__ends_at__gt=now,
        )
        .select_related("meeting")
        .annotate(
            # Position on the waiting list, in the same query: those waiting since no later.
            waiting_ahead=Count(
                "meeting__bookings",
                filter=Q(
                    meeting__bookings__status=Booking.Status.WAITING,
                    meeting__bookings__waiting_since__lt=F("waiting_since"),
                ),
            )
        )
        .order_by("meeting__starts_at", "pk")
    )
    booked_ids = [booking.meeting_id for booking in bookings]
    next_meetings = list(
        upcoming(MeetingPage.objects.live().public().exclude(pk__in=booked_ids), now)[:3]
    )
    return {"bookings": bookings, "next_meetings": next_meetings}
