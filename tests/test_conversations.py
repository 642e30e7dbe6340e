"""Responses on pages: members respond and reply, visitors see only a count, trust and the
identifying-detail check hold words for a moderator, flags hide, the teller or an editor closes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from conversations import moderation
from conversations.models import Contribution, ConversationSettings, Flag
from network_site.core import contributions
from network_site.core.roles import EDITOR, MODERATOR
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import MemberFactory, make_staff
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(story_index):
    return StoryPageFactory(parent=story_index, owner=MemberFactory(), title="Kitchen table")


def conversation_url(page):
    return f"/conversations/page/{page.pk}/"


def trusted_member():
    """A member with three contributions already shown: what they post appears at once."""
    member = MemberFactory()
    for _ in range(moderation.FIRST_HELD):
        Contribution.objects.create(
            kind=contributions.QUESTION,
            author=member,
            title="Earlier",
            text="Earlier words",
            status=Contribution.Status.VISIBLE,
            published_at=timezone.now(),
        )
    return member


@pytest.fixture
def published(monkeypatch):
    """Every contribution_published sent, as (kind, item pk)."""
    sent = []

    def receiver(sender, kind, item, **kwargs):
        sent.append((kind, item.pk, kwargs["about"], kwargs["reply_to"]))

    contributions.contribution_published.connect(receiver, dispatch_uid="test-receiver")
    yield sent
    contributions.contribution_published.disconnect(dispatch_uid="test-receiver")


def test_a_new_members_first_three_responses_wait_and_the_fourth_shows_at_once(
    client, story, published, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    moderator = make_staff(MODERATOR)
    client.force_login(member)
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(conversation_url(story), {"text": f"Thought {number}"})
        assert response.status_code == 302
    held = Contribution.objects.filter(author=member)
    assert [item.status for item in held] == ["held"] * 3
    assert {item.held_because for item in held} == {"new-member"}
    assert published == []
    # Moderators hear of each held one.
    assert any(moderator.email in message.to for message in mail.outbox)
    for item in held:
        with django_capture_on_commit_callbacks(execute=True):
            moderation.approve(item, moderator)
    assert sorted(pk for _, pk, _, _ in published) == sorted(item.pk for item in held)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(conversation_url(story), {"text": "Now trusted"})
    fourth = Contribution.objects.get(text="Now trusted")
    assert fourth.status == "visible"
    assert published[-1][:2] == (contributions.RESPONSE, fourth.pk)
    assert published[-1][2].pk == story.pk
    # Approving again sends nothing more: once only.
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(fourth, moderator)
    assert len(published) == 4


def test_the_identifying_check_holds_a_trusted_members_words_with_a_warning(client, story):
    member = trusted_member()
    client.force_login(member)
    client.post(conversation_url(story), {"text": "I met Mrs Henderson at 12 Elm Road, G12 8QQ."})
    held = Contribution.objects.get(author=member, kind=contributions.RESPONSE)
    assert held.status == "held"
    assert held.held_because == "identifying"
    assert "postcode" in held.identifying_warnings
    assert "a name after a title" in held.identifying_warnings
    # Its author sees it waiting; another member does not see it at all.
    assert "Only you can see this" in client.get(conversation_url(story)).content.decode()
    client.force_login(MemberFactory())
    assert "Henderson" not in client.get(conversation_url(story)).content.decode()


def test_visitors_see_the_count_never_the_words(client, story):
    Contribution.objects.create(
        kind=contributions.RESPONSE,
        page=story,
        author=trusted_member(),
        text="Words only members read",
        status="visible",
        published_at=timezone.now(),
    )
    page = client.get(story.url).content.decode()
    assert "1 response from members" in page
    assert "Words only members read" not in page
    assert client.get(conversation_url(story)).status_code == 302
    assert "Words only members read" not in client.get("/api/v2/pages/").content.decode()
    assert "Words only members read" not in client.get("/search/?q=members+read").content.decode()


def test_the_visitor_page_cache_forgets_a_page_when_its_count_changes(client, story):
    first = client.get(story.url).content.decode()
    assert "No responses yet" in first
    assert "No responses yet" in client.get(story.url).content.decode()  # now from the cache
    member = trusted_member()
    moderation.post(Contribution(kind=contributions.RESPONSE, page=story, author=member, text="Hi"))
    assert "1 response from members" in client.get(story.url).content.decode()


def test_replies_are_one_level_deep_and_in_order(client, story):
    author = trusted_member()
    response = moderation.post(
        Contribution(kind=contributions.RESPONSE, page=story, author=author, text="First")
    )
    replier = trusted_member()
    client.force_login(replier)
    client.post(f"/conversations/{response.pk}/reply/", {"text": "Reply one"})
    client.post(f"/conversations/{response.pk}/reply/", {"text": "Reply two"})
    replies = list(response.children.order_by("created_at", "pk").values_list("text", flat=True))
    assert replies == ["Reply one", "Reply two"]
    reply = response.children.first()
    assert client.get(f"/conversations/{reply.pk}/reply/").status_code == 404
    page = client.get(conversation_url(story)).content.decode()
    assert page.index("Reply one") < page.index("Reply two")


def test_the_teller_closes_responses_and_others_cannot(client, story):
    client.force_login(MemberFactory())
    assert client.post(conversation_url(story) + "open/", {"open": "no"}).status_code == 404
    client.force_login(story.owner)
    client.post(conversation_url(story) + "open/", {"open": "no"})
    assert not ConversationSettings.objects.get(page=story).responses_open
    other = trusted_member()
    client.force_login(other)
    client.post(conversation_url(story), {"text": "Too late"})
    assert not Contribution.objects.filter(text="Too late").exists()
    assert "Responses are closed" in client.get(story.url).content.decode()


def test_an_editor_closes_responses_on_any_page(client, home_page):
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings, starts_at=timezone.now() + timedelta(days=3))
    editor = make_staff(EDITOR)
    assert editor.has_perm("conversations.change_conversationsettings")
    client.force_login(editor)
    response = client.post(
        "/admin/conversation-settings/new/", {"page": meeting.pk, "responses_open": ""}
    )
    assert response.status_code == 302
    assert not ConversationSettings.objects.get(page=meeting).responses_open


def test_a_meeting_takes_questions_before_and_follow_ups_after(client, home_page):
    meetings = MeetingIndexPageFactory(parent=home_page)
    soon = MeetingPageFactory(parent=meetings, starts_at=timezone.now() + timedelta(days=3))
    past = MeetingPageFactory(
        parent=meetings,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    client.force_login(trusted_member())
    assert (
        "ask questions you would like on the agenda"
        in client.get(conversation_url(soon)).content.decode()
    )
    assert "follow up on the notes" in client.get(conversation_url(past)).content.decode()
    client.post(conversation_url(soon), {"text": "Can we talk about carers?"})
    assert Contribution.objects.get(text="Can we talk about carers?").before_meeting is True


def test_two_flags_hide_and_the_queue_approves_hides_and_restores_with_a_log(
    client, story, django_capture_on_commit_callbacks
):
    author = trusted_member()
    words = moderation.post(
        Contribution(kind=contributions.RESPONSE, page=story, author=author, text="Off topic")
    )
    for _ in range(2):
        client.force_login(MemberFactory())
        client.post(f"/conversations/{words.pk}/flag/", {"reason": Flag.Reason.OFF_TOPIC})
    words.refresh_from_db()
    assert words.status == "hidden"

    moderator = make_staff(MODERATOR)
    client.force_login(moderator)
    queue = client.get("/admin/conversations/").content.decode()
    assert "Off topic" in queue and "2 flags" in queue
    assert "Conversations to moderate" in client.get("/admin/").content.decode()

    client.post(f"/admin/conversations/{words.pk}/restore/")
    words.refresh_from_db()
    assert words.status == "visible"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/conversations/{words.pk}/hide/", {"reason": "Please stay on the story."}
        )
    words.refresh_from_db()
    assert words.status == "hidden"
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert "Please stay on the story." in mail.outbox[0].body
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(words.pk)).values_list("action", flat=True)
    )
    assert {moderation.HIDDEN_BY_FLAGS, moderation.RESTORED, moderation.HIDDEN} <= actions


def test_hiding_needs_a_reason_and_members_cannot_reach_the_queue(client, story):
    words = moderation.post(
        Contribution(kind=contributions.RESPONSE, page=story, author=MemberFactory(), text="Held")
    )
    client.force_login(MemberFactory())
    assert client.get("/admin/conversations/").status_code == 302
    client.force_login(make_staff(MODERATOR))
    client.post(f"/admin/conversations/{words.pk}/hide/", {"reason": ""})
    words.refresh_from_db()
    assert words.status == "held"
    client.post(f"/admin/conversations/{words.pk}/approve/")
    words.refresh_from_db()
    assert words.status == "visible"


def test_the_author_edits_for_thirty_minutes_then_it_shows_edited(client, story):
    member = trusted_member()
    words = moderation.post(
        Contribution(kind=contributions.RESPONSE, page=story, author=member, text="Frist")
    )
    client.force_login(member)
    client.post(f"/conversations/{words.pk}/edit/", {"text": "First"})
    words.refresh_from_db()
    assert words.text == "First" and words.is_edited
    assert ", edited" in client.get(conversation_url(story)).content.decode()
    Contribution.objects.filter(pk=words.pk).update(
        created_at=timezone.now() - timedelta(minutes=31)
    )
    client.post(f"/conversations/{words.pk}/edit/", {"text": "Changed later"})
    words.refresh_from_db()
    assert words.text == "First"
    client.force_login(MemberFactory())
    assert client.get(f"/conversations/{words.pk}/edit/").status_code == 404


def test_the_author_deletes_at_any_time_and_replies_keep_their_place(client, story):
    member = trusted_member()
    words = moderation.post(
        Contribution(kind=contributions.RESPONSE, page=story, author=member, text="Gone soon")
    )
    moderation.post(
        Contribution(
            kind=contributions.REPLY,
            page=story,
            parent=words,
            author=trusted_member(),
            text="A reply",
        )
    )
    Contribution.objects.filter(pk=words.pk).update(created_at=timezone.now() - timedelta(days=9))
    client.force_login(member)
    client.post(f"/conversations/{words.pk}/delete/")
    words.refresh_from_db()
    assert words.status == "deleted" and words.text == "" and words.author is None
    page = client.get(conversation_url(story)).content.decode()
    assert "A reply" in page and "Gone soon" not in page


def test_new_members_cannot_post_links(client, story):
    client.force_login(MemberFactory())
    response = client.post(conversation_url(story), {"text": "See https://example.com/x"})
    assert response.status_code == 200
    assert (
        "Links are open to members who have taken part a little longer" in response.content.decode()
    )
    assert not Contribution.objects.exists()
    client.force_login(trusted_member())
    client.post(conversation_url(story), {"text": "See https://example.com/x"})
    assert Contribution.objects.filter(text__contains="example.com").exists()


def test_a_member_may_post_only_so_many_in_an_hour(client, story, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "conversation_post": "2/h/user"}
    client.force_login(trusted_member())
    answers = [
        client.post(conversation_url(story), {"text": f"Words {n}"}).status_code for n in range(3)
    ]
    assert answers == [302, 302, 429]
    assert Contribution.objects.filter(kind=contributions.RESPONSE).count() == 2


def test_empty_and_overlong_words_get_a_clear_error_and_save_nothing(client, story):
    client.force_login(trusted_member())
    empty = client.post(conversation_url(story), {"text": "   "}).content.decode()
    assert "Enter your response" in empty
    long = client.post(conversation_url(story), {"text": "x" * 4001}).content.decode()
    assert "Keep your response under 4000 characters" in long
    assert not Contribution.objects.filter(kind=contributions.RESPONSE).exists()


def test_pages_that_carry_no_conversation_refuse_one(client, home_page, story_index):
    client.force_login(MemberFactory())
    assert client.get(conversation_url(story_index)).status_code == 404
    assert client.get(conversation_url(home_page)).status_code == 404
    assert client.get("/conversations/page/999999/").status_code == 404
