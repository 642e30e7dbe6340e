"""Which Easy Read pages and standard pages a request may be shown a link to.

Who may see a page is read from the database (its view restrictions and its ancestors') on each
request; a visitor is never shown a link to, or the title of, a page for members."""

from wagtail.models import PageViewRestriction


def request_may_see(page, request):
    """Whether `request` passes every view restriction on `page` and above it. Without a request
    (a PDF made once for everyone) only a page without any restriction counts."""
    restrictions = page.get_view_restrictions()
    if request is None:
        return not restrictions.exists()
    return all(restriction.accept_request(request) for restriction in restrictions)


def readable_standard_page(easy_read_page, request):
    page = easy_read_page.standard_page
    if page is None or not page.live or not request_may_see(page, request):
        return None
    return page.specific


def easy_read_versions(page, request):
    """The live Easy Read versions of `page` that `request` may see."""
    from .models import EasyReadPage

    versions = EasyReadPage.objects.live().filter(standard_page=page).order_by("path")
    return [version for version in versions if request_may_see(version, request)]


def readable_easy_read_pages(index, request):
    """The index's live Easy Read pages, less any with a view restriction of its own (a reader of
    the index has passed the index's own restrictions already)."""
    from .models import EasyReadPage

    own_restrictions = PageViewRestriction.objects.filter(
        page__path__startswith=index.path, page__depth=index.depth + 1
    ).values("page_id")
    return (
        EasyReadPage.objects.child_of(index)
        .live()
        .exclude(pk__in=own_restrictions)
        .order_by("path")
    )
