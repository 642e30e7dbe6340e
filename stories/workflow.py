"""A story's life: saved as a draft, submitted to the "Story moderation" workflow, published or
returned for changes, withdrawn by its teller."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Workflow, WorkflowState

STORY_WORKFLOW_NAME = "Story moderation"

DRAFT = "draft"
IN_MODERATION = "in-moderation"
CHANGES_REQUESTED = "changes-requested"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"

STATUS_LABELS = {
    DRAFT: "Draft",
    IN_MODERATION: "In moderation",
    CHANGES_REQUESTED: "Changes requested",
    PUBLISHED: "Published",
    WITHDRAWN: "Withdrawn",
}


@dataclass(frozen=True)
class StoryStatus:
    code: str
    comment: str = ""

    @property
    def label(self):
        return STATUS_LABELS[self.code]

    @property
    def can_edit(self):
        return self.code in (DRAFT, CHANGES_REQUESTED, WITHDRAWN)

    @property
    def can_withdraw(self):
        return self.code == PUBLISHED


def story_status(story):
    """Where the story stands. Uses prefetched workflow states when the queryset has them."""
    if story.live:
        return StoryStatus(PUBLISHED)
    state = story.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return StoryStatus(IN_MODERATION)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        return StoryStatus(CHANGES_REQUESTED, task_state.comment if task_state else "")
    if story.withdrawn_at:
        return StoryStatus(WITHDRAWN)
    return StoryStatus(DRAFT)


def with_workflow_states(stories):
    """Prefetches each story's active workflow state for `story_status`.

    Wagtail's own `prefetch_workflow_states` follows the base-content-type relation unless the
    queryset came from `.specific()`, which finds nothing on a StoryPage queryset.
    """
    active_states = WorkflowState.objects.active().select_related("current_task_state__task")
    return stories.prefetch_related(
        Prefetch(
            "_specific_workflow_states", queryset=active_states, to_attr="_current_workflow_states"
        )
    )


def story_workflow(story):
    """The workflow assigned to the stories index, else the one the migration made."""
    return story.get_workflow() or Workflow.objects.get(name=STORY_WORKFLOW_NAME, active=True)


def unique_slug(parent, title, exclude_pk=None):
    base = slugify(title)[:70] or "story"
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_story(index, story, user, *, submit):
    """Saves the member's story as a new revision; with `submit`, puts it into moderation.

    `story` is a StoryPage built from the form: new (no pk) or the latest revision of the member's
    own story. Returns the saved page.
    """
    story.owner = user
    parent = index.parent_for(story.audience)
    story.slug = unique_slug(parent, story.title, exclude_pk=story.pk)
    if story.pk is None:
        story.live = False
        story.has_unpublished_changes = True
        parent.add_child(instance=story)
    else:
        story.place_by_audience()
    story.save_revision(user=user)
    if submit:
        submit_story(story, user)
    return story


def submit_story(story, user):
    state = story.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    else:
        story_workflow(story).start(story, user)


@transaction.atomic
def withdraw_story(story, user):
    """Unpublishes the story at once; the teller may edit and resubmit it later."""
    # The teller has no admin permissions; owning the published story is the permission here.
    UnpublishPageAction(story, user=user).execute(skip_permission_checks=True)
    type(story).objects.filter(pk=story.pk).update(withdrawn_at=timezone.now())
