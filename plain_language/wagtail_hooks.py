from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "language-check/pages/<int:page_id>/",
            views.check_page,
            name="plain_language_check_page",
        )
    ]


@hooks.register("register_page_header_buttons")
def language_check_button(page, user, view_name, next_url=None):
    """“Check the wording” in the page header's menu, on the edit view and the page listing."""
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            "Check the wording",
            reverse("plain_language_check_page", args=[page.pk]),
            icon_name="doc-full",
            priority=12,
        )
    ]
