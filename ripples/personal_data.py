"""What ripples hold about a member, for 'My data' and account deletion: their updates and "what I
tried" (anonymous ones included: the record keeps its author so that it is theirs to see and to
delete), and their choice to be asked. Erasure deletes them all."""

from django.db import transaction

from .models import AskingChoice, StoryUpdate, WhatITried


def written(item):
    return {
        "story": item.story.title,
        "text": item.text,
        "status": item.get_status_display(),
        "written_at": item.created_at.isoformat(),
    }


def export(user):
    choice = AskingChoice.objects.filter(user=user).first()
    updates = StoryUpdate.objects.filter(author=user).select_related("story").order_by("pk")
    tried = WhatITried.objects.filter(author=user).select_related("story").order_by("pk")
    return {
        "ask_what_happened_next": bool(choice and choice.ask_me),
        "story_updates": [written(update) for update in updates],
        "what_i_tried": [written(item) | {"shown_without_name": item.anonymous} for item in tried],
    }


@transaction.atomic
def erase(user):
    StoryUpdate.objects.filter(author=user).delete()
    WhatITried.objects.filter(author=user).delete()
    AskingChoice.objects.filter(user=user).delete()
