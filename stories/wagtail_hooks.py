"""The moderators' dashboard: stories waiting for moderation, the longest wait first."""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, TaskState

from network_site.core.page_cache import PURGES_HOOK, Purge

from .models import HelpedMark, StoryPage
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


@hooks.register(PURGES_HOOK)
def stories_purges():
    # A "helped" mark shows as a count on its story's page only.
    return [Purge(HelpedMark, lambda mark: [(mark.story, True)])]
