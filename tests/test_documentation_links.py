"""Every relative link in the README and the documentation leads to a file (and heading) that exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    [ROOT / "README.md", ROOT / "benchmarks" / "README.md", *(ROOT / "docs").rglob("*.md")]
)
# [text](target) where target is not an absolute address; inline code is removed first.
LINK = re.compile(r"\[[^\]]+\]\(([^)\s]+)\)")
CODE = re.compile(r"`[^`]*`")


def heading_anchors(path):
    """The anchors a Markdown renderer gives a file's headings (GitHub's rule)."""
    anchors = set()
    for line in path.read_text().splitlines():
        heading = re.match(r"#+ (.+)", line)
        if heading:
            words = re.sub(r"[^\w\- ]", "", heading.group(1).lower())
            anchors.add(words.replace(" ", "-"))
    return anchors


def relative_links(path):
    text = CODE.sub("", path.read_text())
    for target in LINK.findall(text):
        if not re.match(r"[a-z]+:", target):
            yield target


def test_there_are_documents_to_check():
    assert ROOT / "docs" / "README.md" in DOCUMENTS
    assert len(DOCUMENTS) > 5


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_resolves(document):
    broken = []
    for target in relative_links(document):
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        missing_heading = (
            anchor and linked.suffix == ".md" and anchor not in heading_anchors(linked)
        )
        if not linked.exists() or missing_heading:
            broken.append(target)
    assert broken == [], f"{document.relative_to(ROOT)} links to what does not exist: {broken}"


def test_a_broken_link_is_found(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\nSee [there](missing.md#x), [a heading](#title) and [no heading](#nowhere).\n"
    )
    assert list(relative_links(page)) == ["missing.md#x", "#title", "#nowhere"]
    assert "title" in heading_anchors(page)
    assert "nowhere" not in heading_anchors(page)
