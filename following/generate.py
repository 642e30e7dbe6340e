"""Follows for the generated network (`manage.py generate_network`): members follow stories,
meetings and mapping entries, themes and sectors, and have some news, so that "What I follow" and
the member home are measured with realistic numbers."""

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag
from wagtail.models import Page

from network_site.core.bulk import Progress
from network_site.core.models import Sector

from . import kinds
from .models import Follow, Notification

BATCH_SIZE = 1000
PAGES_SAMPLE = 2000
NEWS_PER_FOLLOW = 0.5


def generate(context, count):
    rng, stdout = context["rng"], context["stdout"]
    members = context["member_ids"]
    pages = Page.objects.live().filter(depth__gt=2).values_list("pk", "title")[:PAGES_SAMPLE]
    choices = [
        (ContentType.objects.get_for_model(Page), list(pages)),
        (ContentType.objects.get_for_model(Tag), list(Tag.objects.values_list("pk", "name"))),
        (ContentType.objects.get_for_model(Sector), list(Sector.objects.values_list("pk", "name"))),
    ]
    choices = [(content_type, objects) for content_type, objects in choices if objects]
    if not members or not choices:
        stdout.write("Follows: no members or nothing to follow, none generated")
        return
    taken = set(Follow.objects.values_list("user_id", "content_type_id", "object_id"))
    progress = Progress(stdout, "Follows", count)
    made = 0
    while made < count:
        follows, news = [], []
        batch = min(BATCH_SIZE, count - made)
        for _ in range(batch):
            content_type, objects = rng.choice(choices)
            object_id, title = rng.choice(objects)
            key = (rng.choice(members), content_type.pk, object_id)
            made += 1
            if key in taken:
                continue
            taken.add(key)
            follows.append(Follow(user_id=key[0], content_type=content_type, object_id=object_id))
            if rng.random() < NEWS_PER_FOLLOW:
                news.append(
                    Notification(
                        user_id=key[0],
                        kind=kinds.FOLLOWED,
                        title=title[:300],
                        detail="New in what you follow",
                        # The generated news leads to the member's list of follows.
                        url="/following/",
                    )
                )
        Follow.objects.bulk_create(follows)
        Notification.objects.bulk_create(news)
        progress.advance(batch)
    stdout.write(f"Follows: {len(taken)} in all")
