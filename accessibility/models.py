from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from network_site.core.blocks import BaseStreamBlock
from network_site.core.models import NetworkSettings
from network_site.core.pages import SitePage
from network_site.core.search import summary_search_fields

from .statement import committed_statement


class AccessibilityStatementPage(SitePage):
    """The accessibility statement, in the standard form of UK public-sector statements.

    Editors write how to ask for another format and what the network is doing to improve; how the
    site was tested and the problems known come from the browser tests' results
    (statement_data.json, renewed by `manage.py accessibility_statement`).
    """

    search_result_label = "Page"

    introduction = models.TextField(blank=True, help_text="Who runs the site and whom it is for.")
    contact_email = models.EmailField(
        blank=True,
        help_text="Where to ask for another format or report a problem. Blank: the network's "
        "contact address (Settings › Network settings).",
    )
    reply_days = models.PositiveSmallIntegerField(
        default=10,
        help_text="Within how many working days the network replies to a request or a report.",
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text="What the network is doing to improve, and anything the tests cannot know (for "
        "example what people who use assistive technology have told you).",
    )

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("contact_email"),
        FieldPanel("reply_days"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("introduction"),
        index.SearchField("body"),
    ]
    template = "pages/accessibility/statement_page.html"

    def contact_address(self, request):
        if self.contact_email:
            return self.contact_email
        return NetworkSettings.for_request(request).contact_email

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        statement = committed_statement()
        context["statement"] = statement
        context["fully_compliant"] = not statement["known_problems"]
        context["contact_address"] = self.contact_address(request)
        context["checks_run"] = {check["id"] for check in statement["checks"]}
        context["keyboard_journeys"] = next(
            (check["page_types"] for check in statement["checks"] if check["id"] == "keyboard"), []
        )
        context["allowed_exceptions"] = [
            (check["title"], exception)
            for check in statement["checks"]
            for exception in check["allowed_exceptions"]
        ]
        return context
