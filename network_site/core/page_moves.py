"""Old links keep working after a page moves.

A move in the admin (or through `Page.move`) gets its redirects from Wagtail's redirects app
(WAGTAILREDIRECTS_AUTO_CREATE). A migration that moves pages writes the tree directly and sends no
signal, so it ends with `leave_redirects_for_moved_pages`: every address a page had in its saved
revisions, that is no longer its address and that no other page has taken, becomes a permanent
redirect to the page. A restricted page stays restricted: the redirect leads to the page, which
still asks who is reading.

Written for migrations: it takes the migration's app registry and uses historical models only.
"""

from django.db.models.fields.json import KT


def site_relative_path(url_path, root_url_path):
    """The path a site serves for `url_path` (e.g. "/home/stories/a/" under "/home/" is
    "/stories/a"), normalised as Wagtail's Redirect stores it: no trailing slash."""
    path = "/" + url_path[len(root_url_path) :]
    return path.rstrip("/") or "/"


def leave_redirects_for_moved_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Redirect = apps.get_model("wagtailredirects", "Redirect")

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    sites = [(site, site.root_page.url_path) for site in Site.objects.select_related("root_page")]
    current = dict(Page.objects.values_list("pk", "url_path"))
    taken = set(current.values())
    old_addresses = (
        Revision.objects.filter(base_content_type=page_type)
        .values_list("object_id", KT("content__url_path"))
        .distinct()
    )
    for object_id, old_url_path in old_addresses:
        page_id = int(object_id)
        url_path = current.get(page_id)
        if not old_url_path or url_path is None or old_url_path in taken:
            continue
        for site, root_url_path in sites:
            # Only within one site: an address on another site is that site's business.
            if not (old_url_path.startswith(root_url_path) and url_path.startswith(root_url_path)):
                continue
            old_path = site_relative_path(old_url_path, root_url_path)
            if Redirect.objects.filter(site=site, old_path=old_path).exists():
                continue
            Redirect.objects.create(
                old_path=old_path,
                site=site,
                is_permanent=True,
                redirect_page_id=page_id,
                redirect_page_route_path="",
                automatically_created=True,
            )
