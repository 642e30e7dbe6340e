"""The one index page: the top of a section (stories, the resource library, meetings, the mapping
guide), each app's index page being this with its own children, routes and listing."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .pages import SitePage
from .search import summary_search_fields


class SectionIndexPage(RoutablePageMixin, SitePage):
    """One per site, straight under the home page, with an introduction under its title. A
    subclass names its `subpage_types`, `template` and `search_result_label`."""

    introduction = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["core.HomePage"]
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + summary_search_fields("introduction")

    class Meta:
        abstract = True
