"""An Easy Read page as a tagged PDF (PDF/UA-1), made by WeasyPrint with its pictures and their
alternative text.

The WeasyPrint loading and the fetcher that reads only the site's own static and media files are the
booklet's (resources/pdf.py), so the same rules hold: no network request while rendering, and the
site works as usual where WeasyPrint or Pango is missing. The Easy Read PDF has one small
stylesheet of its own (large type, one step to a row), parsed once per process.
"""

import os
from functools import lru_cache

from django.conf import settings

from network_site.core.site_address import site_url
from resources.pdf import make_fetcher, static_file_path, weasyprint_or_reason

PDF_STYLESHEET = "easy_read/css/easy-read-pdf.css"


def pdf_available():
    return weasyprint_or_reason()[0] is not None


def stylesheet_versions():
    path = static_file_path(PDF_STYLESHEET)
    return [(PDF_STYLESHEET, os.stat(path).st_mtime_ns)] if path else []


@lru_cache(maxsize=2)
def parsed_stylesheet(path, modified):
    weasyprint = weasyprint_or_reason()[0]
    base_url = site_url() + settings.STATIC_URL + PDF_STYLESHEET
    return weasyprint.CSS(filename=path, base_url=base_url, url_fetcher=make_fetcher(weasyprint))


def easy_read_pdf(html, *, base_url):
    """PDF bytes from the Easy Read PDF template's HTML; RuntimeError when WeasyPrint is missing."""
    weasyprint, reason = weasyprint_or_reason()
    if weasyprint is None:
        raise RuntimeError(reason)
    path = static_file_path(PDF_STYLESHEET)
    stylesheets = [parsed_stylesheet(path, os.stat(path).st_mtime_ns)] if path else []
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=make_fetcher(weasyprint))
    return document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1", pdf_tags=True)
