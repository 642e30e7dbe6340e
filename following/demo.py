"""Demo follows and news: the demo members follow stories, meetings, themes and sectors (named in
demo_content/follows.yaml), and have news from them, some of it read. Loading again changes
nothing."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from network_site.core.demo_data import by_slug, read_records
from network_site.core.models import Sector
from network_site.core.related import registered_tagged_pages
from network_site.membership.models import User

from . import kinds, services
from .models import Notification

FOLLOWS = Path(__file__).parent / "demo_content" / "follows.yaml"


def load(context):
    sectors = Sector.objects.in_bulk(field_name="slug")
    themes = Tag.objects.in_bulk(field_name="slug")
    # Named by their path below the home page ("stories/a-story"): slugs repeat across sections.
    pages = {
        page.url_path.strip("/").split("/", 1)[1]: page
        for page in Page.objects.live().filter(depth__gt=2)
    }
    now = timezone.now()
    followers = 0
    for position, entry in enumerate(read_records(FOLLOWS, {"member"}), 1):
        where = f"member {position}"
        member = User.objects.filter(email__iexact=entry["member"]).first()
        if member is None:
            continue  # the membership demo was not loaded
        followers += 1
        followed_pages = by_slug(FOLLOWS, where, pages, entry.get("pages", []))
        followed_themes = by_slug(FOLLOWS, where, themes, entry.get("themes", []))
        for target in [
            *followed_pages,
            *followed_themes,
            *by_slug(FOLLOWS, where, sectors, entry.get("sectors", [])),
        ]:
            services.follow(member, target)
        for days_ago, (kind, page, detail) in enumerate(news_for(followed_pages, followed_themes)):
            add_news(member, kind, page, detail, now - timedelta(days=days_ago, hours=2))
    context["stdout"].write(f"Following: {followers} demo members follow things and have news")


def news_for(pages, themes):
    """(kind, page, detail) of news a member following these could have had."""
    news = []
    for theme in themes:
        for page in Page.objects.filter(pk__in=theme_pages(theme)).order_by("pk")[:2]:
            news.append((kinds.THEMES, page, f"New in {theme.name}"))
    for page in pages:
        news.append((kinds.FOLLOWED, page, f"New on {page.title}"))
    return news


def theme_pages(theme):
    found = []
    for tagged in registered_tagged_pages().values():
        through = tagged.model._meta.get_field(tagged.tag_field).through
        ids = through.objects.filter(tag=theme).values("content_object_id")
        found += list(tagged.model.objects.live().filter(pk__in=ids).values_list("pk", flat=True))
    return found


def add_news(member, kind, page, detail, when):
    url = page.url or ""
    if Notification.objects.filter(user=member, kind=kind, url=url, detail=detail).exists():
        return
    Notification.objects.create(
        user=member,
        kind=kind,
        title=page.title,
        detail=detail,
        url=url,
        created_at=when,
        # The older half is read already, so the demo shows both.
        read_at=when if when < timezone.now() - timedelta(days=2) else None,
    )
