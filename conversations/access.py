"""Which pages members may respond to, and who may open or close responses on them."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page

from network_site.membership.member_page import visible_to_members

from .models import Contribution, ConversationSettings

# The page types that carry a conversation (app label, model name): named, not imported, so that
# the apps need not know about conversations.
CONVERSATION_PAGE_TYPES = (
    ("stories", "storypage"),
    ("resources", "resourcepage"),
    ("resources", "bookletchapterpage"),
    ("resources", "carersactsectionpage"),
    ("mapping", "mappingentrypage"),
    ("events", "meetingpage"),
)
STORY_TYPE = ("stories", "storypage")
MEETING_TYPE = ("events", "meetingpage")


def page_type(page):
    content_type = page.cached_content_type
    return (content_type.app_label, content_type.model)


def has_conversation(page):
    return page is not None and page_type(page) in CONVERSATION_PAGE_TYPES


def conversation_page(page_id):
    """The live page a member may read and respond to, else 404."""
    page = visible_to_members(Page.objects.filter(pk=page_id)).first()
    if page is None or not has_conversation(page):
        raise Http404("No conversation here")
    return page


def responses_open(page):
    settings = ConversationSettings.objects.filter(page=page).first()
    return settings is None or settings.responses_open


def is_teller(page, user):
    return page_type(page) == STORY_TYPE and page.owner_id == user.pk


def can_close(page, user):
    """A story's teller, and whoever may edit the page (editors) or moderate conversations."""
    from .moderation import MODERATE_PERMISSION

    return (
        is_teller(page, user)
        or user.has_perm(MODERATE_PERMISSION)
        or page.permissions_for_user(user).can_edit()
    )


def meeting_phase(page):
    """For a meeting, True before it starts (questions for the agenda), False after it
    (follow-ups to the notes); None for other pages."""
    if page_type(page) != MEETING_TYPE:
        return None
    return timezone.now() < page.specific.starts_at


def shown_to(user):
    """What of a conversation a member sees: what is visible, deleted placeholders (so that
    replies keep their place) and their own contributions while they wait for a moderator."""
    statuses = [Contribution.Status.VISIBLE, Contribution.Status.DELETED]
    return Q(status__in=statuses) | Q(author=user, status=Contribution.Status.HELD)
