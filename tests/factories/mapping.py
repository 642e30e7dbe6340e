import factory
import wagtail_factories

from mapping.models import (
    ComparisonDimension,
    EntryDimensionValue,
    EntryExample,
    MappingEntryPage,
    MappingGuidePage,
)
from network_site.core.models import Sector


class MappingGuidePageFactory(wagtail_factories.PageFactory):
    title = "Mapping guide"
    slug = "mapping-guide"
    introduction = "Approaches, policies and projects compared."

    class Meta:
        model = MappingGuidePage


class MappingEntryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Entry {n:03d}")
    slug = factory.Sequence(lambda n: f"entry-{n:03d}")
    kind = "approach"
    scope = "scotland"
    summary = factory.LazyAttribute(lambda entry: f"What {entry.title} is about.")

    class Meta:
        model = MappingEntryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        """The sectors it applies to, by slug: social care unless the test says otherwise."""
        self.sectors = list(Sector.objects.filter(slug__in=extracted or ["social-care"]))
        if create:
            self.save()


class ComparisonDimensionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dimension {n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = ComparisonDimension


def give_value(entry, dimension, value, note=""):
    return EntryDimensionValue.objects.create(
        entry=entry, dimension=dimension, value=value, note=note
    )


def add_example(entry, sector, title="An example", description=""):
    return EntryExample.objects.create(
        entry=entry, sector=sector, title=title, description=description
    )
