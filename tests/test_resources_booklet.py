"""The booklet: contents, previous and next at both ends, linkable headings, reading time, print view."""

import io
import os
import re

import pytest
from django.conf import settings
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from network_site.core.demo import rich_text, stream
from resources.models import BookletChapterPage, BookletPage
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    heading_and_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(home_page):
    booklet = BookletPageFactory(parent=home_page)
    BookletChapterPageFactory(
        parent=booklet,
        title="What personal outcomes are",
        slug="what",
        body=heading_and_text(("Outcomes, not services", "A personal outcome is what matters.")),
    )
    BookletChapterPageFactory(
        parent=booklet,
        title="Values and principles",
        slug="values",
        body=heading_and_text(
            ("Collaboration", "Working together."),
            ("Collaboration", "The same heading twice."),
            ("Informed choice", "Knowing the options."),
        ),
    )
    BookletChapterPageFactory(
        parent=booklet,
        title="Further resources",
        slug="further",
        body=heading_and_text(("Where next", "The library.")),
    )
    return booklet


def test_the_booklet_page_lists_its_chapters_in_order(client, booklet):
    response = client.get("/booklet/")
    assert response.status_code == 200
    content = response.content.decode()
    contents = content[content.index('id="booklet-contents"') :]
    positions = [
        contents.index(f'href="/booklet/{slug}/"') for slug in ("what", "values", "further")
    ]
    assert positions == sorted(positions)
    assert 'href="/booklet/print/"' in content
    assert "Reading time" in content


def test_a_draft_chapter_is_not_in_the_contents(client, booklet):
    draft = BookletChapterPageFactory(parent=booklet, title="Unfinished chapter", slug="draft")
    draft.unpublish()
    content = client.get("/booklet/").content.decode()
    assert "Unfinished chapter" not in content
    assert "Unfinished chapter" not in client.get("/booklet/print/").content.decode()


def sequential_links(response):
    content = response.content.decode()
    previous_link = re.search(r'href="([^"]+)"[^>]*rel="prev"', content)
    next_link = re.search(r'href="([^"]+)"[^>]*rel="next"', content)
    return (
        previous_link.group(1) if previous_link else None,
        next_link.group(1) if next_link else None,
    )


def test_previous_and_next_at_both_ends_and_in_the_middle(client, booklet):
    assert sequential_links(client.get("/booklet/what/")) == (None, "/booklet/values/")
    assert sequential_links(client.get("/booklet/values/")) == (
        "/booklet/what/",
        "/booklet/further/",
    )
    assert sequential_links(client.get("/booklet/further/")) == ("/booklet/values/", None)


def test_every_chapter_shows_the_contents_with_itself_marked(client, booklet):
    content = client.get("/booklet/values/").content.decode()
    assert 'aria-current="page">Values and principles<' in content
    assert 'href="/booklet/what/"' in content
    assert 'href="/booklet/further/"' in content
    assert "chapter 2 of 3" in content


def test_headings_have_unique_ids_that_can_be_linked_to(client, booklet):
    content = client.get("/booklet/values/").content.decode()
    assert '<h2 id="collaboration" class="site-anchored-heading">' in content
    assert '<h2 id="collaboration-2" class="site-anchored-heading">' in content
    assert 'href="#informed-choice"' in content
    ids = re.findall(r'id="([^"]+)"', content)
    assert len(ids) == len(set(ids))


def test_reading_time_counts_the_words(home_page):
    booklet = BookletPageFactory(parent=home_page)
    chapter = BookletChapterPageFactory(
        parent=booklet,
        title="Long",
        introduction="",
        body=stream(("paragraph", rich_text("word " * 450))),
    )
    # 450 words of body plus the one-word title, at 200 words a minute: three minutes.
    assert chapter.reading_minutes == 3
    short = BookletChapterPageFactory(parent=booklet, title="Short", body=stream())
    assert short.reading_minutes == 1


