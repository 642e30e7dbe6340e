"""The editors' dashboard: the library's external links that the link checker found broken."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from network_site.core.page_cache import PURGES_HOOK, Purge

from .models import Audience, LinkCheck


class BrokenLinksPanel(Component):
    name = "broken_links"
    template_name = "resources/admin/broken_links_panel.html"
    order = 65

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.user, "change")
        checks = (
            LinkCheck.objects.filter(is_broken=True, resource__in=editable.values("pk"))
            .select_related("resource")
            .only("url", "status", "error", "checked_at", "resource__id", "resource__title")
            .order_by("resource__title")
        )
        last_check = LinkCheck.objects.order_by("-checked_at").values_list("checked_at", flat=True)
        return {"checks": list(checks), "last_checked_at": last_check.first()}


@hooks.register("construct_homepage_panels")
def add_broken_links_panel(request, panels):
    if PagePermissionPolicy().user_has_permission(request.user, "change"):
        panels.append(BrokenLinksPanel(request.user))


@hooks.register(PURGES_HOOK)
def resources_purges():
    # The audiences the library filters by.
    return [Purge(Audience)]
