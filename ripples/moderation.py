"""Approval: the first time a moderator approves an update or a "what I tried", it is dated and
the followers' app hears of it once (`contribution_published`), after the approval commits."""

from django.db import transaction
from django.utils import timezone

from network_site.core import contributions

from .models import Moderation, StoryUpdate, WhatITried

KINDS = {StoryUpdate: contributions.STORY_UPDATE, WhatITried: contributions.WHAT_I_TRIED}


def record_approval(sender, instance, **kwargs):
    """post_save of StoryUpdate and WhatITried: claims the first approval with one conditional
    update, so two saves (or two moderators at once) announce it once."""
    if instance.status != Moderation.APPROVED or instance.approved_at is not None:
        return
    now = timezone.now()
    claimed = sender.objects.filter(pk=instance.pk, approved_at__isnull=True).update(
        approved_at=now
    )
    if not claimed:
        return
    instance.approved_at = now
    transaction.on_commit(lambda: announce(sender, instance.pk))


def announce(model, pk):
    item = model.objects.select_related("story", "author").get(pk=pk)
    story = item.story
    contributions.contribution_published.send(
        sender=model,
        kind=KINDS[model],
        item=item,
        author=item.author,
        about=story,
        reply_to=story.owner if model is WhatITried else None,
        themes=[tag.slug for tag in story.tags.all()],
        sectors=list(story.sectors.all()),
    )


def connect():
    from django.db.models.signals import post_save

    for model in KINDS:
        post_save.connect(record_approval, sender=model, dispatch_uid=f"ripples-approval-{model}")
