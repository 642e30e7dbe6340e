"""The booklet as a PDF, made by WeasyPrint from the same HTML as the booklet's print view.

WeasyPrint needs Debian's Pango (see the README's prerequisites). Where it cannot be loaded the rest of
the site works as usual: the booklet offers its print view only, and the PDF address says why.

The PDF is tagged (PDF/UA-1), so screen readers get headings, lists and reading order. Resources the
HTML refers to come only from the site's own static and media files, read from disk: rendering never
makes a network request, so an address in an editor's text cannot make the server fetch anything.
"""

import mimetypes
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from PIL import ImageFile

from network_site.core.site_address import site_url


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
        name = path.removeprefix(settings.STATIC_URL)
        found = finders.find(name)
        if found:
            with open(found, "rb") as static_file:
                return static_file.read()
        # After collectstatic (production), the files are in STATIC_ROOT under their hashed names.
        if settings.STATIC_ROOT and staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as static_file:
                return static_file.read()
        return None
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


def html_to_pdf(html, *, base_url):
    """PDF bytes from the print view's HTML; raises RuntimeError when WeasyPrint is missing."""
    weasyprint, reason = weasyprint_or_reason()
    if weasyprint is None:
        raise RuntimeError(reason)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=make_fetcher(weasyprint))
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
