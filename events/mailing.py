"""The meetings mailing: members who asked for emails about meetings hear when one is published
and again before it. Each kind of email goes once per meeting (claimed by a MeetingMailing row)."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django_tasks import task

from network_site.core.roles import MEMBER_PERMISSION, users_with_permission

from . import emails
from .models import Booking, MeetingMailing, MeetingPage, upcoming
from .times import end_of_uk_day, start_of_uk_day, uk_today


def mailing_recipients():
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=users_with_permission(MEMBER_PERMISSION),
            member_profile__receives_meetings_mailing=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def claim(meeting, kind):
    """True the first time only: two runs at once cannot both send."""
    try:
        with transaction.atomic():
            MeetingMailing.objects.create(meeting=meeting, kind=kind)
    except IntegrityError:
        return False
    return True


def announce_after_publishing(sender, instance, **kwargs):
    """The first time a meeting still to come is published, the mailing hears about it."""
    meeting = MeetingPage.objects.live().public().filter(pk=instance.pk).first()
    if meeting is None or meeting.has_ended():
        return
    if claim(meeting, MeetingMailing.Kind.ANNOUNCEMENT):
        # One email per member is rendered in the background, not in the editor's request.
        transaction.on_commit(partial(announce_meeting.enqueue, meeting.pk))


@task()
def announce_meeting(meeting_id):
    meeting = MeetingPage.objects.live().public().filter(pk=meeting_id).first()
    if meeting is not None:
        emails.send_meeting_announcement(meeting)


def send_mailing_reminders():
    """For meetings EVENTS_MAILING_REMINDER_DAYS from today (UK date): a reminder to everyone on
    the mailing who is not already coming (they get their own reminder the day before)."""
    day = uk_today() + timedelta(days=settings.EVENTS_MAILING_REMINDER_DAYS)
    meetings = upcoming(MeetingPage.objects.live().public()).filter(
        starts_at__gte=start_of_uk_day(day), starts_at__lt=end_of_uk_day(day)
    )
    sent = 0
    for meeting in meetings:
        if not claim(meeting, MeetingMailing.Kind.REMINDER):
            continue
        coming = Booking.objects.filter(meeting=meeting, status__in=Booking.HOLDING_A_PLACE).values(
            "member_id"
        )
        for member in mailing_recipients().exclude(pk__in=coming):
            emails.send_mailing_reminder(meeting, member)
            sent += 1
    return sent
