"""What a member does on a meeting page: say they are coming, cancel, get the calendar entry."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from network_site.membership.access import is_member, member_required

from . import booking as bookings
from .calendar import build_calendar, calendar_response
from .forms import BookingForm
from .models import Booking


def meeting_page_context(page, request):
    user = request.user
    member = is_member(user)
    booking = page.booking_for(user) if member else None
    if booking is not None and booking.status == Booking.Status.CANCELLED:
        booking = None
    now = timezone.now()
    context = {
        "has_ended": page.has_ended(now),
        "booking_open": page.booking_is_open(now),
        "is_member": member,
        "booking": booking,
        # A form with errors replaces this one through render(context_overrides=...).
        "booking_form": BookingForm(meeting=page),
        "show_joining_link": page.can_see_joining_link(user, booking),
        "waiting_position": waiting_position(booking) if booking and booking.is_waiting else None,
        "check_out_results": check_out_results(page) if member and page.has_ended(now) else None,
    }
    return context


def check_out_results(page):
    from .check_outs import results

    return results(page)


def waiting_position(booking):
    ahead = (
        Booking.objects.filter(
            meeting_id=booking.meeting_id,
            status=Booking.Status.WAITING,
            waiting_since__lte=booking.waiting_since,
        )
        .exclude(pk=booking.pk)
        .count()
    )
    return ahead + 1


@require_POST
@member_required
def book_meeting(request, page):
    form = BookingForm(request.POST, meeting=page)
    if not form.is_valid():
        return page.render(request, context_overrides={"booking_form": form})
    try:
        booking = bookings.book(
            page.pk,
            request.user,
            form.cleaned_data["access_needs"],
            form.cleaned_data["access_needs_details"].strip(),
        )
    except bookings.BookingClosed:
        messages.error(request, "Booking for this meeting has closed.")
        return redirect(page.url)
    if booking.is_attending:
        messages.success(
            request,
            "You are coming. We have emailed you a confirmation with the calendar entry.",
        )
    elif booking.is_offered:
        messages.info(request, "A place is being held for you: take it up below.")
    else:
        messages.success(
            request,
            "The meeting is full, so you are on the waiting list. "
            "We will email you if a place comes up.",
        )
    return redirect(page.url + "#your-place")


@require_http_methods(["GET", "POST"])
@member_required
def cancel_booking(request, page):
    """GET asks "are you sure?"; only the POST from that page cancels (no JavaScript needed)."""
    if request.method == "GET":
        booking = page.booking_for(request.user)
        if booking is None or booking.status == Booking.Status.CANCELLED:
            messages.info(request, "You have no place at this meeting to cancel.")
            return redirect(page.url)
        return TemplateResponse(
            request, "pages/events/cancel_booking.html", {"page": page, "booking": booking}
        )
    booking = bookings.cancel(page.pk, request.user)
    if booking is None:
        messages.info(request, "You had no place at this meeting to cancel.")
    else:
        messages.success(
            request, "You are no longer down for this meeting. We have emailed you to confirm."
        )
    return redirect(page.url + "#your-place")


@require_POST
@member_required
def accept_offer(request, page):
    try:
        bookings.accept_offer(page.pk, request.user)
    except bookings.OfferGone:
        messages.error(
            request,
            "There is no place held for you at this meeting now: the offer may have lapsed.",
        )
        return redirect(page.url + "#your-place")
    messages.success(
        request, "The place is yours. We have emailed you a confirmation with the calendar entry."
    )
    return redirect(page.url + "#your-place")


def meeting_calendar(request, page):
    """The meeting's .ics: a member who is coming gets the joining link in their own copy."""
    joining_links = {}
    personal = False
    if is_member(request.user) and page.joining_link and page.is_online():
        booking = page.booking_for(request.user)
        if booking is not None and booking.is_attending:
            joining_links[page.pk] = page.joining_link
            personal = True
    calendar = build_calendar([page], page.title, joining_links)
    return calendar_response(calendar, f"{page.slug}.ics", private=personal)


@require_http_methods(["GET", "POST"])
def check_out(request, page, token):
    """The check-out form, from the emailed link: no sign-in, and nothing kept that says who."""
    from . import check_outs
    from .forms import CheckOutForm

    def answer(template, status=200, **context):
        context = {"page": page, **context}
        response = TemplateResponse(request, f"pages/events/{template}", context, status=status)
        # A page reached by someone's own link is never stored for others.
        patch_cache_control(response, private=True, no_store=True)
        return response

    try:
        invitation = check_outs.invitation_for(page, token)
    except check_outs.ExpiredLink:
        return answer("check_out_link_problem.html", 410, expired=True)
    except check_outs.BadLink:
        return answer("check_out_link_problem.html", 404, expired=False)
    if invitation.answered:
        return answer("check_out_thanks.html", already=True)
    form = CheckOutForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        recorded = check_outs.record_answer(page, invitation, form.cleaned_data)
        return answer("check_out_thanks.html", already=not recorded)
    return answer("check_out_form.html", form=form)
