"""The impact report as a tagged PDF (PDF/UA-1): a cover, the contents, each section's words,
charts with their text alternatives written out, and tables. Made by WeasyPrint, as the booklet is
(resources/pdf.py: the same check that WeasyPrint can be loaded, and the same fetcher that reads
only the site's own files)."""

from django.contrib.staticfiles import finders

from network_site.core.site_address import site_url
from resources.pdf import make_fetcher, weasyprint_or_reason

STYLESHEET = "impact/css/report-pdf.css"


def report_pdf(html: str) -> bytes:
    """PDF bytes; raises RuntimeError when WeasyPrint cannot be loaded here."""
    weasyprint, reason = weasyprint_or_reason()
    if weasyprint is None:
        raise RuntimeError(reason)
    fetcher = make_fetcher(weasyprint)
    stylesheet = weasyprint.CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=site_url(), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True)
