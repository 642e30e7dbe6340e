"""Sections that apps add to the home page.

Core never imports an app: each app registers its sections from its `AppConfig.ready()`, and editors
place them on the home page (its `body` StreamField) with the "Section from the site" block. A section
is a template and a function that gives its context for a request, or None when it has nothing to show
(no upcoming meeting, no stories yet), so that an empty section never leaves a heading on its own.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    key: str
    label: str
    template: str
    get_context: Callable[[HttpRequest | None], dict | None]
    default_heading: str


_sections: dict[str, HomeSection] = {}


def register(
    key: str,
    *,
    label: str,
    template: str,
    get_context: Callable[[HttpRequest | None], dict | None],
    default_heading: str,
) -> None:
    """Adds a section editors can place on the home page. `key` is stored in page content: keep it."""
    if key in _sections:
        raise ValueError(f"A home page section called {key!r} is already registered.")
    _sections[key] = HomeSection(key, label, template, get_context, default_heading)


def get(key: str) -> HomeSection | None:
    return _sections.get(key)


def choices() -> list[tuple[str, str]]:
    """(key, label) pairs for the editor's choice list; a callable so that it is read at run time."""
    return [(section.key, section.label) for section in _sections.values()]


def default_blocks() -> list[tuple[str, dict[str, str]]]:
    """The home page's sections when an editor has not chosen: every registered section, in order."""
    return [("site_section", {"section": section.key}) for section in _sections.values()]
