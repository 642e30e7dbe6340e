"""Follows, email choices and news in the member's data download, and gone with the account."""

from .models import EmailPreferences, Follow, Notification


def export(user):
    return {
        "follows": [
            {
                "type": follow.content_type.model,
                "id": follow.object_id,
                "automatic": follow.automatic,
                "since": follow.created_at.isoformat(),
            }
            for follow in Follow.objects.filter(user=user).select_related("content_type")
        ],
        "email_choices": [
            {kind: preferences.frequency(kind) for kind in preferences.kinds_all()}
            for preferences in EmailPreferences.objects.filter(user=user)
        ],
        "news": [
            {
                "kind": item.kind,
                "title": item.title,
                "detail": item.detail,
                "url": item.url,
                "created_at": item.created_at.isoformat(),
                "read_at": item.read_at.isoformat() if item.read_at else None,
                "emailed_at": item.emailed_at.isoformat() if item.emailed_at else None,
            }
            for item in Notification.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }


def erase(user):
    Follow.objects.filter(user=user).delete()
    EmailPreferences.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
