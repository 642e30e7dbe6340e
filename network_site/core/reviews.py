"""Content that someone must check now and then: which page types, what is due, and marking it done.

An app registers each page type it wants reviewed (`register_reviewable`, from its `ready()`); the
page type has a `last_reviewed` date and a `reviewed_by` name. Core never imports the apps.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from .page_cache import purge_visitor_pages

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser
    from wagtail.models import Page

REVIEW_INTERVAL = datetime.timedelta(days=365)
MARK_REVIEWED_ACTION = "core.mark_reviewed"


@dataclass(frozen=True)
class ReviewableType:
    key: str  # the filter value, e.g. "mapping-entry"
    label: str  # e.g. "Mapping guide entry"
    model: type["Page"]


# The hook whose functions each give a list of the `ReviewableType`s an app's pages are.
REVIEWABLE_TYPES_HOOK = "register_reviewable_types"


def reviewable_types() -> list[ReviewableType]:
    return [kind for give in hooks.get_hooks(REVIEWABLE_TYPES_HOOK) for kind in give()]


@dataclass(frozen=True)
class DueItem:
    page: "Page"
    kind: ReviewableType

    @property
    def last_reviewed(self) -> datetime.date | None:
        return self.page.last_reviewed


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - REVIEW_INTERVAL


def may_review(user: "AbstractUser") -> bool:
    """The report is for people who edit pages: the menu shows it to them, and only them."""
    return PagePermissionPolicy().user_has_permission(user, "change")


def editable_pages(user: "AbstractUser") -> QuerySet:
    """The ids of the pages this user may edit, as a subquery."""
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change").values("pk")


def content_for_review(
    user: "AbstractUser",
    *,
    kinds: Collection[str] | None = None,
    due_only: bool = True,
    today: datetime.date | None = None,
) -> list[DueItem]:
    """Live pages of the registered types that the user may edit, least recently reviewed first
    (never reviewed before all); with `due_only`, only those never reviewed or reviewed more than
    a year ago. One query per page type."""
    cutoff = review_cutoff(today)
    items = []
    for kind in reviewable_types():
        if kinds and kind.key not in kinds:
            continue
        pages = kind.model.objects.live().filter(pk__in=editable_pages(user))
        if due_only:
            pages = pages.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))
        pages = pages.only(
            "id", "title", "url_path", "path", "depth", "last_reviewed", "reviewed_by", "live"
        )
        items += [DueItem(page, kind) for page in pages]
    return sorted(
        items,
        key=lambda item: (item.last_reviewed or datetime.date.min, item.page.title.lower()),
    )


def reviewable_kind_of(page: "Page") -> ReviewableType | None:
    for kind in reviewable_types():
        if isinstance(page, kind.model):
            return kind
    return None


@transaction.atomic
def mark_reviewed(page: "Page", user: "AbstractUser", today: datetime.date | None = None) -> None:
    """Records that `user` checked the page today: on the live page, in its latest revision (so
    the next edit or publish keeps it), and in the page's history."""
    today = today or timezone.localdate()
    name = user.get_full_name() or user.get_username()
    type(page).objects.filter(pk=page.pk).update(last_reviewed=today, reviewed_by=name)
    page.last_reviewed, page.reviewed_by = today, name
    revision = page.latest_revision
    if revision is not None:
        revision.content.update(last_reviewed=today.isoformat(), reviewed_by=name)
        revision.save(update_fields=["content"])
    log(instance=page, action=MARK_REVIEWED_ACTION, user=user)
    # A queryset update sends no signal: visitors' cached copies must still show the new date.
    purge_visitor_pages()
