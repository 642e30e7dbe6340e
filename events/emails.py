"""Mail to members about meetings, through core's one way of sending mail (rendered now, sent
after the commit). Each is a trio of templates under templates/emails/events/."""

from django.conf import settings
from django.urls import reverse

from network_site.core.mail import send_email
from network_site.core.site_address import absolute_url, page_url

from .calendar import build_calendar
from .times import format_date, format_time_range, in_uk


def send_to_member(template, booking, *, attachments=(), **extra):
    meeting = booking.meeting
    send_email(
        f"events/{template}",
        [booking.member.email],
        {"member": booking.member, "meeting": meeting, "meeting_url": page_url(meeting), **extra},
        attachments=attachments,
    )


def calendar_attachment(booking):
    """The meeting's .ics for someone who is coming: with the joining link when it is online."""
    meeting = booking.meeting
    links = (
        {meeting.pk: meeting.joining_link} if meeting.is_online() and meeting.joining_link else {}
    )
    calendar = build_calendar([meeting], meeting.title, links)
    return (f"{meeting.slug}.ics", calendar.to_ical(), "text/calendar")


def send_booking_confirmed_email(booking):
    meeting = booking.meeting
    send_to_member(
        "booking_confirmed",
        booking,
        attachments=[calendar_attachment(booking)],
        cancel_url=page_url(meeting) + meeting.reverse_subpage("cancel"),
    )


def send_place_offered_email(booking):
    expires = booking.offer_expires_at
    send_to_member(
        "place_offered",
        booking,
        expires_display=f"{format_date(expires)}, {in_uk(expires):%H:%M} UK time",
        accept_url=page_url(booking.meeting) + "#your-place",
    )


def send_offer_lapsed_email(booking):
    send_to_member("offer_lapsed", booking)


def send_cancelled_email(booking, previous_status):
    from .models import Booking

    send_to_member("cancelled", booking, was_waiting=previous_status == Booking.Status.WAITING)


def send_reminder_email(booking):
    meeting = booking.meeting
    send_to_member(
        "reminder", booking, joining_link=meeting.joining_link if meeting.is_online() else ""
    )


def mailing_context(meeting, member):
    from network_site.membership.unsubscribe import MEETINGS, unsubscribe_url

    return {
        "member": member,
        "meeting": meeting,
        "meeting_url": page_url(meeting),
        "time_display": format_time_range(meeting.starts_at, meeting.ends_at),
        "unsubscribe_url": unsubscribe_url(member, MEETINGS),
        "account_url": absolute_url(reverse("membership:account")),
    }


def send_to_mailing_member(template, meeting, member, **extra):
    """With the member's own unsubscribe link, in the text and in the one-click headers."""
    from network_site.membership.unsubscribe import list_unsubscribe_headers

    context = {**mailing_context(meeting, member), **extra}
    send_email(
        template,
        [member.email],
        context,
        headers=list_unsubscribe_headers(context["unsubscribe_url"]),
    )


def send_meeting_announcement(meeting):
    """To every member on the meetings mailing."""
    from .mailing import mailing_recipients

    for member in mailing_recipients():
        send_to_mailing_member("events/meeting_announced", meeting, member)


def send_mailing_reminder(meeting, member):
    send_to_mailing_member(
        "events/meeting_mailing_reminder",
        meeting,
        member,
        days=settings.EVENTS_MAILING_REMINDER_DAYS,
    )
