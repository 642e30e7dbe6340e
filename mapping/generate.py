"""Generated mapping-guide entries for measuring the site at network scale
(`manage.py generate_network`): each with examples, a source, a value for every comparison
dimension and relationships to other entries."""

from django.utils.text import slugify

from network_site.core.bulk import Progress, bulk_add_children, bulk_index, taken_slugs
from network_site.core.models import Sector

from .models import (
    ComparisonDimension,
    DimensionValue,
    EntryDimensionValue,
    EntryExample,
    EntryRelationship,
    EntrySource,
    ExampleSector,
    Kind,
    MappingEntryPage,
    MappingGuidePage,
    RelationshipKind,
    Scope,
)

ADJECTIVES = [
    "Person-led",
    "Community",
    "Integrated",
    "Strengths-based",
    "Local",
    "Collaborative",
    "Preventive",
    "Rights-based",
]
NOUNS = [
    "planning",
    "support",
    "commissioning",
    "assessment",
    "review",
    "practice",
    "partnership",
    "pathway",
]


def generate(context, count):
    rng, stdout = context["rng"], context["stdout"]
    guide = MappingGuidePage.objects.first()
    if guide is None:
        stdout.write("Mapping guide: no guide page, no entries generated")
        return
    dimensions = list(ComparisonDimension.objects.all())
    sectors = list(Sector.objects.all())
    slugs = taken_slugs(guide)
    entries = []
    for number in range(count):
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {number + 1}"
        slug = slugify(title)
        while slug in slugs:
            slug += "-x"
        slugs.add(slug)
        entry = MappingEntryPage(
            title=title,
            slug=slug,
            kind=rng.choice(Kind.values),
            scope=rng.choice(Scope.values),
            year=rng.randint(1995, 2026),
            summary=f"{title} asks what matters to the person before deciding what support to offer.",
            key_features="Starts from a conversation\nShares decisions\nReviews outcomes together",
            alike="It starts from what matters to the person.",
            different="It is organised around a service rather than a person.",
        )
        entries.append(entry)
    progress = Progress(stdout, "Mapping", count)
    bulk_add_children(guide, entries)
    progress.advance(count)
    EntryExample.objects.bulk_create(
        [
            EntryExample(
                entry_id=entry.pk,
                sort_order=0,
                sector=rng.choice(ExampleSector.values),
                title=f"Used by a partnership in {rng.choice(['Fife', 'Highland', 'Dundee', 'Glasgow'])}",
                description="Teams tried it for a year and kept it.",
            )
            for entry in entries
        ]
    )
    SectorLink = MappingEntryPage.sectors.through
    SectorLink.objects.bulk_create(
        [
            SectorLink(mappingentrypage_id=entry.pk, sector_id=sector.pk)
            for entry in entries
            for sector in rng.sample(sectors, min(len(sectors), rng.randint(1, 3)))
        ]
    )
    EntrySource.objects.bulk_create(
        [
            EntrySource(
                entry_id=entry.pk,
                sort_order=0,
                title="Published description",
                url=f"https://example.org/guide/{entry.slug}",
            )
            for entry in entries
        ]
    )
    EntryDimensionValue.objects.bulk_create(
        [
            EntryDimensionValue(
                entry_id=entry.pk,
                sort_order=position,
                dimension_id=dimension.pk,
                value=rng.choice(DimensionValue.values),
                note="Seen in practice.",
            )
            for entry in entries
            for position, dimension in enumerate(dimensions)
        ]
    )
    targets = list(MappingEntryPage.objects.values_list("pk", flat=True))
    relationships = []
    for entry in entries:
        for position, target in enumerate(rng.sample(targets, min(2, len(targets)))):
            if target != entry.pk:
                relationships.append(
                    EntryRelationship(
                        source_id=entry.pk,
                        sort_order=position,
                        kind=rng.choice(RelationshipKind.values),
                        target_id=target,
                    )
                )
    EntryRelationship.objects.bulk_create(relationships)
    bulk_index(MappingEntryPage, [entry.pk for entry in entries], prefetch=["themes"])
    stdout.write(f"Mapping guide: {count} entries added")
