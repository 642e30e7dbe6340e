"""Wagtail's database search backend, holding published pages only.

A page that is not live (a draft never published, or one unpublished) is taken out of the index
instead of being added, so draft text cannot reach any search, whichever query forgets `.live()`.
A live page is indexed from its database row, which holds the published revision's content.
Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network_site.core.search_backend"}}.
"""

from wagtail.models import Page
from wagtail.search.backends import database


def _unpublished_page(obj):
    return isinstance(obj, Page) and not obj.live


class PublishedPagesOnly:
    def add(self, obj):
        if _unpublished_page(obj):
            self.delete(obj)
        else:
            super().add(obj)

    def add_bulk(self, model, obj_list):
        super().add_bulk(model, [obj for obj in obj_list if not _unpublished_page(obj)])


def SearchBackend(params):  # The name Wagtail looks for in a backend module
    vendor_backend_class = type(database.SearchBackend(params))
    backend_class = type(
        f"PublishedPagesOnly{vendor_backend_class.__name__}",
        (PublishedPagesOnly, vendor_backend_class),
        {},
    )
    return backend_class(params)
