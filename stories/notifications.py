"""Emails about stories. Tellers are members, not admin users: they get the site's own messages
(with links to the story and to "My stories") instead of Wagtail's, which point into the admin."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.signal_handlers import (
    task_submission_email_notifier,
    workflow_approval_email_notifier,
    workflow_rejection_email_notifier,
    workflow_submission_email_notifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)
from wagtail.users.models import UserProfile

from network_site.core.mail import send_email
from network_site.core.site_address import absolute_url, page_url

from .uploads import sync_image_privacy

# Wagtail connects its own notifiers under these ids when the admin app is ready; ours take the ids
# first (this app is installed before wagtail.admin), so Wagtail's connect is a no-op and no teller
# gets two emails. Other pages keep Wagtail's notifications through the fallbacks below.
APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"
# Wagtail mails moderators twice when a story is submitted: once for the workflow and once for its
# moderation task. For stories, the workflow's mail is dropped and the task's is the site's own.
WORKFLOW_SUBMITTED_UID = "workflow_state_submitted_email_notification"
TASK_SUBMITTED_UID = "group_approval_task_submitted_email_notification"


def story_of(workflow_state):
    from .models import StoryPage

    content = workflow_state.content_object
    specific = getattr(content, "specific", content)
    return specific if isinstance(specific, StoryPage) else None


def teller_of(story, workflow_state):
    teller = story.owner or workflow_state.requested_by
    return teller if teller is not None and teller.email else None


def send_to_teller(template, story, teller, **context):
    send_email(f"stories/{template}", [teller.email], {"story": story, "teller": teller, **context})


def on_workflow_approved(sender, instance, user=None, **kwargs):
    story = story_of(instance)
    if story is None:
        return workflow_approval_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    teller = teller_of(story, instance)
    if teller is not None:
        story.refresh_from_db()
        send_to_teller("story_approved", story, teller, story_url=page_url(story))


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    story = story_of(instance)
    if story is None:
        return workflow_rejection_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    teller = teller_of(story, instance)
    if teller is not None:
        index = story.story_index
        task_state = instance.current_task_state
        send_to_teller(
            "story_changes_requested",
            story,
            teller,
            comment=task_state.comment if task_state else "",
            edit_url=absolute_url(index.url + index.reverse_subpage("edit_story", args=[story.pk])),
        )


def moderators_of(task_state, submitted_by):
    """Who may act on the task (its groups' members, and superusers as Wagtail counts them), each
    once, with an address and the "submitted" notifications left on, less the submitter."""
    task = task_state.task.specific
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    can_act = users.filter(groups__in=task.groups.all())
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        can_act = can_act | users.filter(is_superuser=True)
    if submitted_by is not None:
        can_act = can_act.exclude(pk=submitted_by.pk)
    return [
        user
        for user in can_act.distinct().order_by("pk")
        if UserProfile.get_for_user(user).submitted_notifications
    ]


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    if story_of(instance) is None:
        return workflow_submission_email_notifier(
            sender=sender, instance=instance, user=user, **kwargs
        )
    return None  # the moderation task's own submission sends the one email


def on_task_submitted(sender, instance, user=None, **kwargs):
    story = story_of(instance.workflow_state)
    if story is None:
        return task_submission_email_notifier(sender=sender, instance=instance, user=user, **kwargs)
    story = story.get_latest_revision_as_object()
    context = {
        "story": story,
        "details": story.identifying_details(),
        "review_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[story.pk])),
    }
    # One message per moderator, so that nobody sees who else moderates.
    for moderator in moderators_of(instance, user):
        send_email(
            "stories/story_submitted", [moderator.email], {**context, "moderator": moderator}
        )
    return None


def on_page_published(sender, instance, **kwargs):
    """A published story is no longer withdrawn, and its audience decides where it lives."""
    if instance.withdrawn_at is not None:
        type(instance).objects.filter(pk=instance.pk).update(withdrawn_at=None)
        instance.withdrawn_at = None
    instance.place_by_audience()
    sync_image_privacy(instance)


def connect():
    from .models import StoryPage

    workflow_submitted.connect(
        on_workflow_submitted, sender=WorkflowState, dispatch_uid=WORKFLOW_SUBMITTED_UID
    )
    task_submitted.connect(on_task_submitted, sender=TaskState, dispatch_uid=TASK_SUBMITTED_UID)
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid=APPROVED_UID)
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid=REJECTED_UID)
    page_published.connect(on_page_published, sender=StoryPage, dispatch_uid="stories_published")
