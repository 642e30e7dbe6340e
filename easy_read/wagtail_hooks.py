from wagtail import hooks

from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.page_links import PAGE_HEADER_LINKS_HOOK, HeaderLink

from .access import easy_read_versions


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("easy_read", "easy_read.demo.load")


@hooks.register(PAGE_HEADER_LINKS_HOOK)
def easy_read_links(page, request):
    """Under a standard page's title: its Easy Read versions the reader may see."""
    return [
        HeaderLink(text=version.title, url=version.url, label="Easy Read version:")
        for version in easy_read_versions(page, request)
    ]
