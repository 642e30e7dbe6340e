"""The accessibility checks the browser tests make, named for the accessibility statement.

Each browser test that checks an accessibility rule is listed here by its function's name. While
the browser tests run, `tests/browser/conftest.py` writes each listed test's outcome to the results
file (RESULTS_FILE); `manage.py accessibility_statement` turns that file into the statement's data.
A test added here, or a page type added to a listed test, makes the committed statement out of date
until the command is run again (tests/test_accessibility_statement.py and .ci/run check it).
"""

import json
import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
RESULTS_FILE = Path(
    os.environ.get(
        "ACCESSIBILITY_RESULTS", str(PROJECT_DIR / "test-results" / "accessibility-results.json")
    )
)

# check id: (title, WCAG 2.2 success criteria, what the test does, in the statement's words)
CHECKS = {
    "axe": (
        "Automated scan",
        ["the WCAG 2.2 A and AA rules axe-core can test"],
        "Each page is scanned with axe-core in Chromium, at 390 and 1280 pixels wide; any "
        "problem it finds fails the test.",
    ),
    "reflow": (
        "Reflow",
        ["1.4.10 Reflow"],
        "At 320 pixels wide, no page scrolls sideways, except wide tables that scroll inside "
        "their own labelled box.",
    ),
    "text-spacing": (
        "Text spacing",
        ["1.4.12 Text spacing"],
        "With wider line, paragraph, letter and word spacing forced by a style sheet, no text is "
        "cut off or pushed off the page.",
    ),
    "target-size": (
        "Target size",
        ["2.5.8 Target size (minimum)"],
        "Every link, button and form control is at least 24 by 24 pixels, or has room around it.",
    ),
    "focus": (
        "Keyboard focus",
        ["2.4.7 Focus visible", "2.4.11 Focus not obscured (minimum)"],
        "Tabbing through each page, every focused element shows where the focus is and is not "
        "hidden behind anything fixed on the screen.",
    ),
    "zoom": (
        "Zoom to 200% and 400%",
        ["1.4.4 Resize text", "1.4.10 Reflow"],
        "The page is shown as a browser zoomed to 200% and 400% shows it. Every heading and "
        "control is still there and can be reached, nothing overlaps, and only wide tables "
        "scroll sideways.",
    ),
    "keyboard": (
        "Keyboard-only journeys",
        ["2.1.1 Keyboard", "2.4.3 Focus order"],
        "A task done from start to finish with the keyboard alone (Tab, Shift+Tab, Enter, Space "
        "and arrow keys). The test checks the focus reaches each control it needs in order.",
    ),
    "accessibility-tree": (
        "Accessibility tree",
        ["1.3.1 Info and relationships", "4.1.2 Name, role, value"],
        "What the browser tells screen readers about the page (landmarks, headings, names of "
        "links and controls) is kept with the tests. Any change must be looked at and agreed "
        "before it is released.",
    ),
}

# The browser tests' functions and the check each makes.
TESTS = {
    "test_page_type_is_accessible_and_photographed": "axe",
    "test_reflow_at_320_pixels": "reflow",
    "test_text_spacing_cuts_nothing_off": "text-spacing",
    "test_every_target_is_big_enough_or_has_room": "target-size",
    "test_focus_is_always_visible_and_never_hidden": "focus",
    "test_nothing_is_lost_when_zoomed": "zoom",
    "test_keyboard_only_journey": "keyboard",
    "test_accessibility_tree_matches_the_kept_snapshot": "accessibility-tree",
}

# What a check allows on purpose, with the reason: printed in the statement as it stands.
ALLOWED_EXCEPTIONS = {
    "reflow": [
        "The mapping guide's gap map and comparison table are two-dimensional tables. They "
        "scroll sideways inside their own box, which screen readers announce as a region, as "
        "the success criterion allows."
    ],
    "zoom": [
        "At 200% and 400% the main menu folds into a 'Menu' button, as it does on a phone; every "
        "item is still there when the button is pressed."
    ],
}


def outcome_record(item, outcome, reason=""):
    """One test's result, as the results file keeps it: the check, the page type (or journey)
    it ran on, and how it ended."""
    params = getattr(item, "callspec", None)
    params = params.params if params is not None else {}
    return {
        "check": TESTS[item.originalname],
        "page_type": str(params.get("name", "")),
        "test": item.nodeid,
        "outcome": outcome,
        "reason": reason,
    }


def results_document(records):
    """The results file: the checks as the statement describes them, and each test's outcome."""
    axe_package = PROJECT_DIR / "node_modules" / "axe-core" / "package.json"
    return {
        "axe_core_version": json.loads(axe_package.read_text())["version"],
        "checks": CHECKS,
        "allowed_exceptions": ALLOWED_EXCEPTIONS,
        "results": sorted(records, key=lambda record: record["test"]),
    }
