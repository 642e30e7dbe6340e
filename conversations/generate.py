"""The network generator's conversations: responses and replies on stories, and questions with
answers, all visible (as if moderated), in bulk."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from network_site.core import contributions
from network_site.core.bulk import Progress

from .models import Contribution

OPENINGS = [
    "This matches what we found when",
    "We tried something like this and",
    "I wonder whether it would help if",
    "Thank you for sharing this; in our team",
]
ENDINGS = [
    "the person set the agenda for the visit.",
    "we wrote the record together at the end.",
    "carers were asked first what mattered to them.",
    "we kept the forms until the last ten minutes.",
]
ANSWERS_PER_QUESTION = 2
BATCH = 1000


def words(rng):
    return f"{rng.choice(OPENINGS)} {rng.choice(ENDINGS)}"


def generate(context, count):
    """`count` questions (each with a few answers) and `count` responses spread over stories."""
    rng, stdout = context["rng"], context["stdout"]
    authors = context["member_ids"]
    if not authors:
        stdout.write("Conversations: no members, none generated")
        return
    stories = list(
        Page.objects.live()
        .filter(content_type__app_label="stories", content_type__model="storypage")
        .values_list("pk", flat=True)[:200]
    )
    now = timezone.now()
    progress = Progress(stdout, "Conversations", count * 2)
    shown = {"status": Contribution.Status.VISIBLE, "published_at": now}
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        questions = Contribution.objects.bulk_create(
            Contribution(
                kind=contributions.QUESTION,
                author_id=rng.choice(authors),
                title=f"How do you make sure {rng.choice(ENDINGS)[:-1]}?",
                text=words(rng),
                created_at=now - timedelta(minutes=start + number),
                last_activity_at=now - timedelta(minutes=start + number),
                **shown,
            )
            for number in range(size)
        )
        Contribution.objects.bulk_create(
            Contribution(
                kind=contributions.ANSWER,
                parent=question,
                author_id=rng.choice(authors),
                text=words(rng),
                **shown,
            )
            for number, question in enumerate(questions)
            if number % 3
            for _ in range(ANSWERS_PER_QUESTION)
        )
        progress.advance(size)
        if stories:
            Contribution.objects.bulk_create(
                Contribution(
                    kind=contributions.RESPONSE,
                    page_id=stories[(start + number) % len(stories)],
                    author_id=rng.choice(authors),
                    text=words(rng),
                    **shown,
                )
                for number in range(size)
            )
        progress.advance(size)
