from django.utils.functional import SimpleLazyObject
from wagtail.models import PageViewRestriction, Site

from .models import NavigationSettings


def site_navigation(request):
    """The main navigation, worked out only when a template shows it (never on admin screens)."""
    return {"navigation_items": SimpleLazyObject(lambda: navigation_items(request))}


def navigation_items(request):
    """The items chosen in Settings › Navigation, else the home page's children marked 'show in
    menus'. Each item carries the tree paths under which it is the current section."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    may_see = visibility_for(request)
    chosen = NavigationSettings.for_request(request).items
    if chosen:
        return [
            {
                "label": item.value["label"],
                "page": item.value["page"],
                "paths": [
                    page.path for page in [item.value["page"], *item.value["also_for"]] if page
                ],
            }
            for item in chosen
            if item.value["page"] is not None
            and item.value["page"].live
            and may_see(item.value["page"])
        ]
    pages = (
        site.root_page.get_children()
        .live()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")
    )
    return [
        {"label": page.title, "page": page, "paths": [page.path]} for page in pages if may_see(page)
    ]


def visibility_for(request):
    """`may_see(page)`: whether this request passes every view restriction on the page and its
    ancestors, so a menu never names a members-only page to a visitor. One query per request."""
    restrictions = list(PageViewRestriction.objects.select_related("page"))

    def may_see(page):
        return all(
            restriction.accept_request(request)
            for restriction in restrictions
            if page.path.startswith(restriction.page.path)
        )

    return may_see
