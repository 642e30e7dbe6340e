"""Who hears of what: members' contributions (the `contribution_published` signal that the
conversation apps send) and pages as they are published (Wagtail's `page_published`)."""

from django.db.models import Model
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signals import page_published

from network_site.core import contributions
from network_site.core.related import registered_tagged_pages
from network_site.membership.member_page import visible_to_members

from . import kinds, services, targets

# Kinds of contribution that are a response to a story (its teller hears of them).
RESPONSES = (
    contributions.RESPONSE,
    contributions.REPLY,
    contributions.WHAT_I_TRIED,
)
# Page types (app_label.model) whose followers hear of changes to these fields, as this kind of
# news; and the index pages whose followers hear of each new page below them. Named, not
# imported: this app works without them.
WATCHED_FIELDS = {"events.meetingpage": (kinds.MEETINGS, ("agenda", "notes"))}
NEWS_OF_NEW_CHILDREN = {"events.meetingindexpage": kinds.MEETINGS}
# The tagged page types (core.related keys) whose new pages reach the followers of their themes.
THEMED_TYPES = ("stories", "resources")
STORIES = "stories"


def connect():
    contributions.contribution_published.connect(
        on_contribution_published, dispatch_uid="following-contribution"
    )
    page_published.connect(on_page_published, dispatch_uid="following-page-published")


def title_of(obj):
    return obj.title if isinstance(obj, Page) else str(obj)


def is_story(page):
    tagged = registered_tagged_pages().get(STORIES)
    return tagged is not None and issubclass(page.specific_class, tagged.model)


def url_of(obj):
    """Where a contribution (or what it is about) is read: its own address, else its page's."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    if isinstance(obj, Page):
        return obj.get_url() or ""
    return ""


def on_contribution_published(
    sender, *, kind, item, author, about, reply_to=None, themes=(), sectors=(), **kwargs
):
    # Only what "What I follow" can list and unfollow (apps register their own models).
    if targets.followable_for(about) is not None:
        services.follow(author, about, automatic=True)
    if kind == contributions.QUESTION and targets.followable_for(item) is not None:
        services.follow(author, item, automatic=True)
    tell_about_contribution(kind, item, author, about, reply_to, sectors)


def tell_about_contribution(kind, item, author, about, reply_to, sectors):
    title, url, about_title = str(item), url_of(item) or url_of(about), title_of(about)
    told = {author.pk}

    def tell(user_ids, news_kind, detail):
        fresh = services.active_members(set(user_ids) - told)
        if fresh:
            services.notify(fresh, news_kind, title=title, url=url, detail=detail)
            told.update(fresh)

    # The most specific news first: each member hears of a contribution once.
    if reply_to is not None:
        tell({reply_to.pk}, kinds.REPLIES_TO_ME, f"A reply to you on {about_title}")
    if isinstance(about, Page) and kind in RESPONSES and about.owner_id and is_story(about):
        tell(
            {about.owner_id}, kinds.RESPONSES_TO_MY_STORY, f"A response to your story {about_title}"
        )
    if kind == contributions.QUESTION:
        tell(
            services.members_in_sectors([sector.pk for sector in sectors]),
            kinds.SECTOR_QUESTIONS,
            "A question in your sector",
        )
    # A question belongs to nothing (about is None): only its sectors' members hear of it.
    followers = services.followers_of(type(about), [about.pk]) if about is not None else set()
    if kind == contributions.ANSWER:
        detail = f"An answer to {about_title}"
    elif kind == contributions.STORY_UPDATE:
        detail = f"What happened next: {about_title}"
    else:
        detail = f"New on {about_title}"
    tell(followers, kinds.FOLLOWED, detail)


def on_page_published(sender, instance, revision=None, **kwargs):
    page = instance
    first_time = page.first_published_at is not None and (
        page.first_published_at == page.last_published_at
    )
    if first_time:
        if page.owner_id and is_story(page):
            services.follow(page.owner, page, automatic=True)
        if not visible_to_members(Page.objects.filter(pk=page.pk)).exists():
            return
        tell_about_new_page(page)
    elif revision is not None:
        tell_about_changes(page, revision)


def tell_about_new_page(page):
    told = {page.owner_id} if page.owner_id else set()
    url = page.get_url() or ""
    themed = themes_of(page)
    if themed:
        followers = services.followers_of(Tag, [tag.pk for tag in themed]) - told
        names = ", ".join(tag.name for tag in themed)
        services.notify(
            followers, kinds.THEMES, title=page.title, url=url, detail=f"New in {names}"
        )
        told |= followers
    parent = page.get_parent()
    label = parent.specific_class._meta.label_lower if parent else ""
    if parent is not None and label in NEWS_OF_NEW_CHILDREN:
        followers = services.followers_of(Page, [parent.pk]) - told
        services.notify(
            followers,
            NEWS_OF_NEW_CHILDREN[label],
            title=page.title,
            url=url,
            detail=f"New in {parent.title}",
        )


def themes_of(page) -> list[Model]:
    for key in THEMED_TYPES:
        tagged = registered_tagged_pages().get(key)
        if tagged is not None and isinstance(page, tagged.model):
            return list(getattr(page, tagged.tag_field).all())
    return []


def tell_about_changes(page, revision):
    watched = WATCHED_FIELDS.get(page.specific_class._meta.label_lower)
    if watched is None:
        return
    try:
        previous = revision.get_previous()
    except type(revision).DoesNotExist:  # a page saved live without a revision until now
        return
    news_kind, fields = watched
    changed = [name for name in fields if previous.content.get(name) != revision.content.get(name)]
    if not changed:
        return
    followers = services.followers_of(Page, [page.pk])
    if not followers:
        return
    field_names = " and ".join(page._meta.get_field(name).verbose_name for name in changed)
    services.notify(
        services.active_members(followers),
        news_kind,
        title=page.title,
        url=page.get_url() or "",
        detail=f"The {field_names} changed",
    )
