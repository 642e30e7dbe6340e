import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from network_site.core.index_pages import SectionIndexPage
from network_site.core.page_cache import content_cached
from network_site.core.pages import SitePage
from network_site.core.search import summary_search_fields
from network_site.core.site_address import page_url

from .blocks import PublicationStreamBlock, SelfCheckStreamBlock
from .pdf import pdf_available

WORDS_PER_MINUTE = 200


def readable_children(parent, page_model=Page):
    """The parent's live children (of `page_model`), less any with a view restriction of its own.

    A reader of the parent has already passed the parent's own restriction (if any), so its children
    under that same restriction are listed; a child restricted further is left out of the list.
    """
    own_restrictions = PageViewRestriction.objects.filter(
        page__path__startswith=parent.path, page__depth=parent.depth + 1
    ).values("page_id")
    return page_model.objects.child_of(parent).live().exclude(pk__in=own_restrictions)


# --- The resource library ---------------------------------------------------------------------


class ResourceType(models.TextChoices):
    GUIDE = "guide", "Guide"
    BOOKLET = "booklet", "Booklet"
    TOOLKIT = "toolkit", "Toolkit"
    VIDEO = "video", "Video"
    RESEARCH = "research", "Research or evidence"
    TEMPLATE = "template", "Template"
    WEBSITE = "website", "Website"


class FacetTerm(models.Model):
    """A fixed term editors attach to resources (an audience); its slug is the filter value."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


@register_snippet
class Audience(FacetTerm):
    class Meta(FacetTerm.Meta):
        pass


class ResourceTopicTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class ResourceIndexPage(SectionIndexPage):
    """The resource library: every resource below it, filtered, searched and paged."""

    # What site search calls this kind of page.
    search_result_label = "Resource library"

    subpage_types = ["resources.ResourcePage"]
    api_fields = [APIField("introduction")]
    template = "pages/resources/resource_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .listing import library_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = library_listing(self, request.GET)
        return context


class ResourcePage(RoutablePageMixin, SitePage):
    # What site search calls this kind of page.
    search_result_label = "Resource"

    summary = models.TextField(help_text="A sentence or two: what it is and who it helps.")
    resource_type = models.CharField(
        "type", max_length=20, choices=ResourceType.choices, default=ResourceType.GUIDE
    )
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="resources")
    sectors = ParentalManyToManyField("core.Sector", blank=True, related_name="resources")
    topics = ClusterTaggableManager(through=ResourceTopicTag, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField("external link", blank=True, max_length=500)
    site_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="page on this site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A publication on this site, such as the booklet, so the library lists it too.",
    )
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="The year it was published.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked it is still accurate."
    )
    reviewed_by = models.CharField(max_length=120, blank=True)

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("resource_type"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=CheckboxSelectMultiple),
                FieldPanel("sectors", widget=CheckboxSelectMultiple),
                FieldPanel("topics"),
            ],
            heading="Who and what it is for",
        ),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url"), FieldPanel("site_page")],
            heading="Where to find it (a document, a link, a page on this site, or more than one)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("year"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("reviewed_by")]),
            ],
            heading="About it",
        ),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("summary"),
        index.SearchField("publisher"),
        index.FilterField("resource_type"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("sectors", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("resource_type"),
        APIField("audience_names"),
        APIField("sector_names"),
        APIField("topic_names"),
        APIField("document"),
        APIField("external_url"),
        APIField("site_page"),
        APIField("publisher"),
        APIField("year"),
        APIField("last_reviewed"),
    ]
    template = "pages/resources/resource_page.html"

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # The search index is written on post_save, before modelcluster has stored the topics,
        # audiences and sectors; index again now so that they can be searched for.
        index.insert_or_update_object(self)
        return result

    def clean(self):
        super().clean()
        if not self.document_id and not self.external_url and not self.site_page_id:
            message = "Give a document, an external link or a page on this site."
            raise ValidationError(
                {"document": message, "external_url": message, "site_page": message}
            )

    @path("seen/", name="seen")
    def seen(self, request):
        """The resource page's image counter: counts a view for today, keeps nothing about who
        (see resources/usage.py for why an image and not the page itself)."""
        from .usage import counted_view_response

        return counted_view_response(request, self)

    @property
    def audience_names(self):
        return [audience.name for audience in self.audiences.all()]

    @property
    def sector_names(self):
        return [sector.name for sector in self.sectors.all()]

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics.all()]


# --- Publications in parts: the booklet and the Carers Act guide ------------------------------


def text_of(raw_stream):
    """Every piece of prose in a StreamField's raw data, tags removed, as one string."""
    pieces = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for child_key, child in value.items():
                if child_key not in {"type", "id", "level", "is_correct"}:
                    walk(child, child_key)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            pieces.append(strip_tags(value))

    walk(list(raw_stream))
    return " ".join(pieces)


