"""What a member can follow. Pages (any type: a story, a meeting, a mapping entry, a resource and
its conversation), themes (taggit's one Tag table) and sectors are built in; another app adds its
own models with a Wagtail hook in its wagtail_hooks.py, without this app importing it:

    @hooks.register(FOLLOWABLE_HOOK)
    def followable_questions():
        return Followable("question", Question, "Question", lambda user: Question.objects.visible())

A follow stores the target's ContentType and id (pages always as Wagtail's Page, so one follow of
a page holds whichever type it is).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from taggit.models import Tag
from wagtail import hooks
from wagtail.models import Page

from network_site.core.models import Sector
from network_site.core.related import registered_tagged_pages
from network_site.membership.member_page import visible_to_members

FOLLOWABLE_HOOK = "register_followable"

PAGE = "page"
THEME = "theme"
SECTOR = "sector"


@dataclass(frozen=True)
class Followable:
    key: str  # what follow forms send as `target_type`
    model: type[Model]
    label: str
    # The objects a member may follow (and read news of).
    visible: Callable[[Model], QuerySet]


def themes_in_use():
    """Themes that some page a member may read carries (a draft's new theme is no one's news)."""
    in_use = Q()
    for tagged in registered_tagged_pages().values():
        through = tagged.model._meta.get_field(tagged.tag_field).through
        pages = visible_to_members(tagged.model.objects.all())
        in_use |= Q(pk__in=through.objects.filter(content_object__in=pages).values("tag_id"))
    if not in_use:
        return Tag.objects.none()
    return Tag.objects.filter(in_use).order_by("name")


BUILT_IN = (
    Followable(PAGE, Page, "Page", lambda user: visible_to_members(Page.objects.all())),
    Followable(THEME, Tag, "Theme", lambda user: themes_in_use()),
    Followable(SECTOR, Sector, "Sector", lambda user: Sector.objects.all()),
)


def registered() -> dict[str, Followable]:
    found = {followable.key: followable for followable in BUILT_IN}
    for give in hooks.get_hooks(FOLLOWABLE_HOOK):
        followable = give()
        if followable.key in found:
            raise ValueError(f"A followable called {followable.key!r} is already registered.")
        found[followable.key] = followable
    return found


def base_model(obj_or_model):
    """Pages follow as Wagtail's Page, whatever their specific type."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return Page if issubclass(model, Page) else model


def content_type_of(obj_or_model) -> ContentType:
    return ContentType.objects.get_for_model(base_model(obj_or_model))


def followable_for(obj) -> Followable | None:
    model = base_model(obj)
    return next((item for item in registered().values() if item.model is model), None)
