"""What a member follows and what is new for them, read with a fixed number of queries: one for
the follows, one per kind of thing followed, whatever the numbers."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from network_site.membership.views import previous_visit

from . import targets
from .models import Follow, Notification

HOME_NEWS_LIMIT = 20

GROUP_LABELS = {
    targets.PAGE: "Pages and their conversations",
    targets.THEME: "Themes",
    targets.SECTOR: "Sectors",
}


@dataclass
class Followed:
    follow: Follow
    title: str
    url: str
    label: str


def title_of(obj):
    if isinstance(obj, Page):
        return obj.title
    return getattr(obj, "name", None) or str(obj)


def follows_of(request):
    """[(label, [Followed])] for each kind of thing the member follows, in the order of kinds."""
    follows = list(Follow.objects.filter(user=request.user).order_by("-created_at", "-pk"))
    groups = []
    for followable in targets.registered().values():
        content_type = targets.content_type_of(followable.model)
        mine = [follow for follow in follows if follow.content_type_id == content_type.pk]
        if not mine:
            continue
        objects = followable.visible(request.user).filter(
            pk__in=[follow.object_id for follow in mine]
        )
        if followable.model is Page:
            objects = objects.select_related("content_type")
        found = {obj.pk: obj for obj in objects}
        groups.append(
            (group_label(followable), [followed(request, follow, found) for follow in mine])
        )
    return groups


def group_label(followable):
    return GROUP_LABELS.get(followable.key, f"{followable.label}s")


def followed(request, follow, found):
    obj = found.get(follow.object_id)
    if obj is None:
        return Followed(follow, "Something you can no longer see", "", "")
    if isinstance(obj, Page):
        label = obj.content_type.model_class()._meta.verbose_name.capitalize()
        return Followed(follow, obj.title, obj.get_url(request) or "", label)
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    return Followed(follow, title_of(obj), url, "")


def home_section_context(request):
    since = previous_visit(request)
    mine = Notification.objects.filter(user=request.user)
    news = list(
        mine.filter(Q(read_at__isnull=True) | Q(created_at__gt=since)).order_by(
            "-created_at", "-pk"
        )[:HOME_NEWS_LIMIT]
    )
    return {
        "news": news,
        "unread": sum(1 for item in news if item.read_at is None),
        "since": since,
        "follows_any": Follow.objects.filter(user=request.user).exists(),
    }
