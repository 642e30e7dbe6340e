"""What conversations hold about a member, for 'My data' and for account deletion.

On deletion the member's choice (made on "Your words in conversations") decides: their responses,
replies, questions and answers stay, credited to "a former member", or go (a top-level one with
others' replies under it stays as "deleted", without its words, so the conversation still reads).
Their flags, "me too"s and the choice itself are deleted.
"""

from django.db import transaction

from .models import Contribution, ErasureChoice, Flag, MeToo
from .moderation import delete_by_author


def export(user):
    own = Contribution.objects.filter(author=user).select_related("page", "parent").order_by("pk")
    choice = ErasureChoice.objects.filter(member=user).first()
    return {
        "contributions": [
            {
                "kind": contribution.get_kind_display(),
                "about": contribution.page.title
                if contribution.page_id
                else (contribution.parent.title if contribution.parent_id else ""),
                "title": contribution.title,
                "text": contribution.text,
                "status": contribution.get_status_display(),
                "posted_at": contribution.created_at.isoformat(),
                "edited_at": contribution.edited_at.isoformat() if contribution.edited_at else None,
            }
            for contribution in own
        ],
        "flags": [
            {"reason": flag.get_reason_display(), "flagged_at": flag.created_at.isoformat()}
            for flag in Flag.objects.filter(flagged_by=user).order_by("pk")
        ],
        "me_too": [
            {"question": mark.question.title, "at": mark.created_at.isoformat()}
            for mark in MeToo.objects.filter(member=user).select_related("question")
        ],
        "on_account_deletion": "keep as a former member"
        if choice is not None and choice.keep_words
        else "remove",
    }


@transaction.atomic
def erase(user):
    choice = ErasureChoice.objects.filter(member=user).first()
    own = Contribution.objects.filter(author=user)
    if choice is not None and choice.keep_words:
        own.update(author=None)
    else:
        # Replies and answers first: a response or question left with no replies then goes
        # entirely.
        for contribution in own.filter(parent__isnull=False):
            delete_by_author(contribution)
        for contribution in own.filter(parent__isnull=True):
            delete_by_author(contribution)
    Flag.objects.filter(flagged_by=user).delete()
    MeToo.objects.filter(member=user).delete()
    ErasureChoice.objects.filter(member=user).delete()
