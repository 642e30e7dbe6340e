"""Checks a story's text for details that could identify a real person.

The checks are deliberately cautious: a warning asks the teller (and the moderator) to look again;
it never blocks a story on its own.
"""

import re
from dataclasses import dataclass

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

CHECKS = [
    (
        "an email address",
        re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ),
    (
        "a phone number",
        re.compile(
            r"(?<![\w/.-])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w/-])(?!\.\d)"
        ),
    ),
    (
        "a postcode",
        re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b", re.IGNORECASE),
    ),
    (
        "a date that may be a date of birth",
        re.compile(
            r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+(?:19|20)\d{{2}}\b"
            r"|\bborn\s+(?:on|in)\s+[\w ,]{1,30}?\d{4}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a name after a title",
        re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?\s+[A-Z][\w'’-]+"),
    ),
]


@dataclass(frozen=True)
class IdentifyingDetail:
    field_name: str
    field_label: str
    kind: str
    text: str

    @property
    def message(self):
        return f"{self.field_label}: “{self.text}” looks like {self.kind}."


def find_identifying_details(labelled_texts):
    """Warnings for each suspect detail in `labelled_texts`: (field name, label, text) triples."""
    details = []
    for field_name, label, text in labelled_texts:
        for kind, pattern in CHECKS:
            for match in pattern.finditer(text or ""):
                details.append(IdentifyingDetail(field_name, label, kind, match.group(0).strip()))
    return details
