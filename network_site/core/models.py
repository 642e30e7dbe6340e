from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from . import home_sections
from .blocks import BaseStreamBlock, HomeStreamBlock, NavigationItemBlock
from .pages import SitePage
from .search import summary_search_fields


def default_home_body():
    """A new home page starts with every section the apps provide; editors then arrange them."""
    return home_sections.default_blocks()


class HomePage(SitePage):
    """The front page: one per site, directly under the root."""

    # What site search calls this kind of page.
    search_result_label = "Home page"

    introduction = models.TextField(blank=True, help_text="A sentence or two under the title.")
    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        default=default_home_body,
        help_text=(
            "The sections of the home page, in order: text, cards leading to pages, and sections "
            "from the site such as the next meeting and the latest stories."
        ),
    )

    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    template = "pages/core/home_page.html"

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and parent.is_root()


class StandardPage(SitePage):
    """An ordinary content page: about, privacy notice, accessibility statement and the like."""

    # What site search calls this kind of page.
    search_result_label = "Page"

    introduction = models.TextField(blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    template = "pages/core/standard_page.html"


@register_setting(icon="cog")
class NetworkSettings(BaseSiteSetting):
    """What the footer links to and how people contact the network."""

    contact_email = models.EmailField(default="network@example.org")
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    booklet_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The awareness booklet, linked from the welcome email to new members.",
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("booklet_page"),
    ]

    class Meta:
        verbose_name = "network settings"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu: a few short labels, each leading to a section of the site."""

    items = StreamField(
        [("item", NavigationItemBlock())],
        blank=True,
        max_num=6,
        help_text=(
            "At most six, with short labels, so that the menu fits on one line. When empty, the "
            "menu lists the home page's pages marked 'show in menus'."
        ),
    )

    panels = [FieldPanel("items")]

    class Meta:
        verbose_name = "navigation"


class Sector(models.Model):
    """A sector people work in: health, social care, housing and so on. The one list that members,
    stories, resources and the mapping guide all use; its slug is the filter value in listings.
    Editors keep it as a snippet (see wagtail_hooks.py)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lists show sectors in this order, lowest first."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TaskOrigin(models.Model):
    """The request that queued a background task, so that the worker's lines for the task carry
    the request's id. Deleted with the task's record."""

    task = models.OneToOneField(
        "django_tasks_database.DBTaskResult", on_delete=models.CASCADE, related_name="origin"
    )
    request_id = models.CharField(max_length=64)

    def __str__(self):
        return f"task {self.task_id} from request {self.request_id}"


class WorkerHeartbeat(models.Model):
    """Written by each task worker every few seconds while it runs (`/healthz/worker` reads it)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"worker {self.worker_id} (pid {self.pid} on {self.hostname})"


class HandedOverEmail(models.Model):
    """A message the mail server accepted, by its Message-ID: a mail task run a second time (its
    worker was killed after sending, before it could record that the task was done) finds it here
    and does not send it again. Holds no address or content."""

    message_id = models.CharField(max_length=255, unique=True)
    handed_over_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.message_id
