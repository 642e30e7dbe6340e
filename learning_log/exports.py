"""The learning log as documents for supervision and professional learning records: a tagged PDF
(PDF/UA-1, made by WeasyPrint as the booklet's is) and a Word document (python-docx).

Each entry gives its date, what prompted it, the themes, the reflection and what I will try. The
documents are made on request from the member's own entries and never stored.
"""

import io
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings
from django.template.loader import render_to_string

from network_site.core.site_address import site_url
from resources.pdf import make_fetcher, static_file_path, weasyprint_or_reason

from .models import Entry

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_STYLESHEET = "learning_log/css/log-pdf.css"
DOCUMENT_LANGUAGE = "en-GB"


@dataclass
class LogExport:
    writer: str
    entries: list[Entry]
    date_from: date | None
    date_to: date | None
    made_on: date

    @property
    def title(self):
        return f"Learning log of {self.writer}"

    @property
    def period(self):
        """The dates covered, in words."""
        if self.date_from and self.date_to:
            return f"{self.date_from:%-d %B %Y} to {self.date_to:%-d %B %Y}"
        if self.date_from:
            return f"From {self.date_from:%-d %B %Y}"
        if self.date_to:
            return f"Up to {self.date_to:%-d %B %Y}"
        return "All entries"


def pdf_available():
    return weasyprint_or_reason()[0] is not None


def prompt_of(entry):
    """(what prompted it, its address or ""), as the exports write them."""
    if entry.prompt_is_live:
        return entry.prompt_page.title, site_url() + (entry.prompt_page.url or "")
    if entry.prompt_title:
        address = site_url() + entry.prompt_url if entry.prompt_url.startswith("/") else ""
        return f"{entry.prompt_title} (no longer published)", address
    return "Not linked to a page", ""


@cache
def log_stylesheet(weasyprint, path):
    return weasyprint.CSS(filename=path)


def to_pdf(log, request, *, pdf_variant="pdf/ua-1"):
    """The log as PDF bytes. `pdf_variant` is there for the tests that prove the structure checks
    fail on a PDF made without PDF/UA."""
    weasyprint, reason = weasyprint_or_reason()
    if weasyprint is None:
        raise RuntimeError(reason)
    html = render_to_string(
        "pages/learning_log/export_pdf.html",
        {"log": log, "rows": [(entry, *prompt_of(entry)) for entry in log.entries]},
        request=request,
    )
    document = weasyprint.HTML(
        string=html, base_url=site_url(), url_fetcher=make_fetcher(weasyprint)
    )
    stylesheet_path = static_file_path(PDF_STYLESHEET)
    stylesheets = [log_stylesheet(weasyprint, stylesheet_path)] if stylesheet_path else []
    tagged = pdf_variant is not None
    return document.write_pdf(stylesheets=stylesheets, pdf_variant=pdf_variant, pdf_tags=tagged)


def set_document_language(document, language):
    """Word reads the language of the text from the Normal style's run properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    run_properties.append(lang)


def add_paragraphs(document, text):
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())


def to_docx(log):
    """The log as a Word document: real headings (so Word's navigation pane and screen readers
    find each entry), the title and language set in the document's properties."""
    from docx import Document

    document = Document()
    document.core_properties.title = log.title
    document.core_properties.language = DOCUMENT_LANGUAGE
    document.core_properties.author = log.writer
    set_document_language(document, DOCUMENT_LANGUAGE)
    document.add_heading(log.title, level=0)
    document.add_paragraph(
        f"{log.period}. Made on {log.made_on:%-d %B %Y} from {settings.WAGTAIL_SITE_NAME}."
    )
    if not log.entries:
        document.add_paragraph("There are no entries in these dates.")
    for entry in log.entries:
        prompt, address = prompt_of(entry)
        document.add_heading(f"{entry.written_on:%-d %B %Y}", level=1)
        document.add_heading("What prompted it", level=2)
        document.add_paragraph(prompt + (f" ({address})" if address else ""))
        if entry.themes:
            document.add_heading("Themes", level=2)
            document.add_paragraph(", ".join(entry.themes))
        document.add_heading("Reflection", level=2)
        add_paragraphs(document, entry.reflection)
        if entry.will_try:
            document.add_heading("What I will try", level=2)
            add_paragraphs(document, entry.will_try)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
