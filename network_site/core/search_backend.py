"""Wagtail's database search backend, holding the published content of live pages only.

A page that is not live (a draft never published, or one unpublished) is taken out of the index
instead of being added, so draft text cannot reach any search, whichever query forgets `.live()`.
A live page is indexed from its database row, which holds the published revision's content: never
from the instance being saved, which holds a draft's text while an editor saves a revision.

Every query string is cleaned as the site's search box cleans it (network_site.core.search), so the
API's `?search=` and the admin's listings cannot send full-text syntax to the database either.
Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network_site.core.search_backend"}}.
"""

import copy

from wagtail.models import Page
from wagtail.search.backends import database
from wagtail.search.query import SearchQuery

from .search import clean_query


def _unpublished_page(obj):
    return isinstance(obj, Page) and not obj.live


class PublishedPagesOnly:
    def add(self, obj):
        if isinstance(obj, Page):
            # What the database holds, not what the instance in hand says.
            obj = type(obj).objects.filter(pk=obj.pk).first()
            if obj is None:
                return
        if _unpublished_page(obj):
            self.delete(obj)
        else:
            super().add(obj)

    def add_bulk(self, model, obj_list):
        super().add_bulk(model, [obj for obj in obj_list if not _unpublished_page(obj)])

    def search(self, query, *args, **kwargs):
        return super().search(_cleaned(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(_cleaned(query), *args, **kwargs)


def _cleaned(query):
    """The query with its typed text cleaned: a string, or the words inside the query objects
    that Wagtail's admin builds from what was typed (phrases, plain text, and their combinations).
    A query left with no words is the empty string, which finds nothing."""
    if isinstance(query, str):
        return clean_query(query)
    cleaned = copy.copy(query)
    if isinstance(getattr(query, "query_string", None), str):
        cleaned.query_string = clean_query(query.query_string)
        if not cleaned.query_string:
            return ""
    if isinstance(query, SearchQuery) and hasattr(query, "subquery"):
        cleaned.subquery = _cleaned(query.subquery)
        if cleaned.subquery == "":
            return ""
    if isinstance(query, SearchQuery) and hasattr(query, "subqueries"):
        cleaned.subqueries = [
            subquery for subquery in map(_cleaned, query.subqueries) if subquery != ""
        ]
        if not cleaned.subqueries:
            return ""
    return cleaned


def SearchBackend(params):  # The name Wagtail looks for in a backend module
    vendor_backend_class = type(database.SearchBackend(params))
    backend_class = type(
        f"PublishedPagesOnly{vendor_backend_class.__name__}",
        (PublishedPagesOnly, vendor_backend_class),
        {},
    )
    return backend_class(params)
