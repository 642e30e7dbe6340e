"""The mapping guide: approaches, policies and projects as structured records, and their comparison.

Entries are Wagtail pages (a MappingEntryPage under the one MappingGuidePage) rather than snippets:
pages bring revisions, drafts, preview, scheduled publishing and the moderation workflows editors
already use for the rest of the site, and their inline children (examples, sources, dimension
values, relationships) are saved in the same revision as the entry. Comparison dimensions are a
snippet, so editors keep the list without code.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, Page
from wagtail.search import index

from network_site.core.index_pages import SectionIndexPage
from network_site.core.pages import SitePage
from network_site.core.related import pages_sharing_themes
from network_site.core.search import summary_search_fields

from .admin_forms import DimensionTablePanel, MappingEntryForm


class Kind(models.TextChoices):
    APPROACH = "approach", "Approach"
    POLICY = "policy", "Policy"
    LEGISLATION = "legislation", "Legislation"
    FRAMEWORK = "framework", "Framework"
    PROJECT = "project", "Project"
    TOOL = "tool", "Tool"


class ExampleSector(models.TextChoices):
    PUBLIC = "public", "Public sector"
    PRIVATE = "private", "Private sector"
    THIRD = "third", "Third sector"


class Scope(models.TextChoices):
    SCOTLAND = "scotland", "Scotland"
    UK = "uk", "UK"
    INTERNATIONAL = "international", "International"


class DimensionValue(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_APPLICABLE = "n/a", "Not applicable"


class RelationshipKind(models.TextChoices):
    IMPLEMENTS = "implements", "Implements"
    BUILDS_ON = "builds_on", "Builds on"
    OVERLAPS_WITH = "overlaps_with", "Overlaps with"


# How a relationship reads from the other end: "A implements B" is "B is implemented by A".
REVERSE_RELATIONSHIP_LABELS = {
    RelationshipKind.IMPLEMENTS: "Is implemented by",
    RelationshipKind.BUILDS_ON: "Is built on by",
    RelationshipKind.OVERLAPS_WITH: "Overlaps with",
}


class ComparisonDimension(models.Model):
    """A question every entry answers, such as "starts from what matters to the person"."""

    name = models.CharField(max_length=120, unique=True)
    sort_order = models.PositiveIntegerField(
        default=0, help_text="Dimensions are listed from the lowest number up."
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class MappingGuidePage(SectionIndexPage):
    """The guide's home: every entry, with filters, search, compare, matrix and exports."""

    # What site search calls this kind of page.
    search_result_label = "Mapping guide"

    subpage_types = ["mapping.MappingEntryPage"]
    template = "pages/mapping/mapping_guide_page.html"

    def entries(self):
        return MappingEntryPage.objects.live().public().child_of(self)

    @path("")
    def guide_home(self, request):
        from .views import guide_home

        return guide_home(request, self)

    @path("compare/")
    def compare(self, request):
        from .views import compare

        return compare(request, self)

    @path("matrix/")
    def matrix(self, request):
        from .views import matrix

        return matrix(request, self)

    @path("export/csv/")
    def export_csv(self, request):
        from .views import export

        return export(request, self, "csv")

    @path("export/json/")
    def export_json(self, request):
        from .views import export

        return export(request, self, "json")


class MappingEntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "mapping.MappingEntryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class MappingEntryPage(SitePage):
    """One approach, policy, piece of legislation, framework, project or tool."""

    # What site search calls this kind of page.
    search_result_label = "Guide entry"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    sectors = ParentalManyToManyField(
        "core.Sector",
        blank=True,
        related_name="mapping_entries",
        verbose_name="sectors it applies to",
    )
    scope = models.CharField(max_length=20, choices=Scope.choices)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="The year it began, was published or came into force.",
    )
    lead_body = models.CharField(max_length=255, blank=True)
    statutory_basis = models.CharField(
        max_length=255, blank=True, help_text="The Act or regulations behind it, if any."
    )
    summary = models.TextField()
    key_features = models.TextField(blank=True, help_text="One feature on each line.")
    alike = models.TextField(
        "How it is like a personal outcomes approach",
        blank=True,
    )
    different = models.TextField(
        "How it differs from a personal outcomes approach",
        blank=True,
    )
    last_reviewed = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=120, blank=True)
    themes = ClusterTaggableManager(
        through=MappingEntryTag,
        blank=True,
        help_text="Themes shared with stories and resources, which are then linked from here.",
    )

    parent_page_types = ["mapping.MappingGuidePage"]
    subpage_types = []
    base_form_class = MappingEntryForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("scope"), FieldPanel("year")]),
        FieldPanel("sectors", widget=CheckboxSelectMultiple),
        FieldPanel("lead_body"),
        FieldPanel("statutory_basis"),
        FieldPanel("summary"),
        FieldPanel("key_features"),
        FieldPanel("alike"),
        FieldPanel("different"),
        FieldPanel("themes"),
        InlinePanel("examples", heading="Examples in practice", label="Example"),
        InlinePanel("sources", heading="Sources", label="Source"),
        DimensionTablePanel(heading="Comparison dimensions"),
        InlinePanel("relationships", heading="Related entries", label="Relationship"),
        FieldRowPanel(
            [FieldPanel("last_reviewed"), FieldPanel("reviewed_by")], heading="Last reviewed"
        ),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("summary"),
        index.SearchField("key_features"),
        index.SearchField("lead_body"),
        index.SearchField("statutory_basis"),
        index.SearchField("alike"),
        index.SearchField("different"),
        index.FilterField("kind"),
    ]
    template = "pages/mapping/mapping_entry_page.html"

    class Meta:
        verbose_name = "mapping guide entry"
        verbose_name_plural = "mapping guide entries"

    @cached_property
    def sector_list(self):
        """Its sectors in the list's order (from prefetched sectors, or the draft being edited)."""
        return sorted(self.sectors.all(), key=lambda sector: (sector.sort_order, sector.name))

    @cached_property
    def example_sectors(self):
        """The sectors its examples come from, in a fixed order (uses prefetched examples)."""
        found = {example.sector for example in self.examples.all()}
        return [sector for sector in ExampleSector if sector in found]

    @cached_property
    def example_sector_labels(self):
        return [sector.label for sector in self.example_sectors]

    @property
    def key_feature_list(self):
        return [line.strip() for line in self.key_features.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        context.update(
            themes=[tag.name for tag in themes],
            examples=list(self.examples.all()),
            sources=list(self.sources.all()),
            dimension_values=list(self.dimension_values.select_related("dimension")),
            related_entries=self.related_entries(),
            # Public pages only: an entry's page is the same for every reader.
            stories=pages_sharing_themes("stories", themes),
            resources=pages_sharing_themes("resources", themes),
        )
        if getattr(request, "is_preview", False):
            context["related_comparison"] = self.compared_with_related()
        return context

    def compared_with_related(self):
        """This entry (as edited, saved or not) beside each live entry it is related to, or None."""
        from .comparison import build_comparison

        related_pks = list(
            dict.fromkeys(entry.pk for _label, entry, _note in self.related_entries())
        )
        if not related_pks:
            return None
        by_pk = MappingEntryPage.objects.prefetch_related(
            "examples", "dimension_values", "sectors"
        ).in_bulk(related_pks)
        related = [by_pk[pk] for pk in related_pks]
        values = {(self.pk, value.dimension_id): value for value in self.dimension_values.all()}
        for entry in related:
            values.update(
                {(entry.pk, value.dimension_id): value for value in entry.dimension_values.all()}
            )
        return build_comparison([self, *related], list(ComparisonDimension.objects.all()), values)

    def related_entries(self):
        """(label, entry, note) for each live entry linked to this one, either way round."""
        outgoing = [
            (relationship.get_kind_display(), relationship.target, relationship.note)
            for relationship in self.relationships.select_related("target")
            if relationship.target.live
        ]
        if self.pk is None:  # a preview of an entry not yet saved: nothing points at it
            return outgoing
        incoming = [
            (
                REVERSE_RELATIONSHIP_LABELS[relationship.kind],
                relationship.source,
                relationship.note,
            )
            for relationship in EntryRelationship.objects.filter(
                target=self, source__live=True
            ).select_related("source")
        ]
        return outgoing + incoming


class EntryExample(Orderable):
    entry = ParentalKey(MappingEntryPage, on_delete=models.CASCADE, related_name="examples")
    sector = models.CharField(max_length=20, choices=ExampleSector.choices)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    panels = [FieldPanel("sector"), FieldPanel("title"), FieldPanel("description")]


class EntrySource(Orderable):
    entry = ParentalKey(MappingEntryPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=255)
    url = models.URLField("Link", max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]


class EntryDimensionValue(Orderable):
    entry = ParentalKey(MappingEntryPage, on_delete=models.CASCADE, related_name="dimension_values")
    dimension = models.ForeignKey(
        ComparisonDimension, on_delete=models.CASCADE, related_name="entry_values"
    )
    value = models.CharField(max_length=10, choices=DimensionValue.choices)
    note = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("dimension"), FieldPanel("value"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        unique_together = [("entry", "dimension")]


class EntryRelationship(Orderable):
    source = ParentalKey(MappingEntryPage, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    target = models.ForeignKey(
        MappingEntryPage, on_delete=models.CASCADE, related_name="incoming_relationships"
    )
    note = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("target"), FieldPanel("note")]

    def clean(self):
        super().clean()
        if self.source_id and self.target_id == self.source_id:
            raise ValidationError({"target": "An entry cannot be related to itself."})