def test_the_print_view_holds_every_chapter_on_one_page(client, booklet):
    response = client.get("/booklet/print/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("A personal outcome is what matters.", "Knowing the options.", "The library."):
        assert text in content
    assert content.index("What personal outcomes are") < content.index("Further resources")
    assert "resources/css/booklet-print.css" in content
    assert "css/print.css" in content
    # Chapter headings become sections of the one page: ids stay unique, levels one lower.
    assert '<h3 id="values-collaboration-2" class="site-anchored-heading">' in content
    ids = re.findall(r'id="([^"]+)"', content)
    assert len(ids) == len(set(ids))
    assert 'href="#values"' in content


def test_the_print_view_of_a_restricted_booklet_is_restricted_too(client, booklet):
    PageViewRestriction.objects.create(page=booklet, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/booklet/print/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "Knowing the options" not in response.content.decode()


def test_the_page_tree_rules(home_page, booklet):
    assert BookletPage.parent_page_types == ["core.HomePage"]
    assert BookletPage.subpage_types == ["resources.BookletChapterPage"]
    assert BookletChapterPage.can_create_at(booklet)
    assert not BookletChapterPage.can_create_at(home_page)


def test_the_booklet_downloads_as_a_tagged_pdf_with_cover_contents_and_page_numbers(
    client, booklet
):
    BookletChapterPageFactory(
        parent=booklet,
        title="Quotes “and” dashes – too",
        slug="quotes",
        body=heading_and_text(("Unicode’s edge", "Gàidhlig, Łódź, Zürich, αβγ, naïve → ok.")),
    )
    response = client.get("/booklet/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="booklet.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    # A cover, a contents page, then each of the four chapters from a new page.
    assert len(pages) >= 6
    assert pages[0].startswith("Understanding personal outcomes")
    assert "Online at " + settings.SITE_URL + "/booklet/" in pages[0]
    contents = pages[1]
    assert "Contents" in contents
    chapter_pages = dict(re.findall(r"\d\. ([^.]+?) \.+ (\d+)", contents))
    assert list(chapter_pages) == [
        "What personal outcomes are",
        "Values and principles",
        "Further resources",
        "Quotes “and” dashes – too",
    ]
    for title, number in chapter_pages.items():
        # The page the contents names is the page the chapter starts on, under a running header.
        page_text = pages[int(number) - 1]
        assert page_text.count(title) == 2  # its heading, and the running header's chapter
        assert "Understanding personal outcomes" in page_text
        assert f"Page {number} of {len(pages)}" in page_text
    everything = " ".join(pages)
    assert "Gàidhlig, Łódź, Zürich, αβγ, naïve → ok." in everything
    assert everything.index("Values and principles") < everything.index("The library.")
    # Tagged for screen readers (PDF/UA-1), in British English, with its title shown.
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    structure = catalog["/StructTreeRoot"].get_object()
    tags = set(structure_tags(structure))
    assert {"/H1", "/H2", "/P", "/L", "/LI"} <= tags
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "Understanding personal outcomes"
    assert 'href="/booklet/pdf/" download' in client.get("/booklet/").content.decode()


def structure_tags(element, depth=0):
    """Every structure type below `element` in a PDF's tag tree."""
    if depth > 40:
        return
    kids = element.get("/K")
    if kids is None:
        return
    kids = kids if isinstance(kids, list) else [kids]
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            yield kid["/S"]
            yield from structure_tags(kid, depth + 1)


def test_the_pdf_is_made_once_until_a_chapter_changes(client, booklet):
    first = client.get("/booklet/pdf/").content
    assert client.get("/booklet/pdf/").content == first
    chapter = BookletChapterPage.objects.get(slug="values")
    chapter.title = "Values, principles and practice"
    chapter.save_revision().publish()
    assert b"Values, principles and practice" not in first
    changed = PdfReader(io.BytesIO(client.get("/booklet/pdf/").content))
    assert "Values, principles and practice" in " ".join(p.extract_text() for p in changed.pages)


def test_the_pdf_reads_only_the_sites_own_files():
    from resources.pdf import local_file

    assert local_file(settings.SITE_URL + "/static/images/logo.svg").startswith(b"<svg")
    assert local_file(settings.SITE_URL + "/static/no-such-file.css") is None
    assert local_file(settings.SITE_URL + "/static/../settings.py") is None
    assert local_file("http://169.254.169.254/latest/meta-data/") is None
    assert local_file("file:///etc/passwd") is None
    assert local_file("https://example.org/static/images/logo.svg") is None


def test_without_weasyprint_the_booklet_offers_its_print_view(client, booklet, monkeypatch):
    from resources import pdf

    monkeypatch.setattr(pdf, "weasyprint_or_reason", lambda: (None, "Pango is missing."))

    response = client.get("/booklet/pdf/")

    assert response.status_code == 503
    html = response.content.decode()
    assert "The PDF is not available" in html
    assert 'href="/booklet/print/"' in html
    assert "/booklet/pdf/" not in client.get("/booklet/").content.decode()
    assert "/booklet/pdf/" not in client.get("/booklet/print/").content.decode()


def test_a_machine_without_pango_is_told_at_start_up(monkeypatch):
    from resources import checks

    assert checks.booklet_pdf_check(None) == []
    monkeypatch.setattr(checks, "weasyprint_or_reason", lambda: (None, "Pango is missing."))
    [warning] = checks.booklet_pdf_check(None)
    assert warning.id == "resources.W001"
    assert "Pango is missing." in warning.msg
    assert "apt-get install -y libpango-1.0-0" in warning.hint


def test_a_members_only_booklet_shows_members_its_chapters(client, booklet, django_user_model):
    PageViewRestriction.objects.create(page=booklet, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(
        django_user_model.objects.create_user(
            username="reader", email="reader@example.org", password="a-long-password-1"
        )
    )
    assert 'href="/booklet/values/"' in client.get("/booklet/").content.decode()
    assert sequential_links(client.get("/booklet/values/")) == (
        "/booklet/what/",
        "/booklet/further/",
    )
    assert "Knowing the options." in client.get("/booklet/print/").content.decode()


def test_the_pdfs_stylesheets_are_parsed_once_until_one_changes(settings, tmp_path):
    from resources import pdf

    print_css = tmp_path / "css" / "print.css"
    print_css.parent.mkdir()
    print_css.write_text("body { color: #000; }")
    settings.STATICFILES_DIRS = [str(tmp_path), *settings.STATICFILES_DIRS]
    position = pdf.PDF_STYLESHEETS.index("css/print.css")

    first = pdf.pdf_stylesheets()
    assert len(first) == len(pdf.PDF_STYLESHEETS)
    assert pdf.pdf_stylesheets() == first

    modified = print_css.stat().st_mtime_ns + 1_000_000_000
    os.utime(print_css, ns=(modified, modified))
    again = pdf.pdf_stylesheets()
    assert again[position] is not first[position]
    assert [sheet for i, sheet in enumerate(again) if i != position] == [
        sheet for i, sheet in enumerate(first) if i != position
    ]


def reflection_chapter(booklet):
    return BookletChapterPageFactory(
        parent=booklet,
        title="Reflect",
        slug="reflect",
        body=stream(
            (
                "reflection_prompts",
                {
                    "heading": "Reflect on your practice",
                    "prompts": [
                        {
                            "question": "Whose outcome is it?",
                            "guidance": rich_text("Think about who chose the words."),
                        }
                    ],
                },
            )
        ),
    )


def test_reflection_questions_print_as_questions_with_their_hints(client, booklet):
    reflection_chapter(booklet)

    pdf_text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(client.get("/booklet/pdf/").content)).pages
    )
    # The question and its hints, on paper; no "open it" that paper cannot do.
    assert "Whose outcome is it?" in pdf_text
    assert "Think about who chose the words." in pdf_text
    assert "Open it" not in pdf_text
    # Its look on paper (the text's colour, no link underline): tests/browser/test_resources_pages.py


@pytest.fixture
def pdfs_made(monkeypatch):
    """How many PDFs WeasyPrint wrote (it still writes them)."""
    import weasyprint

    made = []
    write_pdf = weasyprint.HTML.write_pdf

    def counted(document, *args, **kwargs):
        made.append(1)
        return write_pdf(document, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counted)
    return made


def test_the_pdf_is_made_again_after_an_editor_changes_an_image(client, booklet, pdfs_made):
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail_factories import ImageFactory

    image = ImageFactory(file=get_test_image_file())
    client.get("/")  # the site's settings are made on its first request (a content change)
    client.get("/booklet/pdf/")
    client.get("/booklet/pdf/")
    assert len(pdfs_made) == 1
    image.title = "A clearer description"
    image.save()
    client.get("/booklet/pdf/")
    assert len(pdfs_made) == 2


def test_the_pdf_is_made_again_when_a_stylesheet_changes(client, booklet, pdfs_made):
    from resources.pdf import PDF_STYLESHEETS, static_file_path

    client.get("/")  # the site's settings are made on its first request (a content change)
    client.get("/booklet/pdf/")
    client.get("/booklet/pdf/")
    assert len(pdfs_made) == 1
    path = static_file_path(PDF_STYLESHEETS[0])
    stat = os.stat(path)
    try:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        client.get("/booklet/pdf/")
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert len(pdfs_made) == 2
