"""Whether a story may be quoted in the network's briefings: the teller's choice on the sharing
form, kept in the consent ledger (membership's ConsentRecord, purpose BRIEFING_QUOTES) with one
record per story.

A story is quoted only when its published version says so *and* its teller's record for it is in
force: ticking the box on a draft is recorded at once but quotes nothing until the story is
published; unticking it withdraws the record at once, before any moderator has looked. Stories
shared before the choice existed have no record, so they are not quoted until their teller says so.
"""

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat

from network_site.membership.models import ConsentRecord

PURPOSE = ConsentRecord.Purpose.BRIEFING_QUOTES


def ledger_key(story_pk):
    """What the ledger's record names the story by (its `notice_version`: the thing agreed to)."""
    return f"story {story_pk}"


def record_quote_choice(story, user):
    """Adds a record when the teller agrees, withdraws theirs when they no longer do."""
    in_force = ConsentRecord.objects.filter(
        user=user, purpose=PURPOSE, notice_version=ledger_key(story.pk), withdrawn_at=None
    )
    if story.may_be_quoted:
        if not in_force.exists():
            ConsentRecord.objects.create(
                user=user, purpose=PURPOSE, notice_version=ledger_key(story.pk)
            )
        return
    for record in in_force:
        record.withdraw()


def quotable(stories):
    """Of these live stories (a queryset), the ones that may be quoted: published with the choice
    and their teller's record for the story in force. One query, however many stories."""
    in_force = ConsentRecord.objects.filter(
        purpose=PURPOSE,
        withdrawn_at=None,
        user=OuterRef("owner"),
        notice_version=Concat(Value("story "), Cast(OuterRef("pk"), output_field=CharField())),
    )
    return stories.filter(may_be_quoted=True).filter(Exists(in_force))
