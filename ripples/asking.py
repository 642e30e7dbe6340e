"""Asking tellers "what happened next?" three, six and twelve months after a story is published.

Only tellers who chose to be asked (AskingChoice, off unless chosen) are emailed, once per story
and milestone: the FollowUpAsked row is claimed before the mail is queued, in the same transaction,
so a second run (or a second scheduler) asks nobody twice. A story first seen past several
milestones (its teller chose to be asked later) is asked at the latest one only; the earlier ones
are recorded as passed.
"""

import calendar
import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from network_site.core.mail import send_email
from network_site.core.site_address import absolute_url, page_url
from stories.models import StoryPage

from .models import MILESTONES, AskingChoice, FollowUpAsked

logger = logging.getLogger(__name__)


def months_after(moment: datetime, months: int) -> datetime:
    """The same day `months` later (the month's last day when it has no such day)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def milestones_reached(published_at: datetime, now: datetime) -> list[int]:
    return [months for months in MILESTONES if months_after(published_at, months) <= now]


def stories_to_ask(now):
    """Live stories of tellers who chose to be asked, past three months, with a milestone unasked."""
    opted_in = AskingChoice.objects.filter(ask_me=True).values("user")
    return (
        StoryPage.objects.live()
        .filter(owner__in=opted_in, owner__is_active=True, withdrawn_at__isnull=True)
        .filter(first_published_at__lte=months_before(now, MILESTONES[0]))
        .select_related("owner")
        .prefetch_related("ripple_asks")
        .order_by("pk")
    )


def months_before(now: datetime, months: int) -> datetime:
    """The latest moment whose `months_after` is not after `now` (near enough: a day early)."""
    month_index = now.month - 1 - months
    year, month = now.year + month_index // 12, month_index % 12 + 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)


def ask_what_happened_next(now=None) -> int:
    """Asks each teller due a milestone; returns how many emails were queued."""
    now = now or timezone.now()
    sent = 0
    for story in stories_to_ask(now):
        asked = {ask.months for ask in story.ripple_asks.all()}
        due = [m for m in milestones_reached(story.first_published_at, now) if m not in asked]
        if due and ask_once(story, due):
            sent += 1
    return sent


def ask_once(story, due):
    """Records the due milestones and queues one email for the latest; False if another run
    claimed them first."""
    try:
        with transaction.atomic():
            for months in due:
                FollowUpAsked.objects.create(story=story, months=months)
            send_email(
                "ripples/what_happened_next",
                [story.owner.email],
                {
                    "teller": story.owner,
                    "story": story,
                    "months": due[-1],
                    "story_url": page_url(story),
                    "update_url": absolute_url(reverse("ripples_write_update", args=[story.pk])),
                    "stop_url": absolute_url(reverse("ripples_asking")),
                },
            )
    except IntegrityError:
        logger.info("Story %s: milestone already asked by another run", story.pk)
        return False
    return True
