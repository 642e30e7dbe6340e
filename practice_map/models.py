"""The outcomes practice map: the outcome areas that group the shared themes, and the map's page.

Rows of the map are outcome areas (each with its themes, the tags that stories, resources and
mapping-guide entries share); columns are sectors, council areas or the guide's kinds of entry.
The counting is in map.py, the drawing in the page's templates.
"""

from django.db import models
from django.forms import CheckboxSelectMultiple
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from network_site.core.pages import SitePage
from network_site.core.search import summary_search_fields


class OutcomeAreaForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Themes in alphabetical order: editors look for a theme by its name.
        self.fields["themes"].queryset = self.fields["themes"].queryset.order_by("name")


class OutcomeArea(models.Model):
    """An editor-kept group of themes: one row of the map."""

    base_form_class = OutcomeAreaForm

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=250, blank=True)
    themes = models.ManyToManyField(
        "taggit.Tag",
        blank=True,
        related_name="outcome_areas",
        help_text="The themes of stories, resources and guide entries that belong to this area.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="The map shows areas in this order, lowest first."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("themes", widget=CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PracticeMapPage(RoutablePageMixin, SitePage):
    """The map, its cells' lists and the coordinators' briefing exports."""

    search_result_label = "Practice map"

    introduction = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + summary_search_fields("introduction")
    template = "pages/practice_map/practice_map_page.html"

    class Meta:
        permissions = [("export_briefing", "Can export the practice map as a briefing")]

    @path("")
    def map_view(self, request):
        from .views import map_page

        return map_page(request, self)

    @path("cell/")
    def cell(self, request):
        from .views import cell_page

        return cell_page(request, self)

    @path("briefing/csv/")
    def briefing_csv(self, request):
        from .views import briefing

        return briefing(request, self, "csv")

    @path("briefing/pdf/")
    def briefing_pdf(self, request):
        from .views import briefing

        return briefing(request, self, "pdf")
