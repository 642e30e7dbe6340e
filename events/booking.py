"""Saying you are coming, cancelling, and the waiting list.

Every change takes a row lock on the meeting first (SELECT ... FOR UPDATE), so two members booking
the last place at the same moment are served one after the other: the second finds it taken.
"""

from django.db import transaction
from django.utils import timezone

from .emails import send_place_offered_email
from .models import Booking, MeetingPage

ACTIVE_STATUSES = (Booking.Status.ATTENDING, Booking.Status.WAITING)


class BookingClosed(Exception):
    """Booking for this meeting has closed (or the meeting is over)."""


def locked_meeting(meeting_id):
    # of=("self",) locks the meeting's own row, not Wagtail's page-tree row that editors also write.
    return MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting_id)


def book(meeting_id, member, access_needs=(), access_needs_details=""):
    """A place for `member`, or a place on the waiting list when the meeting is full."""
    with transaction.atomic():
        meeting = locked_meeting(meeting_id)
        if not meeting.booking_is_open():
            raise BookingClosed
        booking = Booking.objects.filter(meeting=meeting, member=member).first()
        if booking is None:
            booking = Booking(meeting=meeting, member=member)
        elif booking.status in ACTIVE_STATUSES:
            # Already coming or waiting: only the access needs change.
            booking.access_needs = list(access_needs)
            booking.access_needs_details = access_needs_details
            booking.save()
            return booking
        attending = meeting.bookings.filter(status=Booking.Status.ATTENDING).count()
        if meeting.capacity is None or attending < meeting.capacity:
            booking.status, booking.waiting_since = Booking.Status.ATTENDING, None
        else:
            booking.status, booking.waiting_since = Booking.Status.WAITING, timezone.now()
        booking.access_needs = list(access_needs)
        booking.access_needs_details = access_needs_details
        booking.reminder_sent_at = None
        booking.save()
        return booking


def cancel(meeting_id, member):
    """Gives up a place (offering it to the waiting list) or leaves the waiting list."""
    with transaction.atomic():
        meeting = locked_meeting(meeting_id)
        booking = Booking.objects.filter(
            meeting=meeting, member=member, status__in=ACTIVE_STATUSES
        ).first()
        if booking is None:
            return None
        freed_a_place = booking.is_attending
        cancel_booking(booking)
        if freed_a_place and not meeting.has_ended():
            offer_places(meeting)
        return booking


def cancel_booking(booking):
    booking.status, booking.waiting_since = Booking.Status.CANCELLED, None
    # Access needs are only kept for people who are coming.
    booking.access_needs, booking.access_needs_details = [], ""
    booking.save()


def offer_places(meeting):
    """Gives free places to the waiting list, first come first served, and tells each by email.

    The caller holds the lock on `meeting`.
    """
    waiting = (
        meeting.bookings.filter(status=Booking.Status.WAITING)
        .select_related("member")
        .order_by("waiting_since", "pk")
    )
    if meeting.capacity is not None:
        attending = meeting.bookings.filter(status=Booking.Status.ATTENDING).count()
        waiting = waiting[: max(meeting.capacity - attending, 0)]
    promoted = []
    for booking in waiting:
        booking.status, booking.waiting_since = Booking.Status.ATTENDING, None
        booking.save(update_fields=["status", "waiting_since", "updated_at"])
        promoted.append(booking)
        booking.meeting = meeting
        send_place_offered_email(booking)
    return promoted


def offer_places_after_publishing(sender, instance, **kwargs):
    """An editor who raises the capacity (or removes it) frees places for the waiting list."""
    with transaction.atomic():
        meeting = locked_meeting(instance.pk)
        if not meeting.has_ended():
            offer_places(meeting)


def erase_member_bookings(member):
    """Account deletion: places at meetings still to come go to the waiting list, then all goes."""
    for booking in Booking.objects.filter(member=member, status__in=ACTIVE_STATUSES):
        cancel(booking.meeting_id, member)
    Booking.objects.filter(member=member).delete()


def export_member_bookings(member):
    return [
        {
            "meeting": booking.meeting.title,
            "starts_at": booking.meeting.starts_at.isoformat(),
            "status": booking.get_status_display(),
            "access_needs": booking.access_needs_display,
            "access_needs_details": booking.access_needs_details,
            "booked_at": booking.created_at.isoformat(),
        }
        for booking in Booking.objects.filter(member=member)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    ]
