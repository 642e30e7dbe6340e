"""The demo data loader: Markdown pages with front matter and YAML records, read into pages, and a
malformed file refused with a message that names it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from network_site.core.demo_data import (
    DemoDataError,
    by_slug,
    markdown_html,
    page_fields,
    read_records,
    upsert_pages_from_folder,
)
from network_site.core.models import StandardPage
from resources import demo as resources_demo
from resources.models import BookletChapterPage, BookletPage, SelfCheckPage

A_CHAPTER = """\
---
title: Listening first
introduction: Why the conversation comes before the form.
---
The first paragraph, written over
two lines.

The second, with **a word in bold**.

## What to ask

```reflection_prompts
heading: Think it over
prompts:
  - question: When did a conversation last surprise you?
    guidance: |
      Surprises are a good sign.

      What made it possible?
```

### A smaller heading
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_file_gives_the_pages_fields_and_its_stream(tmp_path):
    fields = page_fields(write(tmp_path, "01-listening-first.md", A_CHAPTER), BookletChapterPage)

    assert fields["title"] == "Listening first"
    assert fields["introduction"] == "Why the conversation comes before the form."
    assert fields["body"] == [
        {
            "type": "paragraph",
            "value": "<p>The first paragraph, written over two lines.</p>"
            "<p>The second, with <strong>a word in bold</strong>.</p>",
        },
        {"type": "heading", "value": {"text": "What to ask", "level": "h2"}},
        {
            "type": "reflection_prompts",
            "value": {
                "heading": "Think it over",
                "prompts": [
                    {
                        "question": "When did a conversation last surprise you?",
                        "guidance": "<p>Surprises are a good sign.</p><p>What made it possible?</p>",
                    }
                ],
            },
        },
        {"type": "heading", "value": {"text": "A smaller heading", "level": "h3"}},
    ]


def test_markdown_lists_and_links_become_rich_text():
    html = markdown_html("- one\n- [two](https://example.org/)\n")
    assert html == '<ul><li>one</li><li><a href="https://example.org/">two</a></li></ul>'


def test_a_page_without_a_body_field_fills_its_only_stream_field():
    fields = page_fields(resources_demo.SELF_CHECK, SelfCheckPage)
    assert [block["type"] for block in fields["questions"]] == ["question"] * 4
    first = fields["questions"][0]["value"]
    assert sum(option["is_correct"] for option in first["options"]) == 1
    assert first["explanation"].startswith("<p>The Act was passed in 2016")


MALFORMED_PAGES = [
    ("no front matter", "Just a paragraph.\n", "starts with '---'"),
    ("unclosed front matter", "---\ntitle: A page\n\nBody.\n", "no closing '---'"),
    ("broken YAML", "---\ntitle: [A page\n---\nBody.\n", "not readable YAML"),
    ("front matter that is a list", "---\n- title\n---\n", "'field: value' lines"),
    ("an unknown field", "---\ntitle: A page\ncolour: red\n---\n", "no field 'colour'"),
    (
        "an unknown block type",
        "---\ntitle: A page\n---\n```carousel\nitems: []\n```\n",
        "line 4: no block type 'carousel'",
    ),
    ("an unclosed block", "---\ntitle: A page\n---\n```quote\ntext: Hello\n", "never closed"),
    (
        "an unknown key in a block",
        "---\ntitle: A page\n---\n```quote\ntext: Hello\nauthor: Me\n```\n",
        "line 4: 'quote' has no field author",
    ),
    (
        "rich text that is not text",
        "---\ntitle: A page\n---\n```accordion\nitems:\n  - title: Why?\n    body: [1, 2]\n```\n",
        "line 4: 'body' should be Markdown text",
    ),
]


@pytest.mark.parametrize(
    "text, problem", [case[1:] for case in MALFORMED_PAGES], ids=[c[0] for c in MALFORMED_PAGES]
)
def test_a_malformed_page_file_is_refused_naming_the_file(tmp_path, text, problem):
    path = write(tmp_path, "a-page.md", text)
    with pytest.raises(DemoDataError) as error:
        page_fields(path, StandardPage)
    assert str(error.value).startswith(f"{path}: ")
    assert problem in str(error.value)


def test_a_file_that_is_not_utf8_or_missing_is_refused_naming_it(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(DemoDataError, match=r"latin1\.md: the file is not UTF-8 text"):
        page_fields(path, StandardPage)
    with pytest.raises(DemoDataError, match=r"gone\.md: the file is missing"):
        page_fields(tmp_path / "gone.md", StandardPage)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("slug: one\n", "a list of records ('- name: value' items) is expected"),
        ("- slug: one\n  title: One\n- title: Two\n", "record 2 lacks slug"),
        ("- slug: [one\n", "not readable YAML"),
    ],
)
def test_a_malformed_records_file_is_refused_naming_the_file(tmp_path, text, problem):
    path = write(tmp_path, "records.yaml", text)
    with pytest.raises(DemoDataError) as error:
        read_records(path, {"slug", "title"})
    assert str(error.value).startswith(f"{path}: ") and problem in str(error.value)


def test_an_unknown_slug_is_refused_with_the_known_ones(tmp_path):
    path = tmp_path / "records.yaml"
    assert by_slug(path, "record 1", {"health": 1, "housing": 2}, ["housing"]) == [2]
    with pytest.raises(DemoDataError, match=r"record 1: no nursing \(known: health, housing\)"):
        by_slug(path, "record 1", {"health": 1, "housing": 2}, ["nursing"])


def test_an_empty_folder_is_refused(tmp_path, home_page):
    with pytest.raises(DemoDataError, match="no Markdown"):
        upsert_pages_from_folder(home_page, tmp_path, StandardPage)


def test_a_folder_gives_its_pages_in_file_order_and_twice_the_same(tmp_path, home_page):
    booklet = BookletPage(title="A booklet", slug="a-booklet")
    home_page.add_child(instance=booklet)
    write(tmp_path, "02-listening-first.md", A_CHAPTER)
    write(tmp_path, "01-before-you-start.md", "---\ntitle: Before you start\n---\n")

    upsert_pages_from_folder(booklet, tmp_path, BookletChapterPage)
    revisions = Revision.objects.count()
    upsert_pages_from_folder(booklet, tmp_path, BookletChapterPage)

    chapters = booklet.get_children().specific()
    assert [(page.slug, page.title) for page in chapters] == [
        ("before-you-start", "Before you start"),
        ("listening-first", "Listening first"),
    ]
    assert Revision.objects.count() == revisions
    assert chapters[1].body[1].value["text"] == "What to ask"


def test_the_command_refuses_a_malformed_file_and_loads_nothing(tmp_path, monkeypatch, db):
    broken = write(tmp_path, "resources.yaml", "- slug: a-resource\n  title: [unclosed\n")
    monkeypatch.setattr(resources_demo, "RESOURCES", broken)
    pages_before = sorted(Page.objects.values_list("url_path", flat=True))

    with pytest.raises(CommandError) as error:
        call_command("load_demo_content", "--app", "resources", stdout=io.StringIO())

    assert f"{broken}: not readable YAML" in str(error.value)
    assert sorted(Page.objects.values_list("url_path", flat=True)) == pages_before
