"""Demo ripples: updates and "what I tried" on demo stories, their words in demo_content/.

Loading twice changes nothing: an update or a "what I tried" already there (same story and text,
or the same member) is left alone.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from network_site.core.demo_data import DemoDataError, read_records
from stories.models import HelpedMark, StoryPage

from .asking import months_after
from .models import FollowUpAsked, Moderation, StoryUpdate, WhatITried

RIPPLES = Path(__file__).parent / "demo_content" / "ripples.yaml"


def load(context):
    users = get_user_model().objects
    updates = tried = 0
    for position, record in enumerate(read_records(RIPPLES, {"story", "updates", "tried"}), 1):
        story = StoryPage.objects.filter(slug=record["story"]).first()
        if story is None:
            raise DemoDataError(RIPPLES, f"record {position}: no story {record['story']!r}")
        for update in record["updates"]:
            updates += add_update(story, update)
        for item in record["tried"]:
            author = users.filter(username=item["author"]).first()
            if author is None:
                raise DemoDataError(RIPPLES, f"record {position}: no member {item['author']!r}")
            tried += add_tried(story, author, item)
    context["stdout"].write(f"Ripples: {updates} updates and {tried} “what I tried” added")


def approved_on(story, months):
    """The milestone's day, or today if the demo story is younger than that."""
    published = story.first_published_at or timezone.now()
    return min(months_after(published, months), timezone.now())


def add_update(story, data):
    text = " ".join(data["text"].split())
    if StoryUpdate.objects.filter(story=story, text=text).exists():
        return 0
    FollowUpAsked.objects.get_or_create(story=story, months=data["months"])
    when = approved_on(story, data["months"])
    StoryUpdate.objects.create(
        story=story,
        author=story.owner,
        text=text,
        status=Moderation.APPROVED,
        created_at=when,
        approved_at=when,
    )
    return 1


def add_tried(story, author, data):
    HelpedMark.objects.get_or_create(story=story, user=author)
    if WhatITried.objects.filter(story=story, author=author).exists():
        return 0
    WhatITried.objects.create(
        story=story,
        author=author,
        text=" ".join(data["text"].split()),
        anonymous=data["anonymous"],
        status=Moderation.APPROVED,
        approved_at=timezone.now(),
    )
    return 1
