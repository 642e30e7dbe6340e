"""Saying you are coming, cancelling, and the waiting list.

Every change takes a row lock on the meeting first (SELECT ... FOR UPDATE), so two members booking
the last place at the same moment are served one after the other: the second finds it taken.

A place freed by a cancellation is offered to the first person waiting. It is held for them until
`offer_expires_at` (EVENTS_OFFER_HOURS, and never past the booking deadline); the hourly
`expire_place_offers` job passes an offer not taken up to the next person.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import emails
from .models import Booking, MeetingPage

ACTIVE_STATUSES = (Booking.Status.ATTENDING, Booking.Status.OFFERED, Booking.Status.WAITING)


class BookingClosed(Exception):
    """Booking for this meeting has closed (or the meeting is over)."""


class OfferGone(Exception):
    """There is no open offer of a place for this member (never made, taken, or lapsed)."""


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
            # Already coming, offered or waiting: only the access needs change.
            booking.access_needs = list(access_needs)
            booking.access_needs_details = access_needs_details
            booking.save()
            return booking
        taken = meeting.bookings.filter(status__in=Booking.HOLDING_A_PLACE).count()
        if meeting.capacity is None or taken < meeting.capacity:
            booking.status, booking.waiting_since = Booking.Status.ATTENDING, None
        else:
            booking.status, booking.waiting_since = Booking.Status.WAITING, timezone.now()
        booking.access_needs = list(access_needs)
        booking.access_needs_details = access_needs_details
        booking.reminder_sent_at = booking.offer_expires_at = None
        booking.save()
        if booking.is_attending:
            emails.send_booking_confirmed_email(booking)
        return booking


def accept_offer(meeting_id, member):
    """The member takes up the place offered to them, while the offer stands."""
    with transaction.atomic():
        meeting = locked_meeting(meeting_id)
        booking = Booking.objects.filter(
            meeting=meeting,
            member=member,
            status=Booking.Status.OFFERED,
            offer_expires_at__gt=timezone.now(),
        ).first()
        if booking is None:
            raise OfferGone
        booking.status, booking.offer_expires_at = Booking.Status.ATTENDING, None
        booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
        emails.send_booking_confirmed_email(booking)
        return booking


def cancel(meeting_id, member, *, notify=True):
    """Gives up a place or an offer (passing it on to the waiting list), or leaves the list."""
    with transaction.atomic():
        meeting = locked_meeting(meeting_id)
        booking = Booking.objects.filter(
            meeting=meeting, member=member, status__in=ACTIVE_STATUSES
        ).first()
        if booking is None:
            return None
        freed_a_place = booking.status in Booking.HOLDING_A_PLACE
        previous_status = booking.status
        cancel_booking(booking)
        if notify:
            emails.send_cancelled_email(booking, previous_status)
        if freed_a_place and not meeting.has_ended():
            offer_places(meeting)
        return booking


def cancel_booking(booking):
    booking.status, booking.waiting_since, booking.offer_expires_at = (
        Booking.Status.CANCELLED,
        None,
        None,
    )
    # Access needs are only kept for people who are coming.
    booking.access_needs, booking.access_needs_details = [], ""
    booking.save()


def offer_deadline(meeting, now=None):
    now = now or timezone.now()
    return min(now + timedelta(hours=settings.EVENTS_OFFER_HOURS), meeting.booking_deadline)


def offer_places(meeting, now=None):
    """Offers free places to the waiting list, first come first served, and tells each by email.

    The caller holds the lock on `meeting`. Once booking has closed, nobody more is offered one.
    """
    now = now or timezone.now()
    if not meeting.booking_is_open(now):
        return []
    waiting = (
        meeting.bookings.filter(status=Booking.Status.WAITING)
        .select_related("member")
        .order_by("waiting_since", "pk")
    )
    if meeting.capacity is not None:
        taken = meeting.bookings.filter(status__in=Booking.HOLDING_A_PLACE).count()
        waiting = waiting[: max(meeting.capacity - taken, 0)]
    expires_at = offer_deadline(meeting, now)
    offered = []
    for booking in waiting:
        booking.meeting = meeting
        booking.status, booking.offer_expires_at = Booking.Status.OFFERED, expires_at
        booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
        offered.append(booking)
        emails.send_place_offered_email(booking)
    return offered


def expire_offers(now=None):
    """Offers not taken up in time lapse (the member is told) and pass to the next person.
    Returns how many lapsed."""
    now = now or timezone.now()
    meeting_ids = set(
        Booking.objects.filter(
            status=Booking.Status.OFFERED, offer_expires_at__lte=now
        ).values_list("meeting_id", flat=True)
    )
    lapsed = 0
    for meeting_id in meeting_ids:
        with transaction.atomic():
            meeting = locked_meeting(meeting_id)
            for booking in meeting.bookings.filter(
                status=Booking.Status.OFFERED, offer_expires_at__lte=now
            ).select_related("member"):
                cancel_booking(booking)
                booking.meeting = meeting
                emails.send_offer_lapsed_email(booking)
                lapsed += 1
            if not meeting.has_ended(now):
                offer_places(meeting, now)
    return lapsed


def offer_places_after_publishing(sender, instance, **kwargs):
    """An editor who raises the capacity (or removes it) frees places for the waiting list."""
    with transaction.atomic():
        meeting = locked_meeting(instance.pk)
        if not meeting.has_ended():
            offer_places(meeting)


def erase_member_bookings(member):
    """Account deletion: places at meetings still to come go to the waiting list, then all goes."""
    for booking in Booking.objects.filter(member=member, status__in=ACTIVE_STATUSES):
        cancel(booking.meeting_id, member, notify=False)
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
