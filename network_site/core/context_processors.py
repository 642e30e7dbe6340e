from wagtail.models import Site


def site_navigation(request):
    """The main navigation: the home page's live children marked 'show in menus'."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"navigation_pages": []}
    root = site.root_page
    pages = root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
    return {"navigation_pages": list(pages), "site_root": root}
