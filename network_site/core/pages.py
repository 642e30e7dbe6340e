"""What every page type of the site shares: the lookups Wagtail repeats for every request, taken
from the content cache (`content_cached`) instead of the database.

- **Routing.** Wagtail finds a page by walking down from the home page, two queries a level (the
  child with the slug, then its own fields). `SitePage.route` keeps each child, found by its
  parent and slug, in the content cache, so a story (four levels down) is found without a query
  once anyone has asked for it since the content last changed. Which pages exist and what they
  hold is the same for everyone; who may see one is still checked on every request.
- **View restrictions.** Before serving a page Wagtail reads the page's ancestors and the
  restrictions on them (two queries), and every `.public()` query reads every restriction with
  its page. The restrictions (their ids and their pages' tree paths) are kept in the content
  cache; each request still checks those that apply to the page against the request.
- **Its own relations.** A page type names in `routing_prefetch` the relations it shows of itself
  (a story's themes and sectors): they are fetched with the page and kept with it.
- **Addresses.** `page.url` (no request given) read the sites' root paths from the cache once for
  each page shown; they are kept for the request being served instead.
- **Ancestors.** Routing leaves each page with its parent (`_cached_parent_obj`, Treebeard's
  own), so breadcrumbs and "which index is this story in" need no query (`routed_ancestors`).

Saving or deleting a page, a restriction or a site, or moving a page, turns the content cache
over (`page_cache.purge_on_content_change`), so nothing here outlives the content it describes.
"""

from django.db.models import Q, prefetch_related_objects
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .page_cache import content_cached, request_memo


def restricted_sections() -> list[tuple[int, str, int]]:
    """(restriction id, tree path, depth) of the page under each view restriction."""
    return content_cached(
        "view-restrictions",
        (),
        lambda: list(PageViewRestriction.objects.values_list("pk", "page__path", "page__depth")),
    )


def alias_paths() -> list[str]:
    """The tree paths of alias pages, whose restrictions are their original's (Wagtail's rule)."""
    return content_cached(
        "alias-pages",
        (),
        lambda: list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )


class SitePageQuerySet(PageQuerySet):
    def private_q(self) -> Q:
        """Wagtail's (pages under a view restriction, the restricted page included), from the
        restrictions kept in the content cache rather than a query each time."""
        q = Q()
        for _pk, path, depth in restricted_sections():
            q |= Q(path__startswith=path) & Q(depth__gte=depth)
        return q if q else Q(pk__in=[])


class SitePageManager(PageManager.from_queryset(SitePageQuerySet)):
    pass


def _child_by_slug(parent: Page, slug: str) -> Page | None:
    child = parent.get_children().filter(slug=slug).first()
    if child is None:
        return None
    child = child.specific
    # What the page shows of its own relations (a story's themes and sectors) comes with it.
    if prefetch := getattr(child, "routing_prefetch", ()):
        prefetch_related_objects([child], *prefetch)
    return child


def routed_ancestors(page: Page) -> list[Page] | None:
    """The page's ancestors below the tree's root, home page first, as routing found them (no
    query), or None when the page was not reached that way (a preview, a page from a query)."""
    ancestors = []
    current = page
    while current.depth > 2:
        parent = vars(current).get("_cached_parent_obj")
        if parent is None:
            return None
        ancestors.append(parent)
        current = parent
    return ancestors[::-1]


class SitePage(Page):
    """The base of every page type of the site (see the module's docstring)."""

    objects = SitePageManager()
    # Relations the page shows of itself, fetched with it when routing finds it (and kept with it
    # in the content cache), as `prefetch_related` takes them.
    routing_prefetch: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug = path_components[0]
        child = content_cached("page-child", (self.pk, slug), lambda: _child_by_slug(self, slug))
        if child is None:
            # Wagtail's own lookup, for its answer (and its 404) when there is no such child.
            return super().route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        """Wagtail keeps the sites' root paths (read from the cache, a round trip) on the request
        when it is given one, else on the page: `page.url` read them once per page shown. Without
        a request they are kept for the request being served."""
        if cache_object is None and not kwargs:
            cache_object = request_memo()
        return super()._get_site_root_paths(cache_object, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's (the restrictions on this page and its ancestors), from the restrictions
        kept in the content cache; Wagtail's own lookup where an alias is involved."""
        if self.alias_of_id or any(self.path.startswith(path) for path in alias_paths()):
            return super().get_view_restrictions()
        applying = [pk for pk, path, _depth in restricted_sections() if self.path.startswith(path)]
        return PageViewRestriction.objects.filter(pk__in=applying)