def reading_minutes(*texts):
    words = sum(len(text.split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class SectionedPage(SitePage):
    """A page of a publication: headings the reader can link to, reading time, previous and next."""

    introduction = models.TextField(blank=True)
    body = StreamField(PublicationStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        abstract = True

    def anchored_blocks(self, prefix="", demote=0):
        """The body's blocks as (block, id, heading level): each heading gets a unique id to link to.

        `demote` lowers every heading by that many levels, for a view that nests the page in another.
        """
        used = set()
        triples = []
        for block in self.body:
            anchor = level = None
            if block.block_type == "heading":
                base = prefix + (slugify(block.value["text"]) or "section")
                anchor, number = base, 2
                while anchor in used:
                    anchor, number = f"{base}-{number}", number + 1
                used.add(anchor)
                level = f"h{min(6, int(block.value['level'][1]) + demote)}"
            triples.append((block, anchor, level))
        return triples

    def sections(self):
        """(id, text) of each level-2 heading, for an 'on this page' list."""
        return [
            (anchor, block.value["text"])
            for block, anchor, level in self.anchored_blocks()
            if level == "h2"
        ]

    @property
    def reading_minutes(self):
        return reading_minutes(self.title, self.introduction, text_of(self.body.raw_data))

    def siblings_in_order(self):
        """The publication's parts, in the editor's order, this one among them."""
        return list(
            readable_children(self.get_parent())
            .type(*self.part_types())
            .only("id", "title", "url_path", "path", "depth")
        )

    def part_types(self):
        return (type(self),)

    def previous_and_next(self, siblings):
        ids = [sibling.pk for sibling in siblings]
        if self.pk not in ids:
            return None, None
        position = ids.index(self.pk)
        previous_page = siblings[position - 1] if position > 0 else None
        next_page = siblings[position + 1] if position + 1 < len(siblings) else None
        return previous_page, next_page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = self.siblings_in_order()
        context["previous_page"], context["next_page"] = self.previous_and_next(siblings)
        context["parts"] = siblings
        return context


class BookletPage(RoutablePageMixin, SitePage):
    """A publication in chapters: its contents page, and a single-page view of every chapter to print."""

    # What site search calls this kind of page.
    search_result_label = "Booklet"

    introduction = models.TextField(blank=True)
    body = StreamField(PublicationStreamBlock(), blank=True, help_text="A foreword, if any.")
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )

    parent_page_types = ["core.HomePage"]
    subpage_types = ["resources.BookletChapterPage"]
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("publisher"),
        FieldPanel("year"),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("introduction"),
        APIField("body"),
        APIField("publisher"),
        APIField("year"),
    ]
    template = "pages/resources/booklet_page.html"

    def chapters(self):
        return list(readable_children(self).type(BookletChapterPage).specific())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chapters = self.chapters()
        context["chapters"] = chapters
        context["pdf_available"] = pdf_available()
        context["reading_minutes"] = reading_minutes(
            self.introduction,
            text_of(self.body.raw_data),
            *(
                " ".join([chapter.title, chapter.introduction, text_of(chapter.body.raw_data)])
                for chapter in chapters
            ),
        )
        return context

    def print_context(self, request):
        context = self.get_context(request)
        context["chapter_blocks"] = [
            (chapter, chapter.anchored_blocks(prefix=f"{chapter.slug}-", demote=1))
            for chapter in context["chapters"]
        ]
        context["online_url"] = page_url(self)
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return TemplateResponse(
            request, "pages/resources/booklet_print.html", self.print_context(request)
        )

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        from .pdf import html_to_pdf, stylesheet_versions

        if not pdf_available():
            return TemplateResponse(
                request,
                "pages/resources/booklet_pdf_unavailable.html",
                self.get_context(request),
                status=503,
            )
        context = self.print_context(request)

        def make_pdf():
            context["pdf"] = True
            html = render_to_string("pages/resources/booklet_print.html", context, request=request)
            return html_to_pdf(html, base_url=page_url(self))

        # Made once, in the content cache: any content change (a chapter, an image an editor
        # changed) purges it with the pages, and a changed stylesheet changes its key.
        parts = [(part.pk, part.last_published_at) for part in [self, *context["chapters"]]]
        pdf = content_cached("booklet-pdf", (parts, stylesheet_versions()), make_pdf)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.pdf"'
        return response


class BookletChapterPage(SectionedPage):
    # What site search calls this kind of page.
    search_result_label = "Booklet chapter"

    parent_page_types = ["resources.BookletPage"]
    subpage_types = []
    template = "pages/resources/booklet_chapter_page.html"


class CarersActGuidePage(SitePage):
    """The guide to the Carers (Scotland) Act 2016: an overview with the key figures, then its parts."""

    # What site search calls this kind of page.
    search_result_label = "Carers Act guide"

    introduction = models.TextField(blank=True)
    body = StreamField(PublicationStreamBlock(), blank=True)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked the guide against the law."
    )
    reviewed_by = models.CharField(max_length=120, blank=True)

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = ["resources.CarersActSectionPage", "resources.SelfCheckPage"]
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldRowPanel(
            [FieldPanel("last_reviewed"), FieldPanel("reviewed_by")], heading="Last reviewed"
        ),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]
    template = "pages/resources/carers_act_guide_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parts"] = list(
            readable_children(self).only("id", "title", "url_path", "path", "depth")
        )
        return context


