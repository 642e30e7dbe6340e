"""The members' home page is built from sections that other apps give with Wagtail hooks in their
wagtail_hooks.py: membership never imports them. Two hooks:

    @hooks.register(MEMBER_HOME_SECTIONS_HOOK)
    def member_home_section():
        return HomeSection("stories", "pages/stories/home_section.html", section_context, order=10)

    @hooks.register(MEMBER_NEWS_HOOK)   # new pages of this type: "what is new" and the digest
    def member_news():
        return NewsKind(StoryPage, "Stories")
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from network_site.core.roles import MEMBER

# A section's context for this member's request, or None when it has nothing to show.
SectionContext = Callable[[HttpRequest], dict[str, Any] | None]


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    context: SectionContext
    order: int


@dataclass(frozen=True)
class NewsKind:
    model: type[Page]
    label: str


MEMBER_HOME_SECTIONS_HOOK = "register_member_home_section"
MEMBER_NEWS_HOOK = "register_member_news"


def sections_for(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) for each registered section that has something for this member."""
    rendered = []
    sections = [give() for give in hooks.get_hooks(MEMBER_HOME_SECTIONS_HOOK)]
    for section in sorted(sections, key=lambda section: section.order):
        context = section.context(request)
        if context is not None:
            rendered.append((section.template, context))
    return rendered


def visible_to_members(pages: QuerySet) -> QuerySet:
    """Live pages a member may read: public ones and those restricted to signed-in people or to
    the Members group; never password-protected pages or those kept for other groups."""
    pages = pages.live()
    members = Group.objects.filter(name=MEMBER.group).first()
    closed = PageViewRestriction.objects.exclude(
        restriction_type=PageViewRestriction.LOGIN
    ).select_related("page")
    if members is not None:
        closed = closed.exclude(restriction_type=PageViewRestriction.GROUPS, groups=members)
    for restriction in closed:
        pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def news_since(
    since: datetime, until: datetime | None = None, limit: int = 10
) -> list[tuple[str, list[Page]]]:
    """[(label, [pages])] of each registered kind first published after `since`, newest first."""
    news = []
    for kind in (give() for give in hooks.get_hooks(MEMBER_NEWS_HOOK)):
        pages = visible_to_members(kind.model.objects.filter(first_published_at__gt=since))
        if until is not None:
            pages = pages.filter(first_published_at__lte=until)
        pages = list(pages.order_by("-first_published_at", "-pk")[:limit])
        if pages:
            news.append((kind.label, pages))
    return news
