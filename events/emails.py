"""Mail to members about meetings: sent as background tasks, after the change is committed."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from .times import format_date


def _send(template_name, subject, booking, **extra):
    meeting = booking.meeting
    context = {
        "member": booking.member,
        "meeting": meeting,
        "meeting_url": meeting.get_full_url(),
        **extra,
    }
    body = render_to_string(f"emails/events/{template_name}.txt", context)
    send_mail(subject, body, None, [booking.member.email])


@task()
def send_place_offered_email(booking_id):
    from .models import Booking

    booking = Booking.objects.select_related("meeting", "member").filter(pk=booking_id).first()
    if booking is None or not booking.is_attending:
        return
    _send(
        "place_offered",
        f"A place has come up for you: {booking.meeting.title}",
        booking,
    )


def send_reminder_email(booking):
    meeting = booking.meeting
    _send(
        "reminder",
        f"Tomorrow: {meeting.title}, {format_date(meeting.starts_at)}",
        booking,
        joining_link=meeting.joining_link if meeting.is_online() else "",
    )
