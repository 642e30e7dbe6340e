from django.conf import settings
from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from . import admin_views, avatars, page_cache, schedule
from .models import NavigationSettings, NetworkSettings, Sector
from .reviews import MARK_REVIEWED_ACTION, content_for_review, may_review

hooks.register("before_serve_page", page_cache.remember_served_page)


@hooks.register(page_cache.PURGES_HOOK)
def core_purges():
    # The sectors, and the settings every page's header, menu and footer show.
    return [
        page_cache.Purge(NetworkSettings),
        page_cache.Purge(NavigationSettings),
        page_cache.Purge(Sector),
    ]


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("reviews/", admin_views.review_report_view, name="core_review_report"),
        path("reviews/export.csv", admin_views.review_report_csv_view, name="core_review_csv"),
        path(
            "reviews/<int:page_id>/reviewed/",
            admin_views.mark_reviewed_view,
            name="core_mark_reviewed",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        "Content due for review", reverse("core_review_report"), icon_name="date", order=50
    )


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(MARK_REVIEWED_ACTION, "Mark reviewed", "Marked as reviewed")


class DueForReviewPanel(Component):
    """The editors' dashboard: content whose last review is over a year old, or never was."""

    name = "due_for_review"
    template_name = "core/admin/due_for_review_panel.html"
    order = 70
    SHOWN = 5

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        items = content_for_review(self.user)
        return {"total": len(items), "items": items[: self.SHOWN]}


@hooks.register("construct_homepage_panels")
def add_due_for_review_panel(request, panels):
    if may_review(request.user):
        panels.append(DueForReviewPanel(request.user))


@hooks.register("get_avatar_url")
def site_avatar_url(user, size):
    return avatars.avatar_url(user, size)


class SectorDeleteView(DeleteView):
    """A sector that join requests still name stays (their sector is required): the editor is
    told so, rather than shown an error page. Pages and profiles simply lose a deleted sector."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError as error:
            messages.error(
                self.request,
                f"“{self.object}” was not deleted: {len(error.protected_objects)} join "
                "request(s) name it. Rename it instead; it can be deleted once no join request "
                "names it.",
            )
            return redirect(self.get_success_url())


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    delete_view_class = SectorDeleteView


register_snippet(SectorViewSet)


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    every_site = [
        schedule.job(
            "publish_scheduled",
            schedule.FREQUENT,
            "Publishes pages whose go-live time has come and unpublishes those past their expiry.",
        ),
        schedule.job(
            "prune_handed_over_emails",
            schedule.DAILY,
            "Forgets the Message-IDs of mail sent more than EMAIL_HANDED_OVER_KEPT_DAYS ago.",
        ),
    ]
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return every_site
    return [
        *every_site,
        schedule.job(
            "prune_db_task_results",
            schedule.DAILY,
            "Deletes the records of background tasks finished more than 14 days ago.",
        ),
        schedule.job(
            "recover_stuck_tasks",
            schedule.HOURLY,
            "Puts tasks stuck as running (their worker was killed) back in the queue.",
        ),
    ]
