"""Generated ripples for the network generator (`manage.py generate_network --ripples N`): N stories
get an update from their teller, and about half of them "what I tried" from members who found them
helpful, all approved and dated after the story."""

from datetime import timedelta

from django.utils import timezone

from stories.models import HelpedMark, StoryPage

from .models import Moderation, StoryUpdate, WhatITried

UPDATES = [
    "Six months on, the person still leads their own review, and the team now asks everyone the same"
    " opening question.",
    "We took the story to our team meeting; two colleagues changed how they start a first visit.",
    "The carer's plan was reviewed and the break they asked for is now in place every month.",
    "Things got harder for a while, but writing down what mattered kept the plan on track.",
]
TRIED = [
    "I asked about what the person misses before I opened the form.",
    "I wrote the review up in the person's own words and read it back to them.",
    "We invited the local lunch club to our team meeting.",
    "I left a blank box for what matters at the top of our notes.",
]
BATCH = 1000


def generate(context, count):
    rng, stdout, members = context["rng"], context["stdout"], context["member_ids"]
    candidates = list(
        StoryPage.objects.live()
        .exclude(owner=None)
        .values_list("pk", "owner_id", "first_published_at")
        .order_by("pk")
    )
    # From the seeded generator: the same seed gives the same ripples.
    stories = rng.sample(candidates, min(count, len(candidates)))
    if not stories or not members:
        stdout.write("Ripples: no stories or members, none generated")
        return
    now = timezone.now()
    updates, tried, marks = [], [], []
    for number, (story_id, owner_id, published) in enumerate(stories):
        when = min(published + timedelta(days=rng.randrange(90, 400)), now)
        updates.append(
            StoryUpdate(
                story_id=story_id,
                author_id=owner_id,
                text=rng.choice(UPDATES),
                status=Moderation.APPROVED,
                created_at=when,
                approved_at=when,
            )
        )
        if number % 2 == 0:
            member = rng.choice(members)
            marks.append(HelpedMark(story_id=story_id, user_id=member))
            tried.append(
                WhatITried(
                    story_id=story_id,
                    author_id=member,
                    text=rng.choice(TRIED),
                    anonymous=rng.random() < 0.3,
                    status=Moderation.APPROVED,
                    created_at=when,
                    approved_at=when,
                )
            )
    StoryUpdate.objects.bulk_create(updates, batch_size=BATCH)
    HelpedMark.objects.bulk_create(marks, batch_size=BATCH, ignore_conflicts=True)
    WhatITried.objects.bulk_create(tried, batch_size=BATCH, ignore_conflicts=True)
    stdout.write(f"Ripples: {len(updates)} updates and {len(tried)} “what I tried” added")
