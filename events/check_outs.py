"""After a meeting, a one-minute check-out for each member who came ("How was the meeting for you?").

- The email carries a signed link (no sign-in): the booking's key, signed and dated, never stored.
- Answering marks the booking's `CheckOutInvitation` answered and stores a `CheckOutAnswer` with
  the meeting, the day and the answers only. Nothing joins the two: the answer has a random key
  and no time of day, and the invitation does not say when it was answered.
- Results are shown only from five answers up (`count_about_people`).
"""

import base64
import logging
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from network_site.core.impact import SMALLEST_COUNT_SHOWN, Period, Table, count_about_people
from network_site.core.mail import send_email
from network_site.core.site_address import page_url

# The stories' identifying-detail check: a free-text answer is read like a story.
from stories.identifying import find_identifying_details

from .models import Agreement, Booking, CheckOutAnswer, CheckOutInvitation, MeetingPage

logger = logging.getLogger(__name__)

SALT = "events.check-out"
# How long a check-out link works, and how long after a meeting its check-outs are still sent.
LINK_DAYS = 30
SEND_WITHIN_DAYS = 7
STATEMENTS = CheckOutAnswer.STATEMENTS


class BadLink(Exception):
    """Not a link we made (or one for another meeting)."""


class ExpiredLink(Exception):
    pass


def make_token(booking) -> str:
    """The booking's key, signed and dated, in letters, digits, - and _ only (what Wagtail's page
    router accepts in an address: a signature's colons are not)."""
    signed = signing.dumps(booking.pk, salt=SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def signed_value(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeError) as error:
        raise BadLink from error


def invitation_for(meeting, token):
    """The invitation this link was made for; BadLink or ExpiredLink otherwise."""
    try:
        booking_id = signing.loads(
            signed_value(token), salt=SALT, max_age=timedelta(days=LINK_DAYS)
        )
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BadLink from error
    if not isinstance(booking_id, int):
        raise BadLink
    invitation = CheckOutInvitation.objects.filter(
        booking_id=booking_id, booking__meeting=meeting
    ).first()
    if invitation is None:
        raise BadLink
    return invitation


def record_answer(meeting, invitation, answers) -> bool:
    """Stores the answer once per invitation; False when it had already answered."""
    with transaction.atomic():
        claimed = CheckOutInvitation.objects.filter(pk=invitation.pk, answered=False).update(
            answered=True
        )
        if not claimed:
            return False
        CheckOutAnswer.objects.create(meeting=meeting, answered_on=timezone.localdate(), **answers)
    return True


# Sending


def meetings_to_check_out(now):
    return MeetingPage.objects.live().filter(
        ends_at__lte=now, ends_at__gt=now - timedelta(days=SEND_WITHIN_DAYS)
    )


def send_check_outs(now=None) -> int:
    """Invites each member who came to a meeting that ended in the last week, once."""
    now = now or timezone.now()
    bookings = (
        Booking.objects.filter(
            meeting__in=meetings_to_check_out(now),
            status=Booking.Status.ATTENDING,
            member__is_active=True,
            check_out__isnull=True,
        )
        .select_related("meeting", "member")
        .order_by("pk")
    )
    sent = 0
    for booking in bookings:
        try:
            with transaction.atomic():
                CheckOutInvitation.objects.create(booking=booking, sent_on=now.date())
                send_check_out_email(booking)
        except IntegrityError:
            logger.info("Booking %s: check-out already sent by another run", booking.pk)
            continue
        sent += 1
    return sent


def send_check_out_email(booking):
    meeting = booking.meeting
    link = page_url(meeting) + meeting.reverse_subpage("check_out", args=[make_token(booking)])
    send_email(
        "events/check_out",
        [booking.member.email],
        {"member": booking.member, "meeting": meeting, "check_out_url": link, "days": LINK_DAYS},
    )


# Results


def summarise(answers):
    """One query: the number of answers, and for each statement its mean and count per point."""
    aggregates = {"total": Count("pk")}
    for name, _label in STATEMENTS:
        aggregates[f"{name}_mean"] = Avg(name)
        for value in Agreement.values:
            aggregates[f"{name}_{value}"] = Count("pk", filter=Q(**{name: value}))
    return answers.aggregate(**aggregates)


def results(meeting):
    """The meeting's results, or just the shown count when fewer than five answered."""
    summary = summarise(CheckOutAnswer.objects.filter(meeting=meeting))
    total = summary["total"]
    if total < SMALLEST_COUNT_SHOWN:
        return {"enough": False, "count": count_about_people(total)}
    statements = []
    for name, label in STATEMENTS:
        points = [(label_, summary[f"{name}_{value}"]) for value, label_ in Agreement.choices]
        agreeing = summary[f"{name}_4"] + summary[f"{name}_5"]
        statements.append(
            {
                "label": label,
                "mean": round(summary[f"{name}_mean"], 1),
                "agreeing_percent": round(100 * agreeing / total),
                "points": points,
            }
        )
    comments = [
        comment
        for comment in CheckOutAnswer.objects.filter(meeting=meeting)
        .exclude(comment="")
        .order_by("pk")
        .values_list("comment", flat=True)
        # A comment that seems to name someone is kept for the coordinators, not shown.
        if not find_identifying_details([("comment", "Comment", comment)])
    ]
    return {"enough": True, "count": total, "statements": statements, "comments": comments}


def impact_context(period: Period):
    """Per meeting in the period: how many answered, and each statement's mean from five answers."""
    meetings = (
        MeetingPage.objects.live()
        .filter(starts_at__date__gte=period.start, starts_at__date__lte=period.end)
        .annotate(total=Count("check_out_answers"))
        .annotate(**{f"{name}_mean": Avg(f"check_out_answers__{name}") for name, _ in STATEMENTS})
        .order_by("starts_at")
    )
    rows = []
    for meeting in meetings:
        enough = meeting.total >= SMALLEST_COUNT_SHOWN
        means = [
            round(getattr(meeting, f"{name}_mean"), 1) if enough else "not shown"
            for name, _label in STATEMENTS
        ]
        rows.append(
            [meeting.title, meeting.date_display, count_about_people(meeting.total), *means]
        )
    table = Table(
        "How each meeting felt: answers to the check-out, mean agreement from 1 to 5",
        ["Meeting", "Date", "Answers", *[label for _name, label in STATEMENTS]],
        rows,
    )
    return {"tables": [table], "rows": rows}
