"""The one public address of the site (settings.SITE_URL), from which every absolute link is built:
emails, calendar files, feeds, exports, the PDF, the sitemap."""

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

if TYPE_CHECKING:
    from wagtail.models import Page


def site_url() -> str:
    """The address without a trailing slash, e.g. "https://network.example.org"."""
    return settings.SITE_URL.rstrip("/")


def site_domain() -> str:
    """The host name (and port, when it is not the scheme's own), e.g. "network.example.org"."""
    return urlsplit(site_url()).netloc


def absolute_url(path: str) -> str:
    """`path` ("/stories/") on the site's public address. A full URL is returned unchanged, so a
    page's own `full_url` or a link to another site can pass through."""
    if urlsplit(path).scheme:
        return path
    return site_url() + "/" + path.lstrip("/")


def on_site_address(url: str) -> str:
    """`url` (built from whatever host a request came in on) moved onto the site's address."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


@dataclass(frozen=True)
class PublicSite:
    """What allauth's templates call `current_site`: the site's name and its address."""

    name: str
    domain: str


def public_site() -> PublicSite:
    return PublicSite(name=settings.WAGTAIL_SITE_NAME, domain=site_domain())


def page_url(page: "Page") -> str:
    """A Wagtail page's address on the site's public address (whatever hostname the Site row has),
    or "" for a page that is not routable."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return ""
    _site_id, _root_url, page_path = url_parts
    return absolute_url(page_path)
