from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    """The front page: one per site, directly under the root."""

    introduction = models.TextField(blank=True, help_text="A sentence or two under the title.")
    body = StreamField(BaseStreamBlock(), blank=True)

    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    template = "pages/core/home_page.html"

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and parent.is_root()


class StandardPage(Page):
    """An ordinary content page: about, privacy notice, accessibility statement and the like."""

    introduction = models.TextField(blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
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

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = "network settings"
