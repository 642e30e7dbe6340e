"""Adding many pages at once, for the network generator: rows are inserted in batches and the page
tree's materialised paths are worked out here, instead of one `add_child` (and its queries) per page.

Pages made this way are live, with no revision: editing one in the admin makes its first revision.
"""

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import OutputWrapper
from django.db import connection
from wagtail import hooks
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

BATCH_SIZE = 500

# The hook whose functions each give one part of the network generator (a `Generator`), from the
# apps' wagtail_hooks.py.
GENERATORS_HOOK = "register_network_generator"


@dataclass(frozen=True)
class Generator:
    """`option`: the command's option (how many to make); `path`: the dotted path of its
    `generate(context, count)`; lower `order`s run first (stories and bookings need members)."""

    option: str
    path: str
    default: int
    order: int


def registered_generators() -> list[tuple[str, str, int]]:
    """(option, dotted path, default count) in the order they run."""
    generators = sorted(
        (give() for give in hooks.get_hooks(GENERATORS_HOOK)), key=lambda g: g.order
    )
    return [(generator.option, generator.path, generator.default) for generator in generators]


def _path_step(number: int) -> str:
    alphabet = Page.alphabet
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    if len(digits) > Page.steplen:
        raise ValueError("Too many children for one page")
    return digits.rjust(Page.steplen, alphabet[0])


def taken_slugs(parent: Page) -> set[str]:
    return set(parent.get_children().values_list("slug", flat=True))


def bulk_add_children[P: Page](parent: Page, pages: list[P]) -> list[P]:
    """Inserts `pages` (unsaved instances of one specific page model, slugs unique under `parent`)
    as live children of `parent`, in batches. Sets each instance's pk, path and url_path."""
    if not pages:
        return pages
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)
    last_path = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    next_step = int(last_path[-Page.steplen :], len(Page.alphabet)) + 1 if last_path else 1
    content_type = ContentType.objects.get_for_model(model)
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    for offset, page in enumerate(pages):
        page.path = parent.path + _path_step(next_step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
    for start in range(0, len(pages), BATCH_SIZE):
        batch = pages[start : start + BATCH_SIZE]
        base_rows = Page.objects.bulk_create(
            [
                Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
                for page in batch
            ]
        )
        for page, row in zip(batch, base_rows, strict=True):
            page.pk = page.page_ptr_id = row.pk
        # Django's bulk_create refuses multi-table children; insert the specific table's own
        # columns the way Model.save_base does for one object.
        model._base_manager._insert(
            batch, fields=model._meta.local_concrete_fields, raw=True, using=connection.alias
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def bulk_index(model: type[Page], pks: Sequence[int], prefetch: Iterable[str] = ()) -> None:
    """Adds the pages to the search index in batches (one statement per batch and backend)."""
    for backend in get_search_backends():
        for start in range(0, len(pks), BATCH_SIZE):
            objects = list(
                model.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).prefetch_related(
                    *prefetch
                )
            )
            backend.add_bulk(model, objects)


class Progress:
    """A one-line progress bar on the command's output."""

    def __init__(self, stdout: OutputWrapper, label: str, total: int, width: int = 30) -> None:
        self.stdout, self.label, self.total, self.width = stdout, label, total, width
        self.done = 0
        self.interactive = getattr(sys.stdout, "isatty", lambda: False)()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if self.interactive or self.done >= self.total:
            filled = self.width * self.done // max(self.total, 1)
            end = "\n" if self.done >= self.total else "\r"
            self.stdout.write(
                f"{self.label:<12} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{self.done}/{self.total}",
                ending=end,
            )
            self.stdout.flush()
