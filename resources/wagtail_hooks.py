"""The editors' dashboard and the content-review report: the library's external links that the link
checker found broken."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from network_site.core import schedule
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.impact import IMPACT_SECTIONS_HOOK, ImpactSection
from network_site.core.page_cache import PURGES_HOOK, Purge
from network_site.core.related import TAGGED_PAGES_HOOK, tagged_pages
from network_site.core.reviews import REVIEWABLE_TYPES_HOOK, ReviewableType
from network_site.membership import member_page

from .impact import most_used_resources
from .models import Audience, CarersActGuidePage, LinkCheck, ResourcePage


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


@hooks.register("construct_review_report_panels")
def add_broken_links_to_review_report(request, panels):
    if PagePermissionPolicy().user_has_permission(request.user, "change"):
        panels.append(BrokenLinksPanel(request.user))


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("resources", "resources.demo.load")


@hooks.register(REVIEWABLE_TYPES_HOOK)
def reviewable_types():
    return [
        ReviewableType("resource", "Resource", ResourcePage),
        ReviewableType("carers-act-guide", "Carers Act guide", CarersActGuidePage),
    ]


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("resources", "resources.generate.generate", 500, order=30)


# New resources appear on members' home pages and in their digests.
@hooks.register(member_page.MEMBER_NEWS_HOOK)
def member_news():
    return member_page.NewsKind(ResourcePage, "Resources")


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    return [
        schedule.job(
            "check_resource_links",
            schedule.DAILY,
            "Checks every live resource's external link and lists the broken ones.",
            "--timeout=10",
        )
    ]


# "Related" lists elsewhere: a mapping entry's resources on the same themes.
@hooks.register(TAGGED_PAGES_HOOK)
def tagged_page_type():
    return tagged_pages("resources", ResourcePage, "topics")


@hooks.register(PURGES_HOOK)
def resources_purges():
    # The audiences the library filters by.
    return [Purge(Audience)]


@hooks.register(IMPACT_SECTIONS_HOOK)
def impact_resources_section():
    return ImpactSection(
        "resources",
        "The most used resources",
        "pages/resources/impact/resources.html",
        most_used_resources,
        order=60,
    )
