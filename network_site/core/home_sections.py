"""Sections that apps add to the home page.

Core never imports an app: each app gives its sections with a Wagtail hook (HOME_SECTIONS_HOOK) in
its wagtail_hooks.py, and editors
place them on the home page (its `body` StreamField) with the "Section from the site" block. A section
is a template and a function that gives its context for a request, or None when it has nothing to show
(no upcoming meeting, no stories yet), so that an empty section never leaves a heading on its own.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from wagtail import hooks

# The hook whose functions each give one `HomeSection`. Its `key` is stored in page content: keep it.
HOME_SECTIONS_HOOK = "register_home_page_section"


@dataclass(frozen=True)
class HomeSection:
    key: str
    label: str
    template: str
    get_context: Callable[[HttpRequest | None], dict | None]
    default_heading: str


def registered_sections() -> dict[str, HomeSection]:
    """The sections editors can place on the home page, by key, in the order the hooks give them."""
    sections = {}
    for give_section in hooks.get_hooks(HOME_SECTIONS_HOOK):
        section = give_section()
        if section.key in sections:
            raise ValueError(f"A home page section called {section.key!r} is already registered.")
        sections[section.key] = section
    return sections


def get(key: str) -> HomeSection | None:
    return registered_sections().get(key)


def choices() -> list[tuple[str, str]]:
    """(key, label) pairs for the editor's choice list; a callable so that it is read at run time."""
    return [(section.key, section.label) for section in registered_sections().values()]


def default_blocks() -> list[tuple[str, dict[str, str]]]:
    """The home page's sections when an editor has not chosen: every registered section, in order."""
    return [("site_section", {"section": key}) for key in registered_sections()]
