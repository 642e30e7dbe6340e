"""Mail to members about meetings, through core's one way of sending mail (after the commit)."""

from network_site.core.mail import send_email
from network_site.core.site_address import page_url


def send_to_member(template, booking, **extra):
    meeting = booking.meeting
    send_email(
        f"events/{template}",
        [booking.member.email],
        {"member": booking.member, "meeting": meeting, "meeting_url": page_url(meeting), **extra},
    )


def send_place_offered_email(booking):
    send_to_member("place_offered", booking)


def send_reminder_email(booking):
    meeting = booking.meeting
    send_to_member(
        "reminder", booking, joining_link=meeting.joining_link if meeting.is_online() else ""
    )
