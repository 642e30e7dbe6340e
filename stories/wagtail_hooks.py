"""The moderators' dashboard: stories waiting for moderation, the longest wait first."""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, TaskState

from network_site.core import home_sections, schedule
from network_site.core.bulk import GENERATORS_HOOK, Generator
from network_site.core.demo import DEMO_CONTENT_HOOK
from network_site.core.impact import IMPACT_SECTIONS_HOOK, ImpactSection
from network_site.core.page_cache import PURGES_HOOK, Purge
from network_site.core.related import TAGGED_PAGES_HOOK, tagged_pages
from network_site.membership import member_page
from network_site.membership import personal_data as membership_personal_data

from . import member_home, personal_data
from .home import latest_stories_section
from .impact import stories_per_quarter
from .models import HelpedMark, StoryPage, stories_visible_to, story_audience
from .workflow import STORY_WORKFLOW_NAME

SHOWN = 10


def stories_to_moderate(user):
    """The task states of stories in moderation that this user may approve, oldest first."""
    return (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__content_type=ContentType.objects.get_for_model(StoryPage))
        .select_related("revision")
        .order_by("started_at", "pk")
    )


def can_moderate_stories(user):
    """Whether any story workflow task names one of the user's groups (as Wagtail decides who may
    moderate), or the user is a superuser."""
    if user.is_superuser:
        return True
    return GroupApprovalTask.objects.filter(
        workflow_tasks__workflow__name=STORY_WORKFLOW_NAME, groups__in=user.groups.all()
    ).exists()


class StoriesToModeratePanel(Component):
    name = "stories_to_moderate"
    template_name = "stories/admin/stories_to_moderate_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        states = stories_to_moderate(self.user)
        rows = []
        for state in states[:SHOWN]:
            story = state.revision.as_object()
            rows.append((state, story, story.identifying_details()))
        return {"waiting_count": states.count(), "rows": rows}


@hooks.register("construct_homepage_panels")
def add_stories_to_moderate_panel(request, panels):
    if can_moderate_stories(request.user):
        panels.append(StoriesToModeratePanel(request.user))


@hooks.register(DEMO_CONTENT_HOOK)
def demo_content():
    return ("stories", "stories.demo.load")


@hooks.register(GENERATORS_HOOK)
def network_generator():
    return Generator("stories", "stories.generate.generate", 10000, order=20)


@hooks.register(home_sections.HOME_SECTIONS_HOOK)
def home_page_section():
    return home_sections.HomeSection(
        "latest_stories",
        label="The latest stories",
        template="pages/stories/home_latest_stories.html",
        get_context=latest_stories_section,
        default_heading="Latest stories from practice",
    )


# The member's own page: their stories, and new stories in "what is new" and the digest.
@hooks.register(member_page.MEMBER_HOME_SECTIONS_HOOK)
def member_home_section():
    return member_page.HomeSection(
        "stories", "pages/stories/home_section.html", member_home.section_context, order=10
    )


@hooks.register(member_page.MEMBER_NEWS_HOOK)
def member_news():
    return member_page.NewsKind(StoryPage, "Stories")


# "Related" lists elsewhere (a mapping entry's stories) and a story's own related stories.
@hooks.register(TAGGED_PAGES_HOOK)
def tagged_page_type():
    return tagged_pages(
        "stories", StoryPage, "tags", visible_pages=stories_visible_to, audience=story_audience
    )


@hooks.register(membership_personal_data.PERSONAL_DATA_HOOK)
def personal_data_sources():
    return [
        membership_personal_data.source(
            "stories",
            export=personal_data.export,
            erase=personal_data.erase,
            models=[StoryPage, HelpedMark],
        )
    ]


@hooks.register(schedule.JOBS_HOOK)
def scheduled_jobs():
    return [
        schedule.job(
            "delete_abandoned_uploads",
            schedule.HOURLY,
            "Deletes images kept for a story form never saved, once they are a day old.",
        )
    ]


@hooks.register(PURGES_HOOK)
def stories_purges():
    # A "helped" mark shows as a count on its story's page only.
    return [Purge(HelpedMark, lambda mark: [(mark.story, True)])]


@hooks.register(IMPACT_SECTIONS_HOOK)
def impact_stories_section():
    return ImpactSection(
        "stories",
        "Stories shared",
        "pages/stories/impact/stories.html",
        stories_per_quarter,
        order=40,
    )
