"""Following and notifications: who follows what (by hand, and automatically when they write or
tell a story), what each member hears of (on their page and by email, at once or in a digest),
and the one-click links in every news email."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from following import emails, kinds, services, tokens
from following.models import EmailPreferences, Follow, Notification
from network_site.core import contributions
from network_site.core.models import Sector
from network_site.membership import personal_data
from network_site.membership.erasure import delete_account
from network_site.membership.models import MemberProfile
from stories.models import HelpedMark
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import MemberFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db

CHOICE_LINK = re.compile(r"http://testserver(/following/email/[^/\s]+/)")


def wants(member, **frequencies):
    EmailPreferences.objects.update_or_create(user=member, defaults=frequencies)


def news_of(member):
    return list(Notification.objects.filter(user=member).order_by("pk"))


def publish_contribution(kind, *, item, author, about, reply_to=None, sectors=()):
    contributions.contribution_published.send(
        sender=type(item),
        kind=kind,
        item=item,
        author=author,
        about=about,
        reply_to=reply_to,
        themes=[],
        sectors=list(sectors),
    )


@pytest.fixture
def teller():
    return MemberFactory(first_name="Teller")


@pytest.fixture
def story(story_index, teller):
    return StoryPageFactory(parent=story_index, owner=teller, title="The garden", themes=["Carers"])


# The signal from the conversation apps, with real objects.


def test_a_response_makes_its_author_follow_and_tells_the_teller_and_followers(story, teller):
    responder, follower, reader = MemberFactory(), MemberFactory(), MemberFactory()
    services.follow(follower, story)
    wants(teller, responses_to_my_story=kinds.Frequency.AT_ONCE)
    # A real row stands for the response (the conversations app's model is not on this branch).
    item = HelpedMark.objects.create(story=story, user=responder)

    publish_contribution(contributions.RESPONSE, item=item, author=responder, about=story)

    assert services.is_following(responder, story)
    assert Follow.objects.get(user=responder).automatic
    [to_teller] = news_of(teller)
    assert to_teller.kind == kinds.RESPONSES_TO_MY_STORY
    assert to_teller.url == story.url
    [to_follower] = news_of(follower)
    assert to_follower.kind == kinds.FOLLOWED
    assert news_of(responder) == [] and news_of(reader) == []
    # The teller chose "at once": one email, marked sent; the follower chose nothing: none.
    assert [message.to for message in mail.outbox] == [[teller.email]]
    assert Notification.objects.get(user=teller).emailed_at is not None
    assert Notification.objects.get(user=follower).emailed_at is None


def test_a_reply_tells_the_member_replied_to_once(story, teller):
    first, second = MemberFactory(), MemberFactory()
    services.follow(first, story)
    item = HelpedMark.objects.create(story=story, user=second)
    publish_contribution(contributions.REPLY, item=item, author=second, about=story, reply_to=first)
    assert [news.kind for news in news_of(first)] == [kinds.REPLIES_TO_ME]
    assert [news.kind for news in news_of(teller)] == [kinds.RESPONSES_TO_MY_STORY]


def test_a_question_reaches_members_of_its_sectors_only(story):
    asker = MemberFactory()
    health = Sector.objects.get(slug="health")
    housing = Sector.objects.get(slug="housing")
    by_profile, by_follow, elsewhere = MemberFactory(), MemberFactory(), MemberFactory()
    MemberProfile.objects.create(user=by_profile, sector=health)
    MemberProfile.objects.create(user=elsewhere, sector=housing)
    services.follow(by_follow, health)
    item = HelpedMark.objects.create(story=story, user=asker)
    publish_contribution(
        contributions.QUESTION, item=item, author=asker, about=story, sectors=[health]
    )
    assert [news.kind for news in news_of(by_profile)] == [kinds.SECTOR_QUESTIONS]
    assert [news.kind for news in news_of(by_follow)] == [kinds.SECTOR_QUESTIONS]
    assert news_of(elsewhere) == [] and news_of(asker) == []


def test_deactivated_followers_hear_nothing(story):
    follower = MemberFactory()
    services.follow(follower, story)
    follower.is_active = False
    follower.save()
    item = HelpedMark.objects.create(story=story, user=MemberFactory())
    publish_contribution(contributions.RESPONSE, item=item, author=item.user, about=story)
    assert news_of(follower) == []


# Pages as they are published: stories, themes, meetings.


def test_the_teller_of_a_published_story_follows_it(story, teller):
    assert services.is_following(teller, story)


def test_a_new_story_reaches_the_followers_of_its_themes(story_index, teller):
    follower, other = MemberFactory(), MemberFactory()
    carers = Tag.objects.create(name="Young carers", slug="young-carers")
    services.follow(follower, carers)
    wants(follower, themes=kinds.Frequency.AT_ONCE)
    new = StoryPageFactory(parent=story_index, owner=teller, themes=["Young carers"])
    [news] = news_of(follower)
    assert (news.kind, news.title, news.url) == (kinds.THEMES, new.title, new.url)
    assert news_of(other) == []
    assert mail.outbox[-1].to == [follower.email]
    assert new.title in mail.outbox[-1].body


def test_a_new_resource_reaches_the_followers_of_its_themes(home_page):
    follower = MemberFactory()
    library = ResourceIndexPageFactory(parent=home_page)
    theme = Tag.objects.create(name="Evidence", slug="evidence")
    services.follow(follower, theme)
    resource = ResourcePageFactory(parent=library, live=False)
    resource.topics.set(["Evidence"])
    resource.save_revision().publish()
    assert [(news.kind, news.title) for news in news_of(follower)] == [
        (kinds.THEMES, resource.title)
    ]


def test_a_draft_story_tells_nobody(story_index, teller):
    follower = MemberFactory()
    services.follow(follower, Tag.objects.create(name="Quiet", slug="quiet"))
    StoryPageFactory(parent=story_index, owner=teller, themes=["Quiet"], published=False)
    assert news_of(follower) == []


def test_meetings_changes_and_new_meetings_reach_their_followers(home_page):
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings)
    meeting.save_revision().publish()  # its first revision: what later ones are compared with
    meeting.refresh_from_db()
    of_index, of_meeting = MemberFactory(), MemberFactory()
    services.follow(of_index, meetings)
    services.follow(of_meeting, meeting)
    wants(of_meeting, meetings=kinds.Frequency.AT_ONCE)

    meeting.notes = "<p>We agreed to meet again in spring.</p>"
    meeting.save_revision().publish()
    [changed] = news_of(of_meeting)
    assert changed.kind == kinds.MEETINGS and "notes" in changed.detail
    assert mail.outbox[-1].to == [of_meeting.email]

    meeting.title = "A new title only"
    meeting.save_revision().publish()
    assert len(news_of(of_meeting)) == 1  # nothing its followers asked to hear of changed

    new = MeetingPageFactory(parent=meetings)
    new.save_revision().publish()
    assert [(news.kind, news.title) for news in news_of(of_index)] == [(kinds.MEETINGS, new.title)]


# Follow and unfollow, on the pages and from "What I follow".


@pytest.fixture
def pages(home_page, story):
    meetings = MeetingIndexPageFactory(parent=home_page)
    guide = MappingGuidePageFactory(parent=home_page)
    library = ResourceIndexPageFactory(parent=home_page)
    return {
        "story": story,
        "meeting": MeetingPageFactory(parent=meetings),
        "mapping entry": MappingEntryPageFactory(parent=guide),
        "resource": ResourcePageFactory(parent=library),
        "meetings": meetings,
    }


def test_members_follow_and_unfollow_each_kind_of_page_without_javascript(client, pages):
    member = MemberFactory()
    client.force_login(member)
    for page in pages.values():
        response = client.get(page.url)
        assert b'name="target_type" value="page"' in response.content, page
        response = client.post(
            reverse("following:follow"),
            {"target_type": "page", "target_id": page.pk, "next": page.url},
        )
        assert response.status_code == 302 and response["Location"] == page.url
        assert services.is_following(member, page)
        assert b"Unfollow" in client.get(page.url).content
    listing = client.get(reverse("following:index"))
    for page in pages.values():
        assert page.title in listing.content.decode()
    for follow in Follow.objects.filter(user=member):
        client.post(reverse("following:unfollow", args=[follow.pk]))
    assert not Follow.objects.filter(user=member).exists()


def test_visitors_see_no_follow_button_and_cannot_follow(client, pages):
    before = Follow.objects.count()  # the teller's own
    response = client.get(pages["story"].url)
    assert b"target_type" not in response.content
    response = client.post(
        reverse("following:follow"), {"target_type": "page", "target_id": pages["story"].pk}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Follow.objects.count() == before


def test_a_member_follows_a_theme_and_a_sector_from_what_i_follow(client, story):
    member = MemberFactory()
    client.force_login(member)
    client.post(reverse("following:follow_theme"), {"theme": "carers"})
    client.post(reverse("following:follow_sector"), {"sector": "health"})
    listing = client.get(reverse("following:index")).content.decode()
    assert "Carers" in listing and "Health" in listing
    assert Follow.objects.filter(user=member).count() == 2


def test_a_theme_only_a_draft_carries_cannot_be_followed(client, story_index, teller):
    draft = StoryPageFactory(parent=story_index, owner=teller, published=False, live=False)
    draft.tags.set(["Secret plans"])
    draft.save()
    member = MemberFactory()
    client.force_login(member)
    response = client.post(reverse("following:follow_theme"), {"theme": "secret-plans"})
    assert response.status_code == 400
    assert b"Choose a theme from the list" in response.content
    assert b"Secret plans" not in response.content
    assert not Follow.objects.filter(user=member).exists()


def test_a_page_a_member_may_not_read_cannot_be_followed(client, story_index, teller):
    draft = StoryPageFactory(parent=story_index, owner=teller, published=False, live=False)
    member = MemberFactory()
    client.force_login(member)
    client.post(reverse("following:follow"), {"target_type": "page", "target_id": draft.pk})
    assert not Follow.objects.filter(user=member).exists()


def test_nobody_unfollows_for_someone_else(client, story):
    owner, other = MemberFactory(), MemberFactory()
    services.follow(owner, story)
    follow = Follow.objects.get(user=owner)
    client.force_login(other)
    assert client.post(reverse("following:unfollow", args=[follow.pk])).status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_the_next_address_never_leads_off_the_site(client, story):
    client.force_login(MemberFactory())
    response = client.post(
        reverse("following:follow"),
        {"target_type": "page", "target_id": story.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("following:index")


# "What's new for you" on the member home.


def test_the_member_home_shows_news_read_and_unread(client, story):
    member = MemberFactory()
    old = timezone.now() - timedelta(days=30)
    services.notify({member.pk}, kinds.FOLLOWED, title="Fresh news", url=story.url)
    read_long_ago = Notification.objects.create(
        user=member, kind=kinds.THEMES, title="Old news", url="/", created_at=old, read_at=old
    )
    client.force_login(member)
    session = client.session
    session["membership_previous_visit"] = (timezone.now() - timedelta(days=1)).isoformat()
    session.save()
    page = client.get(reverse("membership:home")).content.decode()
    assert "What’s new for you" in page and "Fresh news" in page
    assert read_long_ago.title not in page  # read, and from before the last visit
    [fresh] = Notification.objects.filter(title="Fresh news")
    response = client.get(reverse("following:open_news", args=[fresh.pk]))
    assert response["Location"] == story.url
    fresh.refresh_from_db()
    assert fresh.read_at is not None
    client.post(reverse("following:mark_all_read"))
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()


def test_one_member_cannot_open_anothers_news(client):
    owner, other = MemberFactory(), MemberFactory()
    [news] = services.notify({owner.pk}, kinds.FOLLOWED, title="Mine", url="/")
    client.force_login(other)
    assert client.get(reverse("following:open_news", args=[news.pk])).status_code == 404
    news.refresh_from_db()
    assert news.read_at is None


def test_the_home_section_and_what_i_follow_cost_the_same_queries_at_any_size(
    client, content_cache_off, story_index, teller
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = MemberFactory()
    client.force_login(member)
    # The pages first, so that only the follows and the news grow (other sections list pages).
    stories = [StoryPageFactory(parent=story_index, owner=teller) for _ in range(10)]

    def add(count):
        for _ in range(count):
            page = stories.pop()
            services.follow(member, page)
            services.notify({member.pk}, kinds.FOLLOWED, title=page.title, url=page.url)

    def queries(url):
        client.get(url)  # warm the per-process caches (content types, site root)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(2)
    small = (queries(reverse("membership:home")), queries(reverse("following:index")))
    add(8)
    assert (queries(reverse("membership:home")), queries(reverse("following:index"))) == small


# Email choices, digests and the one-click links.


def test_nothing_is_mailed_to_a_member_who_has_not_chosen(story, teller):
    item = HelpedMark.objects.create(story=story, user=MemberFactory())
    publish_contribution(contributions.RESPONSE, item=item, author=item.user, about=story)
    assert news_of(teller) and mail.outbox == []
    assert emails.queue_due_digests() == 0


def test_a_daily_digest_sends_each_piece_of_news_once(story):
    member = MemberFactory()
    wants(member, followed=kinds.Frequency.DAILY)
    services.notify({member.pk}, kinds.FOLLOWED, title="First news", url=story.url)
    services.notify({member.pk}, kinds.FOLLOWED, title="Second news", url=story.url)
    call_command("send_following_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = mail.outbox
    assert "First news" in digest.body and "Second news" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(user=member, emailed_at__isnull=True).exists()

    # A day later, one more piece of news: the next digest has it, and only it.
    later = timezone.now() + timedelta(days=1)
    services.notify({member.pk}, kinds.FOLLOWED, title="Third news", url=story.url)
    Notification.objects.filter(title="Third news").update(created_at=later - timedelta(hours=1))
    assert emails.queue_due_digests(now=later) == 1
    third = mail.outbox[-1]
    assert "Third news" in third.body and "First news" not in third.body
    # Run again at once: not due, nothing sent.
    assert emails.queue_due_digests(now=later) == 0
    assert len(mail.outbox) == 2


def test_a_weekly_digest_waits_a_week_and_skips_other_kinds(story):
    member = MemberFactory()
    wants(member, themes=kinds.Frequency.WEEKLY, followed=kinds.Frequency.NEVER)
    services.notify({member.pk}, kinds.THEMES, title="Theme news", url=story.url)
    services.notify({member.pk}, kinds.FOLLOWED, title="Muted news", url=story.url)
    emails.queue_due_digests()
    [digest] = mail.outbox
    assert "Theme news" in digest.body and "Muted news" not in digest.body
    assert emails.queue_due_digests(now=timezone.now() + timedelta(days=3)) == 0


def test_the_preferences_page_saves_every_kind(client):
    member = MemberFactory()
    client.force_login(member)
    data = dict.fromkeys(kinds.KINDS, "never") | {"meetings": "weekly", "replies_to_me": "at_once"}
    assert client.get(reverse("following:preferences")).status_code == 200
    client.post(reverse("following:preferences"), data)
    stored = EmailPreferences.objects.get(user=member)
    assert (stored.meetings, stored.replies_to_me, stored.themes) == ("weekly", "at_once", "never")
    assert "following/email/" in client.get(reverse("membership:account")).content.decode()


def test_bad_preferences_say_so_and_save_nothing(client):
    member = MemberFactory()
    client.force_login(member)
    data = dict.fromkeys(kinds.KINDS, "at_once") | {"meetings": "hourly"}
    response = client.post(reverse("following:preferences"), data)
    assert response.status_code == 400 and b"Choose one of the options" in response.content
    assert EmailPreferences.objects.get(user=member).replies_to_me == "never"


def test_the_link_in_an_email_changes_its_kinds_with_one_click(story):
    member = MemberFactory()
    wants(member, followed=kinds.Frequency.AT_ONCE, themes=kinds.Frequency.AT_ONCE)
    services.notify({member.pk}, kinds.FOLLOWED, title="News", url=story.url)
    [message] = mail.outbox
    path = CHOICE_LINK.search(message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{path}>"
    visitor = Client(enforce_csrf_checks=True)
    asked = visitor.get(path).content.decode()
    assert "How often" in asked and "Other news in what I follow (responses" in asked
    assert "[(" not in asked  # the choices show as sentences, nowhere as a Python list
    assert EmailPreferences.objects.get(user=member).followed == "at_once"  # a GET changes nothing
    visitor.post(path, {"frequency": "weekly"})
    assert EmailPreferences.objects.get(user=member).followed == "weekly"
    # The mail program's one-click POST: no cookie, no CSRF token.
    visitor.post(path, {"List-Unsubscribe": "One-Click"})
    stored = EmailPreferences.objects.get(user=member)
    assert (stored.followed, stored.themes) == ("never", "at_once")


def test_a_forged_or_anothers_token_changes_nothing_for_me(client):
    me, other = MemberFactory(), MemberFactory()
    wants(me, followed=kinds.Frequency.AT_ONCE)
    wants(other, followed=kinds.Frequency.AT_ONCE)
    client.force_login(me)
    forged = tokens.make_token(me, [kinds.FOLLOWED])[:-3] + "abc"
    assert (
        client.post(
            reverse("following:email_choice", args=[forged]), {"frequency": "never"}
        ).status_code
        == 404
    )
    others = tokens.make_token(other, [kinds.FOLLOWED])
    client.post(reverse("following:email_choice", args=[others]), {"frequency": "never"})
    assert EmailPreferences.objects.get(user=me).followed == "at_once"


# Personal data.


def test_follows_choices_and_news_are_downloaded_and_erased(story, teller):
    member = MemberFactory(first_name="Zebedee Quillfeather")
    services.follow(member, story)
    wants(member, themes=kinds.Frequency.DAILY)
    services.notify({member.pk}, kinds.FOLLOWED, title="Some news", url=story.url)
    exported = personal_data.export_for(member)["following"]
    assert exported["follows"][0]["id"] == story.pk
    assert exported["email_choices"][0]["themes"] == "daily"
    assert exported["news"][0]["title"] == "Some news"

    delete_account(member)
    for model in (Follow, Notification, EmailPreferences):
        assert not model.objects.filter(user_id=member.pk).exists()
    assert Follow.objects.filter(user=teller).exists()  # other people's stay


def test_the_privacy_scan_finds_nothing_of_a_deleted_follower(story, settings):
    from tests.test_privacy_people import every_row_of_every_table

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    name, email = "Zebedee Quillfeather", "zebedee.quillfeather@example.org"
    member = MemberFactory(first_name=name, email=email)
    services.follow(member, story)
    services.follow(member, Sector.objects.get(slug="health"))
    wants(member, followed=kinds.Frequency.AT_ONCE)
    # The at-once email waits in the task queue, addressed to them and naming them.
    services.notify({member.pk}, kinds.FOLLOWED, title="News for Zebedee", url=story.url)
    emails.send_at_once.call([item.pk for item in news_of(member)])
    assert any(email in row for _, row in every_row_of_every_table())

    delete_account(member)
    traces = [
        table
        for table, row in every_row_of_every_table()
        if email in row or name in row or "Quillfeather" in row
    ]
    assert traces == []
    assert not Follow.objects.filter(user_id=member.pk).exists()


def test_a_teller_replied_to_hears_of_it_once_as_a_reply(story, teller):
    replier = MemberFactory()
    item = HelpedMark.objects.create(story=story, user=replier)
    publish_contribution(
        contributions.REPLY, item=item, author=replier, about=story, reply_to=teller
    )
    assert [news.kind for news in news_of(teller)] == [kinds.REPLIES_TO_ME]
