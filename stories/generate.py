"""Generated stories for measuring the site at network scale (`manage.py generate_network`).

Every sentence is put together from the invented fragments below; none describes a real person.
"""

import hashlib
import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection

from network_site.core.bulk import Progress, bulk_add_children, bulk_index, taken_slugs
from network_site.core.models import Sector

from . import choices
from .models import StoryIndexPage, StoryPage, StoryTag

PEOPLE = [
    "a retired joiner",
    "a young carer in her second year at secondary school",
    "a man living alone after his wife died",
    "a mother caring for her adult son",
    "a woman leaving hospital after a fall",
    "a tenant facing eviction",
    "a father with early dementia",
    "a teenager moving into his first flat",
    "a grandmother bringing up two grandchildren",
    "a carer juggling shifts at the supermarket",
]
WISHES = [
    "to get back to the allotment",
    "to sleep through the night again",
    "to keep her own front door",
    "to see his brother more often",
    "to have one evening a week to herself",
    "to be asked before plans were made",
    "to cook for the family on Sundays",
    "to stay in the village where he grew up",
    "to finish college",
    "to walk the dog without worrying",
]
ACTIONS = [
    "We started with a conversation about a good day and a bad day.",
    "We met at the kitchen table instead of the office.",
    "We wrote the plan in the person's own words and read it back together.",
    "We asked the carer what would make the biggest difference this month.",
    "We brought housing, health and social care into one meeting.",
    "We used a direct payment to buy something no service offered.",
    "We agreed one small step and checked in a fortnight later.",
    "We asked who else mattered in the person's life and invited them.",
]
HELPS = [
    "A manager who trusted us to spend time on the conversation helped.",
    "The assessment form had no room for what the person said, which got in the way.",
    "A community group nearby helped more than any service.",
    "Waiting lists got in the way, so we looked for what could happen meanwhile.",
    "Having the same worker each visit helped trust grow.",
    "Eligibility rules got in the way until we wrote down the outcome plainly.",
]
CHANGES = [
    "She now has a regular evening out and says she feels like herself again.",
    "He is back at the club most weeks and helps run it.",
    "The family needs less crisis support than before.",
    "The person chose a different service and uses it more.",
    "The carer's health improved and she kept her job.",
    "The plan is shorter and everyone understands it.",
]
LESSONS = [
    "Listening first saved time later.",
    "The outcome that mattered was connection, not a service.",
    "Recording outcomes in the person's words changes how the whole team thinks.",
    "Small changes that the person chooses last longer.",
    "Carers know what will work if we ask them early enough.",
    "Good conversations need time that has to be protected.",
]
THEMES = [
    *choices.CURATED_THEMES,
    "Loneliness",
    "Hospital discharge",
    "Employment",
    "Mental health",
    "Dementia",
    "Transitions",
    "Peer support",
    "Community connections",
    "Direct payments",
    "Rural life",
    "Advocacy",
]
# One generated story in this many mentions the rare word, so that search has a rare term.
RARE_WORD = "lighthouse"
RARE_EVERY = 2000
IMAGE_EVERY = 5
MEMBERS_ONLY_EVERY = 10


def themes_by_name():
    """The theme tags, case-insensitively matched to existing ones, created when missing."""
    existing = {tag.name.lower(): tag for tag in Tag.objects.all()}
    themes = []
    for name in THEMES:
        tag = existing.get(name.lower())
        if tag is None:
            slug, number = slugify(name), 2
            while Tag.objects.filter(slug=slug).exists():
                slug, number = f"{slugify(name)}-{number}", number + 1
            tag = Tag.objects.create(name=name, slug=slug)
        themes.append(tag)
    return themes


