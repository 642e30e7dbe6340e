"""What the stories app holds about a member, for 'My data' and for account deletion.

On erasure a member's published stories stay, anonymised (the credit becomes anonymous, the names
are cleared and earlier revisions that held them are deleted); drafts, stories in moderation and
withdrawn stories are deleted; 'this helped my practice' marks are deleted.
"""

from django.db import transaction
from wagtail.images import get_image_model

from network_site.core.site_address import page_url

from . import choices
from .models import HelpedMark, StoryPage
from .workflow import story_status, with_workflow_states


def export(user):
    stories = with_workflow_states(StoryPage.objects.filter(owner=user).order_by("pk"))
    marks = HelpedMark.objects.filter(user=user).select_related("story").order_by("created_at")
    return {
        "stories": [
            {
                "title": story.draft_title,
                "status": story_status(story).label,
                "url": page_url(story) if story.live else None,
                "first_published_at": story.first_published_at.isoformat()
                if story.first_published_at
                else None,
                "credit": story.get_credit_display(),
                "credit_name": story.credit_name,
                "credit_role": story.credit_role,
                "credit_organisation": story.credit_organisation,
                "audience": story.get_audience_display(),
                "consent_confirmed": story.consent_confirmed,
            }
            for story in stories
        ],
        "helped_marks": [
            {"story": mark.story.title, "marked_at": mark.created_at.isoformat()} for mark in marks
        ],
    }


@transaction.atomic
def erase(user):
    HelpedMark.objects.filter(user=user).delete()
    for story in StoryPage.objects.filter(owner=user):
        if not story.live:
            image = story.image
            story.delete()
            # An image the member uploaded for this story goes with it.
            if image is not None and image.uploaded_by_user_id == user.pk:
                image.delete()
            continue
        story.owner = None
        story.credit = choices.CREDIT_ANONYMOUS
        story.credit_name = story.credit_role = story.credit_organisation = ""
        revision = story.save_revision(user=None, log_action=False)
        revision.publish(log_action=False)
        story.revisions.exclude(pk=revision.pk).delete()
    erase_unused_uploads(user)


def erase_unused_uploads(user):
    """Images a member chose for a story form they never saved (kept when the form came back with
    an error) are used nowhere: they go too."""
    from .views import KEPT_IMAGE_TAG

    for image in get_image_model().objects.filter(uploaded_by_user=user, tags__name=KEPT_IMAGE_TAG):
        image.delete()
