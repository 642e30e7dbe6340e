"""Emails about stories. Tellers are members, not admin users: they get the site's own messages
(with links to the story and to "My stories") instead of Wagtail's, which point into the admin."""

from wagtail.admin.signal_handlers import (
    workflow_approval_email_notifier,
    workflow_rejection_email_notifier,
)
from wagtail.models import WorkflowState
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from network_site.core.mail import send_email
from network_site.core.site_address import absolute_url, page_url

from .uploads import sync_image_privacy

# Wagtail connects its own notifiers under these ids when the admin app is ready; ours take the ids
# first (this app is installed before wagtail.admin), so Wagtail's connect is a no-op and no teller
# gets two emails. Other pages keep Wagtail's notifications through the fallbacks below.
APPROVED_UID = "workflow_state_approved_email_notification"
REJECTED_UID = "workflow_state_rejected_email_notification"


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


def on_page_published(sender, instance, **kwargs):
    """A published story is no longer withdrawn, and its audience decides where it lives."""
    if instance.withdrawn_at is not None:
        type(instance).objects.filter(pk=instance.pk).update(withdrawn_at=None)
        instance.withdrawn_at = None
    instance.place_by_audience()
    sync_image_privacy(instance)


def connect():
    from .models import StoryPage

    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid=APPROVED_UID)
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid=REJECTED_UID)
    page_published.connect(on_page_published, sender=StoryPage, dispatch_uid="stories_published")
