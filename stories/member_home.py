"""The stories section of a member's home page: their stories by state, and a way to share one."""

from .models import StoryIndexPage, StoryPage
from .workflow import STATUS_LABELS, story_status, with_workflow_states

# The order states are listed in on the member's page: what needs them first.
STATE_ORDER = ["changes-requested", "draft", "in-moderation", "published", "withdrawn"]


def section_context(request):
    index = StoryIndexPage.objects.live().first()
    if index is None:
        return None
    stories = with_workflow_states(
        StoryPage.objects.child_of(index)
        .filter(owner=request.user)
        .order_by("-latest_revision_created_at", "-pk")
    )
    by_state = {}
    for story in stories:
        status = story_status(story)
        edit_url = index.subpage_url("edit_story", story.pk) if status.can_edit else None
        by_state.setdefault(status.code, []).append((story, status, edit_url))
    return {
        "share_url": index.share_url,
        "my_stories_url": index.my_stories_url,
        "groups": [
            (STATUS_LABELS[code], code, by_state[code]) for code in STATE_ORDER if code in by_state
        ],
    }
