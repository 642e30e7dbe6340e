"""The language check: service-led, deficit and jargon wording, and how easy a text is to read.

It reads text and answers; it stores nothing. Each phrase comes from the `LanguageAdvice` snippets
that editors keep, matched as whole words in any case, with a plural of its last word.

The readability figure is the Flesch reading ease (Rudolf Flesch, "A new readability yardstick",
Journal of Applied Psychology, 1948):

    206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)

Higher is easier: 60 to 70 is plain English, most adults read 60 and above with ease, below 30 is
for specialists. Syllables are counted by a rule of thumb (groups of vowels, a silent final "e"),
which is close enough for a figure that advises.
"""

import re
from dataclasses import dataclass, field

from .models import LanguageAdvice

# Enough for the longest story section with room to spare; a longer text is checked in part.
MAX_CHECKED_CHARACTERS = 20_000
# Fewer words than this give a figure that means little, so none is given.
MIN_WORDS_FOR_READABILITY = 10

WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Finding:
    phrase: str
    found: str  # the words as written in the text, first time seen
    count: int
    suggestion: str
    why: str
    kind: str


@dataclass(frozen=True)
class Readability:
    score: int
    words: int
    sentences: int

    @property
    def label(self):
        if self.score >= 80:
            return "very easy to read"
        if self.score >= 60:
            return "plain English"
        if self.score >= 50:
            return "fairly hard to read"
        if self.score >= 30:
            return "hard to read"
        return "very hard to read"


@dataclass
class FieldAdvice:
    name: str
    label: str
    findings: list[Finding] = field(default_factory=list)
    readability: Readability | None = None

    @property
    def has_findings(self):
        return bool(self.findings)

    def as_json(self):
        return {
            "findings": [finding.__dict__ for finding in self.findings],
            "readability": (
                {**self.readability.__dict__, "label": self.readability.label}
                if self.readability
                else None
            ),
        }


def word_pattern(word, last):
    """A regular expression for one word of a phrase; the last may be plural."""
    escaped = re.escape(word)
    if not last:
        return escaped
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return escaped + "(?:es)?"
    return escaped + "s?"


def phrase_pattern(phrase):
    """Whole words, in any case, the words separated by any space; a hyphen may also be a space or
    nothing. None for a phrase with no letters or digits."""
    parts = [part for part in re.split(r"\s+", phrase.strip()) if part]
    if not parts or not re.search(r"\w", phrase):
        return None
    words = []
    for position, part in enumerate(parts):
        pieces = part.split("-")
        last = position == len(parts) - 1
        words.append(
            "[-\\s]?".join(
                word_pattern(piece, last and index == len(pieces) - 1)
                for index, piece in enumerate(pieces)
            )
        )
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def all_advice():
    """The editors' list, with each phrase's pattern: one query."""
    return [
        (advice, pattern)
        for advice in LanguageAdvice.objects.all()
        if (pattern := phrase_pattern(advice.phrase)) is not None
    ]


def find_wording(text, advice_list):
    text = text[:MAX_CHECKED_CHARACTERS]
    findings = []
    for advice, pattern in advice_list:
        matches = list(pattern.finditer(text))
        if matches:
            findings.append(
                Finding(
                    phrase=advice.phrase,
                    found=matches[0].group(0),
                    count=len(matches),
                    suggestion=advice.suggestion,
                    why=advice.why,
                    kind=advice.get_kind_display(),
                )
            )
    return findings


def syllables(word):
    word = word.lower().replace("’", "'").split("'")[0]
    groups = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def readability(text):
    """The Flesch reading ease of `text` (rounded, kept between 0 and 100), or None when the text
    is too short for the figure to mean much."""
    text = text[:MAX_CHECKED_CHARACTERS]
    words = WORD.findall(text)
    if len(words) < MIN_WORDS_FOR_READABILITY:
        return None
    sentences = max(len([part for part in SENTENCE_END.split(text) if WORD.search(part)]), 1)
    syllable_count = sum(syllables(word) for word in words)
    score = 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllable_count / len(words))
    return Readability(score=round(min(max(score, 0), 100)), words=len(words), sentences=sentences)


def check_fields(fields, advice_list=None):
    """FieldAdvice for each (name, label, text), in order; `advice_list` from all_advice()."""
    if advice_list is None:
        advice_list = all_advice()
    results = []
    for name, label, text in fields:
        text = text if isinstance(text, str) else ""
        results.append(FieldAdvice(name, label, find_wording(text, advice_list), readability(text)))
    return results
