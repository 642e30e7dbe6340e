from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import PageViewRestriction, Site

from .models import NavigationSettings, NetworkSettings
from .page_cache import content_cached


def site_name(request):
    """The network's name (settings.WAGTAIL_SITE_NAME), as every template writes it."""
    return {"site_name": settings.WAGTAIL_SITE_NAME}


def site_navigation(request):
    """The main navigation and the footer's links, worked out only when a template shows them
    (never on admin screens)."""
    return {
        "navigation_items": SimpleLazyObject(lambda: navigation_items(request)),
        "footer": SimpleLazyObject(lambda: footer_for(request)),
    }


def footer_for(request):
    """The footer's links from Settings › Network settings, the same on every page: kept in the
    shared cache until the content changes."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"links": [], "contact_email": ""}

    def footer():
        network = NetworkSettings.for_site(site)
        pages = [
            ("Privacy notice", network.privacy_page),
            ("Accessibility statement", network.accessibility_page),
        ]
        return {
            "links": [(label, page.get_url(request)) for label, page in pages if page is not None],
            "contact_email": network.contact_email,
        }

    return content_cached("footer", site.pk, footer)


def navigation_items(request):
    """The menu's items that this request may open. The menu itself is the same for everyone, so
    it is kept in the shared cache until the content changes; only an item under a view restriction
    costs a query, to check the restriction against this request."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    items = content_cached("navigation", site.pk, lambda: menu_for(site, request))
    restriction_ids = {pk for item in items for pk in item["restrictions"]}
    accepted = set()
    if restriction_ids:
        accepted = {
            restriction.pk
            for restriction in PageViewRestriction.objects.filter(pk__in=restriction_ids)
            if restriction.accept_request(request)
        }
    return [item for item in items if accepted.issuperset(item["restrictions"])]


def menu_for(site, request):
    """The items chosen in Settings › Navigation, else the home page's children marked 'show in
    menus'. Each item carries its address, the tree paths under which it is the current section,
    and the view restrictions on the page and its ancestors, so that a menu never names a
    members-only page to a visitor."""
    chosen = NavigationSettings.for_site(site).items
    if chosen:
        entries = [
            (item.value["label"], item.value["page"], [item.value["page"], *item.value["also_for"]])
            for item in chosen
            if item.value["page"] is not None and item.value["page"].live
        ]
    else:
        pages = (
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
        entries = [(page.title, page, [page]) for page in pages]
    restrictions = list(PageViewRestriction.objects.select_related("page"))
    return [
        {
            "label": label,
            "url": page.get_url(request),
            "pk": page.pk,
            "paths": [section.path for section in sections if section],
            "restrictions": [
                restriction.pk
                for restriction in restrictions
                if page.path.startswith(restriction.page.path)
            ],
        }
        for label, page, sections in entries
    ]
