"""The site's PDFs are PDF/UA: a title shown by viewers, a language, tags in reading order, figures
with alternatives, bookmarks from the headings (read by tests/pdf_structure.py). And the checks
fail when a PDF is made without WeasyPrint's PDF/UA variant, or with a figure that has no text."""

import json

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from learning_log.exports import LogExport, to_pdf
from learning_log.models import Entry
from resources.pdf import html_to_pdf, pdf_available, weasyprint_or_reason
from tests.factories.membership import MemberFactory
from tests.factories.resources import BookletChapterPageFactory, BookletPageFactory
from tests.pdf_structure import assert_pdf_ua, pdf_ua_problems, read_pdf_structure

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not pdf_available(), reason="WeasyPrint (Pango) is not installed"),
]

FIGURE_ALT = "A carer and a support worker talking at a kitchen table"


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@pytest.fixture
def booklet_with_a_figure(home_page):
    image = ImageFactory(title="Kitchen table", file=get_test_image_file())
    booklet = BookletPageFactory(parent=home_page, title="Understanding personal outcomes")
    BookletChapterPageFactory(
        parent=booklet,
        title="What personal outcomes are",
        slug="what",
        body=body(
            ("heading", {"text": "Outcomes, not services", "level": "h2"}),
            ("paragraph", "<p>A personal outcome is what matters to the person.</p>"),
            ("image", {"image": image.pk, "alt_text": FIGURE_ALT, "caption": ""}),
        ),
    )
    BookletChapterPageFactory(
        parent=booklet,
        title="Values and principles",
        slug="values",
        body=body(
            ("heading", {"text": "Collaboration", "level": "h2"}),
            ("paragraph", "<p>Working together.</p>"),
        ),
    )
    return booklet


def test_the_booklet_pdf_is_pdf_ua(client, booklet_with_a_figure):
    response = client.get(booklet_with_a_figure.url + "pdf/")
    assert response.status_code == 200

    structure = assert_pdf_ua(response.content, title="Understanding personal outcomes")

    # The cover's logo and the chapter's picture, each with its alternative, in reading order.
    assert [figure.alt for figure in structure.figures] == [
        "Personal Outcomes Network",
        FIGURE_ALT,
    ]
    headings = [text for _, text in structure.headings]
    assert headings.index("1. What personal outcomes are") < headings.index(
        "Outcomes, not services"
    )
    assert headings.index("Outcomes, not services") < headings.index("2. Values and principles")
    assert (2, "2. Values and principles") in structure.headings
    # Tags in reading order: the chapter's paragraph comes after its heading, before the next.
    texts = [element.text for element in structure.elements if element.role == "P"]
    assert any("A personal outcome is what matters" in text for text in texts)


def test_the_learning_log_pdf_is_pdf_ua(rf):
    member = MemberFactory(first_name="Ishbel", last_name="Munro")
    Entry.objects.create(
        owner=member, reflection="I listened more than I spoke.", will_try="Ask first."
    )
    log = LogExport("Ishbel Munro", list(Entry.objects.all()), None, None, member.date_joined)

    structure = assert_pdf_ua(to_pdf(log, rf.get("/")), title="Learning log of Ishbel Munro")

    roles = [role for role in structure.roles if role in ("H1", "H2", "H3", "P")]
    assert roles[:3] == ["H1", "P", "H2"]
    assert [text for _, text in structure.headings][2:] == [
        "What prompted it",
        "Reflection",
        "What I will try",
    ]
    paragraphs = [element.text for element in structure.elements if element.role == "P"]
    assert "I listened more than I spoke." in paragraphs


def test_the_checks_fail_on_a_pdf_made_without_the_pdf_ua_variant(rf):
    """The regression the tests are for: the same learning log, written without `pdf/ua-1` and
    without tags, fails on the tags, the PDF/UA mark and the title shown by viewers."""
    member = MemberFactory()
    Entry.objects.create(owner=member, reflection="Something I noticed.")
    log = LogExport("A member", list(Entry.objects.all()), None, None, member.date_joined)

    problems = pdf_ua_problems(read_pdf_structure(to_pdf(log, rf.get("/"), pdf_variant=None)))

    assert "The document has no structure tree (no tags)." in problems
    assert "The XMP metadata does not say the file is PDF/UA-1 (pdfuaid:part)." in problems
    assert "Viewers are not told to show the title (DisplayDocTitle)." in problems
    assert "The document is not marked as tagged (/MarkInfo /Marked)." in problems
    assert any(problem.startswith("The bookmarks") for problem in problems)
    with pytest.raises(AssertionError, match="no structure tree"):
        assert_pdf_ua(to_pdf(log, rf.get("/"), pdf_variant=None))


def weasyprint_pdf(html, **options):
    weasyprint, _ = weasyprint_or_reason()
    return weasyprint.HTML(string=html).write_pdf(**options)


def test_the_checks_fail_on_a_figure_without_alternative_text():
    figure = '<img src="data:image/png;base64,{}" alt="{}">'
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    page = '<html lang="en-GB"><title>Pictures</title><h1>Pictures</h1><p>{}</p></html>'

    described = weasyprint_pdf(
        page.format(figure.format(png, "A blue square")), pdf_variant="pdf/ua-1", pdf_tags=True
    )
    assert pdf_ua_problems(read_pdf_structure(described)) == []

    undescribed = read_pdf_structure(
        weasyprint_pdf(page.format(figure.format(png, "")), pdf_variant="pdf/ua-1", pdf_tags=True)
    )
    # WeasyPrint tags an image with empty alt text as a figure too, not as an artifact.
    assert pdf_ua_problems(undescribed) == ["A figure has no alternative text (/Alt)."]


def test_the_checks_fail_on_a_missing_language_and_title():
    pdf = weasyprint_pdf("<html><h1>Untitled</h1><p>Words.</p></html>", pdf_variant="pdf/ua-1")
    problems = pdf_ua_problems(read_pdf_structure(pdf), title="Untitled")
    assert "The document has no language (/Lang)." in problems
    assert "The document has no title." in problems


def test_the_checks_fail_on_bookmarks_that_do_not_follow_the_headings():
    html = (
        '<html lang="en-GB"><title>Skips</title><h1>Top</h1><h3>Too deep</h3><p>Text.</p>'
        '<h2 style="bookmark-level: none">Hidden from the outline</h2></html>'
    )
    problems = pdf_ua_problems(
        read_pdf_structure(weasyprint_pdf(html, pdf_variant="pdf/ua-1", pdf_tags=True))
    )
    assert "The heading 'Too deep' (H3) skips a level after H1." in problems
    assert any(problem.startswith("The bookmarks") for problem in problems)


def test_html_to_pdf_of_the_booklet_module_makes_pdf_ua():
    """The booklet's own writer (resources/pdf.py), given a plain page, is PDF/UA too."""
    html = '<html lang="en-GB"><head><title>A page</title></head><body><h1>A page</h1><p>Hello.</p></body></html>'
    assert_pdf_ua(html_to_pdf(html, base_url="http://testserver/"), title="A page")
