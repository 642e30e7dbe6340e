"""Everything ripples add to other parts of the site: the story page's section, the moderators'
admin screens, the daily asking job, page-cache purges, personal data, the impact report, the demo
content and the network generator."""

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from network_site.core import impact, schedule
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.page_cache import PURGES_HOOK, Purge
from network_site.membership import personal_data as membership_personal_data
from stories.page_sections import STORY_PAGE_SECTIONS_HOOK, StoryPageSection
from stories.panels import IdentifyingDetailsPanel

from . import personal_data
from .impact import ripples_context
from .models import AskingChoice, StoryUpdate, WhatITried
from .story_section import ripples_context as story_ripples_context


class ModerationPolicy(ModelPermissionPolicy):
    """Moderators read, tidy and decide; only members write these (on the site), so the admin
    offers no "add", to administrators either."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ModeratedViewSet(ModelViewSet):
    """A moderator reads the text with the identifying-detail warnings, may tidy it, and approves
    or declines it. Members write these on the site, so the admin adds none."""

    list_display = ["__str__", "status", "created_at", "approved_at"]
    list_filter = ["status"]
    ordering = ["-created_at"]
    search_fields = ["text"]
    inspect_view_enabled = True

    @property
    def permission_policy(self):
        return ModerationPolicy(self.model)


def moderation_panels(*names):
    return [
        IdentifyingDetailsPanel(heading="Details that may identify people"),
        *[FieldPanel(name) for name in names],
    ]


class StoryUpdateViewSet(ModeratedViewSet):
    model = StoryUpdate
    icon = "history"
    menu_label = "Story updates"
    panels = moderation_panels("text", "status")


class WhatITriedViewSet(ModeratedViewSet):
    model = WhatITried
    icon = "pick"
    menu_label = "What members tried"
    panels = moderation_panels("text", "anonymous", "status")


class RipplesViewSetGroup(ViewSetGroup):
    menu_label = "Ripples"
    menu_icon = "comment"
    menu_order = 250
    items = (StoryUpdateViewSet("story_updates"), WhatITriedViewSet("what_members_tried"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return RipplesViewSetGroup()


@hooks.register(STORY_PAGE_SECTIONS_HOOK)
def story_page_section():
    return StoryPageSection("pages/ripples/story_ripples.html", story_ripples_context, order=10)


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    return [
        schedule.job(
            "ask_what_happened_next",
            schedule.DAILY,
            "Asks tellers who chose it what happened next, 3, 6 and 12 months after each story.",
        )
    ]


@hooks.register(PURGES_HOOK)
def ripples_purges():
    # An approved update or "what I tried" shows on its story's page only.
    return [
        Purge(StoryUpdate, lambda item: [(item.story, True)]),
        Purge(WhatITried, lambda item: [(item.story, True)]),
    ]


@hooks.register(membership_personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return [
        membership_personal_data.source(
            "ripples",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[StoryUpdate, WhatITried, AskingChoice],
        )
    ]


@hooks.register(impact.IMPACT_SECTIONS_HOOK)
def impact_section():
    return impact.ImpactSection(
        "ripples",
        "Stories and what happened next",
        "ripples/impact/ripples.html",
        ripples_context,
        order=30,
    )


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("ripples", "ripples.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("ripples", "ripples.generate.generate", 2000, order=25)


# The practice map's "stories that changed someone's practice": those with an approved update or
# "what I tried".
@hooks.register("register_practice_change_stories")
def stories_that_changed_practice():
    def with_ripples(stories):
        return stories.filter(
            Q(pk__in=StoryUpdate.objects.approved().values("story_id"))
            | Q(pk__in=WhatITried.objects.approved().values("story_id"))
        )

    return with_ripples