def generate(context, count):
    rng, stdout = context["rng"], context["stdout"]
    index = StoryIndexPage.objects.first()
    if index is None:
        stdout.write("Stories: no stories index, none generated")
        return
    members_page = index.members_stories_page()
    themes = themes_by_name()
    sectors = list(Sector.objects.all())
    owners = context["member_ids"]
    images = make_story_pictures(rng, len(range(0, count, IMAGE_EVERY)))
    slugs = {index.pk: taken_slugs(index), members_page.pk: taken_slugs(members_page)}
    now = timezone.now()
    placed = {index.pk: [], members_page.pk: []}
    progress = Progress(stdout, "Stories", count)
    links = []
    for number in range(count):
        person, wish = rng.choice(PEOPLE), rng.choice(WISHES)
        title = f"{person.capitalize()} wanted {wish}"
        members_only = number % MEMBERS_ONLY_EVERY == MEMBERS_ONLY_EVERY - 1
        parent = members_page if members_only else index
        base = slugify(title)[:60]
        slug, suffix = base, 2
        while slug in slugs[parent.pk]:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        slugs[parent.pk].add(slug)
        published = now - timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
        lesson = rng.choice(LESSONS)
        if number % RARE_EVERY == RARE_EVERY // 2:
            lesson += f" A photograph of a {RARE_WORD} on the wall started the conversation."
        image = images[number // IMAGE_EVERY] if number % IMAGE_EVERY == 0 else None
        summary = f"What mattered to {person} was {wish[3:]}. {rng.choice(CHANGES)}"
        story = StoryPage(
            title=title[:255],
            slug=slug,
            summary=summary[:400],
            search_description=summary[:400],
            what_mattered=f"They wanted {wish}. {rng.choice(LESSONS)}",
            what_we_did=" ".join(rng.sample(ACTIONS, 3)),
            helped_and_hindered=" ".join(rng.sample(HELPS, 2)),
            what_changed=rng.choice(CHANGES),
            what_i_learned=lesson,
            perspective=rng.choice(choices.PERSPECTIVES)[0],
            council_area=rng.choice(choices.COUNCIL_AREAS)[0],
            consent_confirmed=True,
            credit=choices.CREDIT_ANONYMOUS,
            audience=choices.AUDIENCE_MEMBERS if members_only else choices.AUDIENCE_PUBLIC,
            owner_id=rng.choice(owners) if owners else None,
            first_published_at=published,
            last_published_at=published,
            image=image,
            image_alt_text="A photograph chosen to go with the story" if image else "",
        )
        placed[parent.pk].append(story)
        story_themes = rng.sample(themes, rng.randint(1, 3))
        story_sectors = rng.sample(sectors, min(len(sectors), rng.randint(1, 2)))
        links.append((story, story_themes, story_sectors))
    for parent in (index, members_page):
        for start in range(0, len(placed[parent.pk]), 500):
            batch = placed[parent.pk][start : start + 500]
            bulk_add_children(parent, batch)
            progress.advance(len(batch))
    StoryTag.objects.bulk_create(
        [
            StoryTag(content_object_id=story.pk, tag_id=tag.pk)
            for story, tags, _ in links
            for tag in tags
        ],
        batch_size=1000,
    )
    SectorLink = StoryPage.sectors.through
    SectorLink.objects.bulk_create(
        [
            SectorLink(storypage_id=story.pk, sector_id=sector.pk)
            for story, _, story_sectors in links
            for sector in story_sectors
        ],
        batch_size=1000,
    )
    bulk_index(StoryPage, [story.pk for story, _, _ in links], prefetch=["tags"])
    stdout.write(f"Stories: {count} added, one in {MEMBERS_ONLY_EVERY} for members only")


def make_story_pictures(rng, how_many):
    """One picture for each story that has one, so that a page of stories asks for renditions that
    do not exist yet, as real uploads would (a shared picture is resized once and never again).
    Written to storage and inserted in bulk: a plain colour each, a few KB."""
    from PIL import Image as PillowImage

    image_model = get_image_model()
    storage = image_model.file.field.storage
    collection = Collection.get_first_root_node()
    pictures = []
    for number in range(1, how_many + 1):
        buffer = io.BytesIO()
        colour = tuple(rng.randrange(60, 200) for _ in range(3))
        PillowImage.new("RGB", (1200, 800), colour).save(buffer, "JPEG", quality=70)
        content = buffer.getvalue()
        picture = image_model(
            title=f"Generated picture {number}",
            collection=collection,
            width=1200,
            height=800,
            file_size=len(content),
            file_hash=hashlib.sha1(content).hexdigest(),
        )
        picture.file = storage.save(
            picture.get_upload_to(f"generated-{number}.jpg"), ContentFile(content)
        )
        pictures.append(picture)
    return image_model.objects.bulk_create(pictures, batch_size=500)
