"""The browser's accessibility tree of each page type, kept with the tests.

What Chromium tells a screen reader about a page (landmarks, headings, the names and roles of links
and controls) is written as Playwright's ARIA snapshot to tests/browser/snapshots/<page type>.yaml
and compared on every run, so that a change to any of them shows up in review as a change to a file.
The module's name makes it the first of the browser tests: it reads the demo content as loaded, before
other tests publish stories or mark them helpful on the shared site.

After a deliberate change, renew the files and read their diff before committing it:

    UPDATE_ACCESSIBILITY_SNAPSHOTS=1 .venv/bin/python -m pytest tests/browser/test_accessibility_tree.py
"""

import difflib
import os
import re
from pathlib import Path

import pytest

from tests.browser.test_every_page_type import PAGE_TYPES

SNAPSHOT_DIR = Path(__file__).parent / "snapshots"
RENEW = os.environ.get("UPDATE_ACCESSIBILITY_SNAPSHOTS") == "1"
# What changes from run to run without the page changing, written the same way every time: the
# served site's port, and dates (the demo's meetings are set from today's date).
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CHANGING = [
    (re.compile(r"http://127\.0\.0\.1:\d+"), "http://site"),
    (
        re.compile(
            rf"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day )?(?:\d{{1,2}} )?(?:{MONTHS}) 20\d\d\b"
        ),
        "<date>",
    ),
    (re.compile(rf"\b(?:{MONTHS.lower()})-20\d\d\b"), "<month>-<year>"),
    # The accessibility statement's counts of tests, renewed with each release's results.
    (re.compile(r"\d+ of \d+ tests passed[^\n\"]*"), "<test results>"),
]


def without_changing_parts(tree):
    for pattern, replacement in CHANGING:
        tree = pattern.sub(replacement, tree)
    return tree


def accessibility_tree(chromium, served_site, name):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        browser_page = context.new_page()
        browser_page.goto(served_site["url"] + PAGE_TYPES[name])
        tree = browser_page.locator("body").aria_snapshot()
    finally:
        context.close()
    return without_changing_parts(tree) + "\n"


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_accessibility_tree_matches_the_kept_snapshot(chromium, served_site, name):
    tree = accessibility_tree(chromium, served_site, name)
    kept = SNAPSHOT_DIR / f"{name}.yaml"
    if RENEW:
        SNAPSHOT_DIR.mkdir(exist_ok=True)
        kept.write_text(tree)
    assert kept.exists(), (
        f"No snapshot kept for {name}: run with UPDATE_ACCESSIBILITY_SNAPSHOTS=1 and commit {kept}"
    )
    difference = "".join(
        difflib.unified_diff(
            kept.read_text().splitlines(keepends=True),
            tree.splitlines(keepends=True),
            fromfile=f"kept {kept.name}",
            tofile="served now",
        )
    )
    assert difference == "", (
        "The accessibility tree changed. If the change is meant, renew the snapshots with "
        "UPDATE_ACCESSIBILITY_SNAPSHOTS=1 and commit them.\n" + difference
    )
