"""Generated resources for measuring the site at network scale (`manage.py generate_network`)."""

from django.utils.text import slugify
from taggit.models import Tag

from network_site.core.bulk import Progress, bulk_add_children, bulk_index, taken_slugs
from network_site.core.models import Sector

from .models import (
    Audience,
    ResourceIndexPage,
    ResourcePage,
    ResourceTopicTag,
    ResourceType,
)

SUBJECTS = [
    "outcomes-focused conversations",
    "carer support plans",
    "self-directed support",
    "recording what matters",
    "hospital discharge planning",
    "young carers at school",
    "housing options",
    "peer support groups",
    "future care planning",
    "community connections",
]
FORMS = [
    "A practical guide to",
    "A short film on",
    "A toolkit for",
    "Research on",
    "A template for",
    "A briefing on",
]
PUBLISHERS = [
    "A carers' centre",
    "A health and social care partnership",
    "A housing association",
    "A university research unit",
    "A third-sector alliance",
]
TOPICS = [
    "Carers",
    "Good conversations",
    "Recording outcomes",
    "Self-directed support",
    "Housing",
    "Future care planning",
]


def generate(context, count):
    rng, stdout = context["rng"], context["stdout"]
    library = ResourceIndexPage.objects.first()
    if library is None:
        stdout.write("Resources: no resource library, none generated")
        return
    audiences, sectors = list(Audience.objects.all()), list(Sector.objects.all())
    topics = list(Tag.objects.filter(name__in=TOPICS))
    slugs = taken_slugs(library)
    resources, links = [], []
    for number in range(count):
        subject = rng.choice(SUBJECTS)
        title = f"{rng.choice(FORMS)} {subject} ({number + 1})"
        slug = slugify(title)
        while slug in slugs:
            slug += "-x"
        slugs.add(slug)
        resource = ResourcePage(
            title=title,
            slug=slug,
            summary=f"For anyone working on {subject}: what it is, why it matters and where to start.",
            resource_type=rng.choice(ResourceType.values),
            external_url=f"https://example.org/resources/{slug}",
            publisher=rng.choice(PUBLISHERS),
            year=rng.randint(2012, 2026),
        )
        resources.append(resource)
        links.append(
            (
                resource,
                rng.sample(audiences, min(2, len(audiences))),
                rng.sample(sectors, min(2, len(sectors))),
                rng.sample(topics, min(2, len(topics))),
            )
        )
    progress = Progress(stdout, "Resources", count)
    bulk_add_children(library, resources)
    progress.advance(count)
    ResourcePage.audiences.through.objects.bulk_create(
        [
            ResourcePage.audiences.through(resourcepage_id=page.pk, audience_id=audience.pk)
            for page, page_audiences, _, _ in links
            for audience in page_audiences
        ]
    )
    ResourcePage.sectors.through.objects.bulk_create(
        [
            ResourcePage.sectors.through(resourcepage_id=page.pk, sector_id=sector.pk)
            for page, _, page_sectors, _ in links
            for sector in page_sectors
        ]
    )
    ResourceTopicTag.objects.bulk_create(
        [
            ResourceTopicTag(content_object_id=page.pk, tag_id=tag.pk)
            for page, _, _, page_topics in links
            for tag in page_topics
        ]
    )
    bulk_index(
        ResourcePage, [page.pk for page in resources], prefetch=["audiences", "sectors", "topics"]
    )
    stdout.write(f"Resources: {count} added")
