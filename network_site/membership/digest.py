"""The digest of new stories and resources: weekly or monthly, for members who chose it.

`queue_due_digests` (run daily by the scheduler) claims each member whose digest is due and queues
one background task per member; the task sends nothing when nothing new was published."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from network_site.core.mail import send_email
from network_site.core.roles import MEMBER_PERMISSION, users_with_permission
from network_site.core.site_address import absolute_url, page_url

from . import choices, member_page, unsubscribe
from .models import MemberProfile

PERIODS = {
    choices.DIGEST_WEEKLY: timedelta(days=7),
    choices.DIGEST_MONTHLY: timedelta(days=30),
}


def due_profiles(now):
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(digest_frequency=frequency) & (
            Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - period)
        )
    return MemberProfile.objects.filter(
        due, user__is_active=True, user__in=users_with_permission(MEMBER_PERMISSION)
    ).select_related("user")


def queue_due_digests(now=None):
    """Returns how many digests were queued."""
    now = now or timezone.now()
    queued = 0
    for profile in due_profiles(now):
        period = PERIODS[profile.digest_frequency]
        since = profile.digest_sent_at or max(now - period, profile.user.date_joined)
        # Claimed first: two runs at once cannot both queue it.
        claimed = MemberProfile.objects.filter(
            pk=profile.pk, digest_sent_at=profile.digest_sent_at
        ).update(digest_sent_at=now)
        if claimed:
            transaction.on_commit(
                lambda user_id=profile.user_id, since=since: send_digest.enqueue(
                    user_id, since.isoformat(), now.isoformat()
                )
            )
            queued += 1
    return queued


@task()
def send_digest(user_id, since, until):
    member = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if member is None:
        return
    since, until = parse_datetime(since), parse_datetime(until)
    news = [
        (label, [(page, page_url(page)) for page in pages])
        for label, pages in member_page.news_since(since, until)
    ]
    if not news:
        return
    profile = member.member_profile
    unsubscribe_url = unsubscribe.unsubscribe_url(member, unsubscribe.DIGEST)
    send_email(
        "membership/digest",
        [member.email],
        {
            "member": member,
            "news": news,
            "since": since,
            "frequency": profile.get_digest_frequency_display().lower(),
            "home_url": absolute_url(reverse("membership:home")),
            "unsubscribe_url": unsubscribe_url,
            "account_url": absolute_url(reverse("membership:account")),
        },
        headers=unsubscribe.list_unsubscribe_headers(unsubscribe_url),
    )
