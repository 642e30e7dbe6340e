"""The booklet as a PDF, made by WeasyPrint from the same HTML as the booklet's print view.

WeasyPrint needs Debian's Pango (see the README's prerequisites). Where it cannot be loaded the rest of
the site works as usual: the booklet offers its print view only, and the PDF address says why.

The PDF is tagged (PDF/UA-1), so screen readers get headings, lists and reading order. Resources the
HTML refers to come only from the site's own static and media files, read from disk: rendering never
makes a network request, so an address in an editor's text cannot make the server fetch anything.

The stylesheets are parsed once per process (the design system's alone takes WeasyPrint over a
second) and again only when a file changes; the PDF's HTML does not link them itself.
"""

import mimetypes
import os
from functools import cache, lru_cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from PIL import ImageFile

from network_site.core.site_address import site_url

# The print view's stylesheets in the order it links them (booklet_print.html), then the PDF's own.
PDF_STYLESHEETS = (
    "design-system/css/design-system.min.css",
    "css/site.css",
    "css/print.css",
    "resources/css/resources.css",
    "resources/css/booklet-print.css",
    "resources/css/booklet-pdf.css",
)


@cache
def weasyprint_or_reason():
    """(the weasyprint module, "") or (None, why it cannot be used on this machine)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: cffi could not load Pango
        return None, f"WeasyPrint cannot be loaded ({error})."
    # Importing WeasyPrint makes Pillow accept truncated images in the whole process; the site
    # refuses them at upload (network_site/core/images.py), so Pillow's default comes back.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return weasyprint, ""


def pdf_available():
    return weasyprint_or_reason()[0] is not None


def static_file_path(name):
    """Where the static file `name` is on disk (as local_file finds it), or None."""
    found = finders.find(name)
    if found:
        return found
    # After collectstatic (production), the files are in STATIC_ROOT under their hashed names.
    if settings.STATIC_ROOT and staticfiles_storage.exists(name):
        return staticfiles_storage.path(name)
    return None


def local_file(url):
    """The bytes of one of the site's own static or media files named by `url`, or None."""
    parts = urlsplit(url)
    own_address = urlsplit(site_url())
    if parts.scheme not in ("http", "https") or parts.netloc != own_address.netloc:
        return None
    path = unquote(parts.path)
    if ".." in PurePosixPath(path).parts:
        return None
    if path.startswith(settings.STATIC_URL):
        found = static_file_path(path.removeprefix(settings.STATIC_URL))
        if found is None:
            return None
        with open(found, "rb") as static_file:
            return static_file.read()
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if default_storage.exists(name):
            with default_storage.open(name) as media_file:
                return media_file.read()
    return None


def make_fetcher(weasyprint):
    class OwnFilesOnly(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            body = local_file(url)
            if body is None:
                # WeasyPrint leaves out what it cannot fetch and carries on.
                raise ValueError(f"Not one of the site's own files: {url}")
            content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, body=body, headers={"Content-Type": content_type}
            )

    return OwnFilesOnly()


@lru_cache(maxsize=2 * len(PDF_STYLESHEETS))
def parsed_stylesheet(path, modified, base_url):
    """The stylesheet at `path` as WeasyPrint parsed it; `modified` (its mtime) is part of the
    cache key, so a changed file is parsed again."""
    weasyprint = weasyprint_or_reason()[0]
    return weasyprint.CSS(filename=path, base_url=base_url, url_fetcher=make_fetcher(weasyprint))


def stylesheet_versions():
    """(name, modification time) of each of PDF_STYLESHEETS found: a PDF made with other
    stylesheets is another PDF."""
    versions = []
    for name in PDF_STYLESHEETS:
        path = static_file_path(name)
        if path is not None:
            versions.append((name, os.stat(path).st_mtime_ns))
    return versions


def pdf_stylesheets():
    """PDF_STYLESHEETS, parsed. One that cannot be found is left out, as WeasyPrint leaves out a
    linked stylesheet it cannot fetch."""
    stylesheets = []
    for name in PDF_STYLESHEETS:
        path = static_file_path(name)
        if path is not None:
            base_url = site_url() + settings.STATIC_URL + name
            stylesheets.append(parsed_stylesheet(path, os.stat(path).st_mtime_ns, base_url))
    return stylesheets


def html_to_pdf(html, *, base_url):
    """PDF bytes from the print view's HTML; raises RuntimeError when WeasyPrint is missing."""
    weasyprint, reason = weasyprint_or_reason()
    if weasyprint is None:
        raise RuntimeError(reason)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=make_fetcher(weasyprint))
    return document.write_pdf(stylesheets=pdf_stylesheets(), pdf_variant="pdf/ua-1", pdf_tags=True)
