"""Links an app adds under a page's title, such as its Easy Read version.

An app registers a function with the `register_page_header_links` hook; it is called as
`fn(page, request)` for the page being shown and returns a list of `HeaderLink`. The header
(templates/components/page_header.html) shows them, so every page type gets them without a field.
A function must give a link only to a page the request may see: visitors' pages are cached.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.models import Page

PAGE_HEADER_LINKS_HOOK = "register_page_header_links"


@dataclass(frozen=True)
class HeaderLink:
    text: str
    url: str
    # A word or two for the link's kind, shown before it ("Easy Read").
    label: str = ""


def header_links(page, request):
    if not isinstance(page, Page) or page.pk is None or request is None:
        return []
    links = []
    for give_links in hooks.get_hooks(PAGE_HEADER_LINKS_HOOK):
        links.extend(give_links(page, request))
    return links
