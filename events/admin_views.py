"""Editors' views: who is coming to a meeting (and the CSV of it), and next quarter's meeting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from network_site.core.csv_export import csv_response

from . import times
from .models import Booking, MeetingPage


def editable_meeting(request, meeting_id):
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    if not meeting.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return meeting


def meeting_bookings(meeting):
    """(coming, offered a place, waiting), in one query."""
    bookings = list(
        meeting.bookings.select_related("member")
        .filter(status__in=[*Booking.HOLDING_A_PLACE, Booking.Status.WAITING])
        .order_by("waiting_since", "created_at", "pk")
    )
    return (
        [booking for booking in bookings if booking.is_attending],
        [booking for booking in bookings if booking.is_offered],
        [booking for booking in bookings if booking.is_waiting],
    )


def bookings_view(request, meeting_id):
    meeting = editable_meeting(request, meeting_id)
    attending, offered, waiting = meeting_bookings(meeting)
    return TemplateResponse(
        request,
        "events/admin/bookings.html",
        {
            "meeting": meeting,
            "attending": attending,
            "waiting": offered + waiting,
            "tally": getattr(meeting, "access_needs_tally", None),
        },
    )


def bookings_csv_view(request, meeting_id):
    meeting = editable_meeting(request, meeting_id)
    attending, offered, waiting = meeting_bookings(meeting)
    waiting = offered + waiting
    header = [
        "Status",
        "Place on waiting list",
        "Name",
        "Email",
        "Access needs",
        "Details",
        "Since",
    ]
    rows = (
        [
            booking.get_status_display(),
            position or "",
            booking.member.get_full_name(),
            booking.member.email,
            "; ".join(booking.access_needs_display),
            booking.access_needs_details,
            times.in_uk(booking.waiting_since or booking.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for position, booking in [(None, b) for b in attending] + list(enumerate(waiting, 1))
    )
    return csv_response(f"{meeting.slug}-bookings.csv", header, rows)


def next_quarter_times(source):
    """(starts, ends, booking closes) three months on from `source`: the same weekday in the same
    week of the month, at the same UK wall-clock times."""
    from_day = times.in_uk(source.starts_at).date()
    to_day = times.same_weekday_months_later(from_day, 3)
    return (
        times.moved_like(source.starts_at, from_day, to_day),
        times.moved_like(source.ends_at, from_day, to_day),
        times.moved_like(source.booking_closes_at, from_day, to_day)
        if source.booking_closes_at
        else None,
    )


def next_quarter_meeting(source, user):
    """A draft copy of `source` three months on: format, venue, agenda and access notes copied."""
    starts_at, ends_at, booking_closes_at = next_quarter_times(source)
    local_start = times.in_uk(starts_at)
    title = f"Network meeting, {local_start:%B %Y}"
    index = source.get_parent()
    slug = base_slug = slugify(f"{local_start:%B-%Y}-meeting")
    suffix = 2
    while index.get_children().filter(slug=slug).exists():
        slug, suffix = f"{base_slug}-{suffix}", suffix + 1
    meeting = MeetingPage(
        title=title,
        slug=slug,
        live=False,
        owner=user,
        introduction=source.introduction,
        starts_at=starts_at,
        ends_at=ends_at,
        format=source.format,
        venue_name=source.venue_name,
        address=source.address,
        capacity=source.capacity,
        booking_closes_at=booking_closes_at,
        agenda=source.agenda.get_prep_value(),
        access_information=source.access_information,
    )
    with transaction.atomic():
        index.add_child(instance=meeting)
        meeting.save_revision(user=user, log_action=True)
    return meeting


def schedule_next_view(request, meeting_id):
    source = get_object_or_404(MeetingPage, pk=meeting_id)
    index = source.get_parent()
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    proposed_start, proposed_end, _booking_closes_at = next_quarter_times(source)
    if request.method == "POST":
        meeting = next_quarter_meeting(source, request.user)
        messages.success(
            request, f"'{meeting.title}' is saved as a draft. Check it, then publish it."
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    return TemplateResponse(
        request,
        "events/admin/schedule_next.html",
        {
            "source": source,
            "proposed_date": times.format_date(proposed_start),
            "proposed_time": times.format_time_range(proposed_start, proposed_end),
        },
    )
