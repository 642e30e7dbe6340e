from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from network_site.core.index_pages import SectionIndexPage
from network_site.core.page_cache import content_cached
from network_site.core.pages import SitePage
from network_site.core.search import summary_search_fields
from network_site.core.site_address import absolute_url, page_url

from .blocks import EasyReadStreamBlock
from .pictures import PICTURES

# A path on this site (/join/) or a web address: never javascript: or the like.
SITE_PATH_OR_WEB_ADDRESS = RegexValidator(
    r"^(/(?!/)[^\s]*|https?://[^\s]+)$",
    "Enter a path on this site that starts with / (such as /join/), or a web address.",
)


class EasyReadIndexPage(SectionIndexPage):
    """Every Easy Read page, in one list."""

    search_result_label = "Easy Read"
    subpage_types = ["easy_read.EasyReadPage"]
    template = "easy_read/easy_read_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .access import readable_easy_read_pages

        context = super().get_context(request, *args, **kwargs)
        context["easy_read_pages"] = readable_easy_read_pages(self, request)
        return context


class EasyReadPage(RoutablePageMixin, SitePage):
    """An Easy Read version of another page: short steps, each with a picture, in large type."""

    search_result_label = "Easy Read"

    introduction = models.CharField(
        max_length=200, blank=True, help_text="One short sentence: what this page is about."
    )
    standard_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="standard version",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="easy_read_versions",
        help_text="The page this is an Easy Read version of. It will link here.",
    )
    body = StreamField(EasyReadStreamBlock(), help_text="The steps, one idea each.")
    next_step_text = models.CharField(
        "what to do next (link text)",
        max_length=80,
        blank=True,
        help_text="For example “Ask to join the network”.",
    )
    next_step_address = models.CharField(
        "what to do next (address)",
        max_length=300,
        blank=True,
        validators=[SITE_PATH_OR_WEB_ADDRESS],
    )

    parent_page_types = ["easy_read.EasyReadIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        PageChooserPanel("standard_page"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("next_step_text"), FieldPanel("next_step_address")],
            heading="A link to what to do next (optional)",
        ),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]
    template = "easy_read/easy_read_page.html"

    def clean(self):
        super().clean()
        if bool(self.next_step_text) != bool(self.next_step_address):
            raise ValidationError(
                {"next_step_address": "Give both the link text and the address, or neither."}
            )
        if self.standard_page_id and self.pk and self.standard_page_id == self.pk:
            raise ValidationError({"standard_page": "Choose the standard page, not this one."})

    def steps(self):
        return [block.value for block in self.body if block.block_type == "step"]

    def body_groups(self):
        """The body as headings and runs of steps, so that each run is one list."""
        groups = []
        for block in self.body:
            if block.block_type == "heading":
                groups.append({"heading": block.value})
            else:
                if not groups or "steps" not in groups[-1]:
                    groups.append({"steps": []})
                groups[-1]["steps"].append(block)
        return groups

    def first_picture(self):
        steps = self.steps()
        return PICTURES.get(steps[0]["picture"]) if steps else None

    def get_context(self, request, *args, **kwargs):
        from .access import readable_standard_page

        context = super().get_context(request, *args, **kwargs)
        context["standard_page"] = readable_standard_page(self, request)
        context["pdf_available"] = pdf_available()
        return context

    def pdf_context(self, request):
        from .access import readable_standard_page

        context = self.get_context(request)
        # The PDF is made once for everyone who may read this page: it names the standard
        # version only when that is public.
        context["standard_page"] = readable_standard_page(self, None)
        context["pictures"] = PICTURES
        context["online_url"] = page_url(self)
        address = self.next_step_address
        context["next_step_url"] = absolute_url(address) if address.startswith("/") else address
        return context

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        from .pdf import easy_read_pdf, stylesheet_versions

        if not pdf_available():
            return TemplateResponse(
                request,
                "easy_read/pdf_unavailable.html",
                self.get_context(request),
                status=503,
            )
        context = self.pdf_context(request)

        def make_pdf():
            html = render_to_string("easy_read/easy_read_pdf.html", context, request=request)
            return easy_read_pdf(html, base_url=page_url(self))

        # Made once per published version (publishing purges the content cache too).
        pdf = content_cached(
            "easy-read-pdf", (self.pk, self.last_published_at, stylesheet_versions()), make_pdf
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-easy-read.pdf"'
        return response


def pdf_available():
    from .pdf import pdf_available as available

    return available()
