"""The booklet: contents, previous and next at both ends, linkable headings, reading time, print view."""

import contextlib
import re
import zlib

import pytest
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


def pdf_text(pdf_bytes):
    """The text runs of a PDF written by fpdf2 (its page streams are zlib-compressed)."""
    text = b""
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf_bytes, re.S):
        with contextlib.suppress(zlib.error):
            text += zlib.decompress(raw)
    return b" ".join(re.findall(rb"\((.*?)\)\s*Tj", text)).decode("latin-1")


def test_the_booklet_downloads_as_a_pdf_made_from_its_chapters(client, booklet):
    BookletChapterPageFactory(
        parent=booklet,
        title="Quotes “and” dashes – too",
        slug="quotes",
        body=heading_and_text(("Unicode’s edge", "Zürich, naïve, 漢字.")),
    )
    response = client.get("/booklet/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="booklet.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for expected in (
        "Understanding personal outcomes",
        "1. What personal outcomes are",
        "Knowing the options.",
        '4. Quotes "and" dashes - too',
        "Zürich, naïve, ??.",
        "Online at http://testserver/booklet/",
    ):
        assert expected in text
    assert text.index("Values and principles") < text.index("The library.")
    assert 'href="/booklet/pdf/" download' in client.get("/booklet/").content.decode()


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