class CarersActSectionPage(SectionedPage):
    # What site search calls this kind of page.
    search_result_label = "Carers Act guide section"

    parent_page_types = ["resources.CarersActGuidePage"]
    subpage_types = []
    template = "pages/resources/carers_act_section_page.html"

    def part_types(self):
        # The self-check is the guide's last part: "next" from the last section leads to it.
        return (CarersActSectionPage, SelfCheckPage)


class SelfCheckPage(SitePage):
    """A short quiz; the reader's answers come back with an explanation of each, no JavaScript."""

    # What site search calls this kind of page.
    search_result_label = "Self-check"

    introduction = models.TextField(blank=True)
    questions = StreamField(SelfCheckStreamBlock(), blank=True)

    parent_page_types = ["resources.CarersActGuidePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("questions")]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("questions"),
    ]
    api_fields = [APIField("introduction")]
    template = "pages/resources/self_check_page.html"

    def get_context(self, request, *args, **kwargs):
        from .forms import SelfCheckForm

        context = super().get_context(request, *args, **kwargs)
        questions = [block.value for block in self.questions]
        submitted = "check" in request.GET
        form = SelfCheckForm(questions, request.GET if submitted else None)
        context["form"] = form
        results = form.results() if submitted and form.is_valid() else None
        context["results"] = results
        context["score"] = sum(result["is_right"] for result in results or [])
        parts = list(
            readable_children(self.get_parent()).only("id", "title", "url_path", "path", "depth")
        )
        context["parts"] = parts
        ids = [part.pk for part in parts]
        position = ids.index(self.pk) if self.pk in ids else 0
        context["previous_page"] = parts[position - 1] if position > 0 else None
        return context


class LinkCheck(models.Model):
    """The link checker's latest answer for a resource's external link (see check_resource_links)."""

    resource = models.OneToOneField(
        ResourcePage, on_delete=models.CASCADE, related_name="link_check"
    )
    url = models.URLField(max_length=500)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    is_broken = models.BooleanField(default=False)
    checked_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["is_broken", "checked_at"])]

    def __str__(self):
        return f"{self.url}: {'broken' if self.is_broken else 'ok'}"

    def describe(self):
        return self.error or f"HTTP {self.status}"


class ResourceUse(models.Model):
    """How many times a resource's page was viewed on one day: a number, nothing about who."""

    page = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="uses")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="resources_one_use_count_a_day")
        ]

    def __str__(self):
        return f"{self.page_id} on {self.day}: {self.views}"
