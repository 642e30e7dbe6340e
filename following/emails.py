"""News by email: at once (one task per batch of news, queued after commit) or in a daily or
weekly digest (`queue_due_digests`, run by the scheduler). Each notification records when it went
out (`emailed_at`), and is claimed by setting it before the mail is queued, so no piece of news is
mailed twice. Every email carries one-click links to change how often its kinds come."""

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
from network_site.core.site_address import absolute_url
from network_site.membership.unsubscribe import list_unsubscribe_headers

from . import kinds, tokens
from .models import EmailPreferences, Notification

PERIODS = {
    kinds.Frequency.DAILY: timedelta(days=1),
    kinds.Frequency.WEEKLY: timedelta(days=7),
}
# A daily job run a little early or late still finds the digest due.
SLACK = timedelta(hours=2)
SENT_AT_FIELD = {
    kinds.Frequency.DAILY: "daily_digest_sent_at",
    kinds.Frequency.WEEKLY: "weekly_digest_sent_at",
}


def queue_at_once(notifications):
    """Queues, after commit, the mail of the notifications whose member wants their kind at once."""
    by_kind = {}
    for notification in notifications:
        by_kind.setdefault(notification.kind, []).append(notification)
    wanted = []
    for kind, items in by_kind.items():
        at_once = set(
            EmailPreferences.objects.filter(
                user_id__in=[item.user_id for item in items], **{kind: kinds.Frequency.AT_ONCE}
            ).values_list("user_id", flat=True)
        )
        wanted += [item.pk for item in items if item.user_id in at_once]
    if wanted:
        transaction.on_commit(lambda: send_at_once.enqueue(wanted))


@task()
def send_at_once(notification_ids):
    now = timezone.now()
    claimed = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    for notification in claimed:
        # Claimed one by one: a task run twice sends each at most once.
        if Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=now
        ):
            send_news(notification.user, [notification], frequency=kinds.Frequency.AT_ONCE)


def send_news(member, notifications, *, frequency, since=None):
    if not member.is_active:
        return
    news_kinds = list(dict.fromkeys(item.kind for item in notifications))
    change_url = tokens.choice_url(member, news_kinds)
    grouped = [
        (kinds.KINDS[kind], [item for item in notifications if item.kind == kind])
        for kind in news_kinds
    ]
    send_email(
        "following/news",
        [member.email],
        {
            "member": member,
            "grouped": [
                (label, [(item, absolute_url(item.url)) for item in items])
                for label, items in grouped
            ],
            "count": len(notifications),
            "at_once": frequency == kinds.Frequency.AT_ONCE,
            # "email at once", "a daily digest", "a weekly digest"
            "frequency": (
                "email at once"
                if frequency == kinds.Frequency.AT_ONCE
                else kinds.Frequency(frequency).label.lower()
            ),
            "period": "weekly" if frequency == kinds.Frequency.WEEKLY else "daily",
            "since": since,
            "kind_labels": [kinds.KINDS[kind] for kind in news_kinds],
            "change_url": change_url,
            "preferences_url": absolute_url(reverse("following:preferences")),
            "home_url": absolute_url(reverse("membership:home")),
        },
        headers=list_unsubscribe_headers(change_url),
    )


def due_preferences(frequency, now):
    sent_at = SENT_AT_FIELD[frequency]
    wants = Q()
    for kind in kinds.KINDS:
        wants |= Q(**{kind: frequency})
    due = Q(**{f"{sent_at}__isnull": True}) | Q(
        **{f"{sent_at}__lte": now - PERIODS[frequency] + SLACK}
    )
    return EmailPreferences.objects.filter(
        wants,
        due,
        user__is_active=True,
        user__in=users_with_permission(MEMBER_PERMISSION),
    )


def queue_due_digests(now=None):
    """Claims each member whose daily or weekly digest is due and queues one task each; the
    task sends nothing when there is no news. Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for frequency, sent_at in SENT_AT_FIELD.items():
        for preferences in due_preferences(frequency, now):
            last = getattr(preferences, sent_at)
            since = last or now - PERIODS[frequency]
            claimed = EmailPreferences.objects.filter(pk=preferences.pk, **{sent_at: last}).update(
                **{sent_at: now}
            )
            if claimed:
                transaction.on_commit(
                    lambda user_id=preferences.user_id, frequency=frequency, since=since: (
                        send_digest.enqueue(user_id, frequency, since.isoformat(), now.isoformat())
                    )
                )
                queued += 1
    return queued


@task()
def send_digest(user_id, frequency, since, until):
    member = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    preferences = EmailPreferences.objects.filter(user_id=user_id).first()
    if member is None or preferences is None:
        return
    since, until = parse_datetime(since), parse_datetime(until)
    wanted = preferences.kinds_at(frequency)
    unsent = Notification.objects.filter(
        user=member,
        kind__in=wanted,
        emailed_at__isnull=True,
        created_at__gt=since,
        created_at__lte=until,
    )
    ids = list(unsent.values_list("pk", flat=True))
    if not ids:
        return
    # Claimed before sending: only what this run marked goes into its email.
    claimed_at = timezone.now()
    Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=claimed_at)
    items = list(
        Notification.objects.filter(pk__in=ids, emailed_at=claimed_at).order_by("created_at", "pk")
    )
    if items:
        send_news(member, items, frequency=frequency, since=since)
