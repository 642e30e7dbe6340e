"""Following, unfollowing, and telling followers: the one place that writes follows and news."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from network_site.core.roles import MEMBER_PERMISSION, users_with_permission

from . import targets
from .models import Follow, Notification

TITLE_LENGTH = 300


def follow(user, obj, *, automatic=False):
    """Makes `user` follow `obj`; returns True when the follow is new."""
    content_type = targets.content_type_of(obj)
    if Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).exists():
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(
                user=user, content_type=content_type, object_id=obj.pk, automatic=automatic
            )
    except IntegrityError:  # the same follow made at the same moment (a double click)
        return False
    return True


def unfollow(user, obj):
    content_type = targets.content_type_of(obj)
    deleted, _ = Follow.objects.filter(
        user=user, content_type=content_type, object_id=obj.pk
    ).delete()
    return bool(deleted)


def is_following(user, obj):
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, content_type=targets.content_type_of(obj), object_id=obj.pk
    ).exists()


def followers_of(model, object_ids):
    """Ids of the active members who follow any of `object_ids` of `model`."""
    return set(
        Follow.objects.filter(
            content_type=targets.content_type_of(model),
            object_id__in=list(object_ids),
            user__is_active=True,
            user__in=users_with_permission(MEMBER_PERMISSION),
        ).values_list("user_id", flat=True)
    )


def active_members(user_ids):
    """The ids among `user_ids` of active members (news goes to no one else)."""
    if not user_ids:
        return set()
    return set(
        get_user_model()
        .objects.filter(
            pk__in=list(user_ids),
            is_active=True,
        )
        .filter(pk__in=users_with_permission(MEMBER_PERMISSION))
        .values_list("pk", flat=True)
    )


def members_in_sectors(sector_ids):
    """Members who follow one of the sectors, or who said they work in one."""
    from network_site.core.models import Sector

    if not sector_ids:
        return set()
    following = Follow.objects.filter(
        content_type=targets.content_type_of(Sector), object_id__in=list(sector_ids)
    ).values("user_id")
    return set(
        get_user_model()
        .objects.filter(
            Q(pk__in=following) | Q(member_profile__sector_id__in=list(sector_ids)),
            is_active=True,
        )
        .filter(pk__in=users_with_permission(MEMBER_PERMISSION))
        .values_list("pk", flat=True)
    )


def notify(user_ids, kind, *, title, url, detail=""):
    """Records one piece of news for each of `user_ids`, and queues the email of those who want
    this kind at once (after the transaction commits). Returns the new notifications."""
    from .emails import queue_at_once

    now = timezone.now()
    created = Notification.objects.bulk_create(
        Notification(
            user_id=user_id,
            kind=kind,
            title=str(title)[:TITLE_LENGTH],
            detail=str(detail)[:TITLE_LENGTH],
            url=url,
            created_at=now,
        )
        for user_id in sorted(user_ids)
    )
    queue_at_once(created)
    return created


def mark_all_read(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
