"""Pages that share a theme with another page, whichever app each belongs to ("related" lists).

Each app gives its tagged page types with a Wagtail hook in its wagtail_hooks.py: a key, the page
model and
the name of its theme tags (every app tags with taggit's one `Tag` table, so a theme is the same
tag everywhere). A page then asks for, say, the "resources" sharing its themes without importing
the resources app; a key no app registered gives nothing, so an app works without the others.

    @hooks.register(TAGGED_PAGES_HOOK)
    def tagged_page_type():
        return tagged_pages("resources", ResourcePage, "topics")
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from taggit.models import Tag
from wagtail import hooks
from wagtail.models import Page

from .page_cache import content_cached

# Who may see which pages of a type: a request (or None, for a page that is the same for everyone).
VisiblePages = Callable[[HttpRequest | None], QuerySet]
# Whose view of them a request has: all that VisiblePages depends on (the key of the cached list).
Audience = Callable[[HttpRequest | None], Hashable]


@dataclass(frozen=True)
class TaggedPageType:
    key: str  # what other apps ask for, e.g. "stories"
    model: type[Page]
    tag_field: str  # the model's ClusterTaggableManager, e.g. "topics"
    visible_pages: VisiblePages
    audience: Audience


TAGGED_PAGES_HOOK = "register_tagged_pages"


def tagged_pages(
    key: str,
    model: type[Page],
    tag_field: str,
    visible_pages: VisiblePages | None = None,
    audience: Audience | None = None,
) -> TaggedPageType:
    """Offers `model`'s pages to "related" lists under `key`; by default the live, public ones
    (an app whose pages some people may see passes `visible_pages`, and `audience`: what of the
    request `visible_pages` depends on)."""
    if (visible_pages is None) != (audience is None):
        raise ValueError("Pass visible_pages and audience together.")
    model._meta.get_field(tag_field)  # a misspelt tag field fails here
    return TaggedPageType(
        key,
        model,
        tag_field,
        visible_pages or (lambda request: model.objects.live().public()),
        audience or (lambda request: None),
    )


def registered_tagged_pages() -> dict[str, TaggedPageType]:
    registered = {}
    for give in hooks.get_hooks(TAGGED_PAGES_HOOK):
        tagged = give()
        if tagged.key in registered:
            raise ValueError(f"Tagged pages called {tagged.key!r} are already registered.")
        registered[tagged.key] = tagged
    return registered


def pages_sharing_themes(
    key: str,
    themes: Iterable[Tag],
    *,
    request: HttpRequest | None = None,
    exclude: Page | None = None,
    limit: int = 5,
) -> list[Page]:
    """The latest pages registered under `key` that carry one of `themes` and that the request
    may see (public ones without a request); `exclude` leaves out the page asking."""
    tagged = registered_tagged_pages().get(key)
    tag_ids = [tag.pk for tag in themes]
    if tagged is None or not tag_ids:
        return []
    # A semi-join on the tag links, so the database never de-duplicates whole page rows.
    through = tagged.model._meta.get_field(tagged.tag_field).through
    sharing_a_theme = through.objects.filter(tag_id__in=tag_ids).values("content_object_id")
    pages = tagged.visible_pages(request).filter(pk__in=sharing_a_theme)
    if exclude is not None:
        pages = pages.exclude(pk=exclude.pk)
    # The pages are kept in the content cache until the content changes, keyed on what selects
    # them (so a member's list and a visitor's are apart): finding the latest pages sharing a
    # theme reads the theme links of many pages.
    return content_cached(
        "related-pages",
        (
            key,
            sorted(tag_ids),
            exclude.pk if exclude is not None else None,
            tagged.audience(request),
            limit,
        ),
        lambda: list(pages.order_by("-first_published_at", "-pk")[:limit]),
    )
