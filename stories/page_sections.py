"""What other apps add to a story's page, through a Wagtail hook (stories never import them).

    @hooks.register(STORY_PAGE_SECTIONS_HOOK)
    def story_page_section():
        return StoryPageSection("pages/ripples/story_ripples.html", ripples_context, order=10)

`get_context(story, request)` returns the template's context (as `section`), or None to show nothing.
A signed-in person's story page is never stored in the visitor page cache, so a section may show
per-member content to them; what it shows visitors must be public, and purged through the page
cache's hook when it changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wagtail import hooks

STORY_PAGE_SECTIONS_HOOK = "register_story_page_section"


@dataclass(frozen=True)
class StoryPageSection:
    template: str
    get_context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class ShownSection:
    template: str
    context: dict[str, Any]


def sections_for(story, request) -> list[ShownSection]:
    sections = sorted(
        (give() for give in hooks.get_hooks(STORY_PAGE_SECTIONS_HOOK)), key=lambda s: s.order
    )
    shown = []
    for section in sections:
        context = section.get_context(story, request)
        if context is not None:
            shown.append(ShownSection(section.template, context))
    return shown
