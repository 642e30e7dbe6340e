"""The moderators' queue and dashboard panel, per-page conversation settings in the admin, and
what conversations add to the rest of the site through its hooks."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from following.targets import FOLLOWABLE_HOOK, Followable
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.page_cache import PURGES_HOOK, Purge
from network_site.membership import member_page
from network_site.membership import personal_data as membership_personal_data

from . import admin_views, member_home, moderation, personal_data
from .models import Contribution, ConversationSettings, ErasureChoice, Flag, MeToo

SHOWN = 5


@hooks.register("register_admin_urls")
def register_queue_urls():
    urls = [
        path("", admin_views.queue_view, name="queue"),
        path("<int:pk>/approve/", admin_views.approve_view, name="approve"),
        path("<int:pk>/hide/", admin_views.hide_view, name="hide"),
        path("<int:pk>/restore/", admin_views.restore_view, name="restore"),
    ]
    return [
        path(
            "conversations/",
            include((urls, "conversations_admin"), namespace="conversations_admin"),
        )
    ]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        "Conversations",
        reverse("conversations_admin:queue"),
        icon_name="comment",
        order=250,
    )


class ConversationsToModeratePanel(Component):
    name = "conversations_to_moderate"
    template_name = "conversations/admin/queue_panel.html"
    order = 65

    def get_context_data(self, parent_context):
        waiting = admin_views.queue()
        return {"waiting_count": waiting.count(), "rows": list(waiting[:SHOWN])}


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if admin_views.may_moderate(request.user):
        panels.append(ConversationsToModeratePanel())


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, (label, message) in moderation.LOG_ACTIONS.items():
        actions.register_action(action, label, message)


class ConversationSettingsViewSet(ModelViewSet):
    model = ConversationSettings
    icon = "comment"
    menu_label = "Open or closed responses"
    add_to_settings_menu = True
    list_display = ["page", "responses_open", "changed_at"]
    panels = [FieldPanel("page"), FieldPanel("responses_open")]
    url_prefix = "conversation-settings"
    name = "conversation_settings"


@hooks.register("register_admin_viewset")
def register_settings_viewset():
    return ConversationSettingsViewSet()


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("conversations", "conversations.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("conversations", "conversations.generate.generate", 1000, order=60)


@hooks.register(member_page.MEMBER_HOME_SECTIONS_HOOK)
def member_home_section():
    return member_page.HomeSection(
        "unanswered_questions",
        "pages/conversations/home_section.html",
        member_home.section_context,
        order=30,
    )


@hooks.register(membership_personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return [
        membership_personal_data.source(
            "conversations",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[Contribution, Flag, MeToo, ErasureChoice],
        )
    ]


def pages_showing_count(contribution):
    # A visitor sees a page's count of responses: that page's stored copy goes.
    return [(contribution.page, False)] if contribution.page_id else []


@hooks.register(PURGES_HOOK)
def conversation_purges():
    return [Purge(Contribution, pages_showing_count)]


# Members follow a question (its asker and those who answer do so on their own).
@hooks.register(FOLLOWABLE_HOOK)
def followable_questions():
    return Followable(
        "question",
        Contribution,
        "Question",
        lambda user: Contribution.objects.visible().questions(),
    )
