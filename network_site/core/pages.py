"""What every page type of the site shares.

Routing, view restrictions and page addresses are Wagtail's own, unchanged: who may see a page is
read from the database on every request, whatever any cache holds.
"""

from django.http import HttpRequest
from wagtail.models import Page

from .site_address import on_site_address


class SitePage(Page):
    """The base of every page type of the site."""

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        """Wagtail's entries for sitemap.xml, each on the site's configured address."""
        urls = super().get_sitemap_urls(request)
        for url_info in urls:
            url_info["location"] = on_site_address(url_info["location"])
        return urls
