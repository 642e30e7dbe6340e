"""Conversations in the personal-data register: exported, and on account deletion kept as
"a former member" or removed, as the member chose; then no row points at them."""

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from conversations import moderation
from conversations.models import Contribution, ErasureChoice, Flag, MeToo
from network_site.core import contributions
from network_site.core.roles import MODERATOR
from network_site.membership import personal_data
from network_site.membership.erasure import delete_account
from tests.factories.membership import MemberFactory, make_staff
from tests.factories.stories import StoryPageFactory
from tests.test_membership_personal_data import user_references

pytestmark = pytest.mark.django_db


def words_of(member, story, other):
    """A response with another member's reply, a reply to another's response, a question with
    another's answer, a flag and a "me too": everything a member leaves in conversations."""
    shown = {"status": Contribution.Status.VISIBLE, "published_at": timezone.now()}
    response = Contribution.objects.create(
        kind=contributions.RESPONSE, page=story, author=member, text="Kirsty's response", **shown
    )
    Contribution.objects.create(
        kind=contributions.REPLY,
        page=story,
        parent=response,
        author=other,
        text="Another's reply",
        **shown,
    )
    others = Contribution.objects.create(
        kind=contributions.RESPONSE, page=story, author=other, text="Another's response", **shown
    )
    Contribution.objects.create(
        kind=contributions.REPLY,
        page=story,
        parent=others,
        author=member,
        text="Kirsty's reply",
        **shown,
    )
    question = Contribution.objects.create(
        kind=contributions.QUESTION, author=other, title="Another's question", text="?", **shown
    )
    Contribution.objects.create(
        kind=contributions.ANSWER, parent=question, author=member, text="Kirsty's answer", **shown
    )
    Flag.objects.create(contribution=others, flagged_by=member, reason="spam")
    MeToo.objects.create(question=question, member=member)
    moderation.hide(others, make_staff(MODERATOR), "A reason")
    return response


def no_row_points_at(person_pk):
    for model, field in user_references():
        rows = model._base_manager.filter(**{field.attname: person_pk})
        assert not rows.exists(), f"{model._meta.label}.{field.name} still points at the user"


def test_the_export_holds_the_members_words_flags_and_choice(story_index):
    member, other = MemberFactory(), MemberFactory()
    words_of(member, StoryPageFactory(parent=story_index), other)
    exported = personal_data.export_for(member)["conversations"]
    texts = {item["text"] for item in exported["contributions"]}
    assert texts == {"Kirsty's response", "Kirsty's reply", "Kirsty's answer"}
    assert [flag["reason"] for flag in exported["flags"]] == ["It is spam"]
    assert exported["me_too"][0]["question"] == "Another's question"
    assert exported["on_account_deletion"] == "remove"


def test_removed_on_deletion_by_default_leaving_others_replies_in_place(story_index):
    member, other = MemberFactory(), MemberFactory()
    story = StoryPageFactory(parent=story_index)
    response = words_of(member, story, other)
    member_pk = member.pk
    delete_account(member)
    no_row_points_at(member_pk)
    assert not Contribution.objects.filter(text__startswith="Kirsty").exists()
    response.refresh_from_db()
    assert response.status == "deleted" and response.text == "" and response.author is None
    assert Contribution.objects.filter(text="Another's reply", parent=response).exists()
    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    assert "Kirsty" not in labels and "Another's" not in labels


def test_kept_on_deletion_as_a_former_member(client, story_index):
    member, other = MemberFactory(), MemberFactory()
    story = StoryPageFactory(parent=story_index)
    words_of(member, story, other)
    client.force_login(member)
    client.post("/conversations/mine/", {"choice": "keep"})
    assert ErasureChoice.objects.get(member=member).keep_words
    member_pk = member.pk
    delete_account(member)
    no_row_points_at(member_pk)
    kept = Contribution.objects.filter(text__startswith="Kirsty")
    assert kept.count() == 3 and not kept.filter(author__isnull=False).exists()
    client.force_login(other)
    assert "A former member" in client.get(f"/conversations/page/{story.pk}/").content.decode()


def test_the_erasure_choice_refuses_a_bad_value_and_keeps_the_old_one(client, home_page):
    member = MemberFactory()
    client.force_login(member)
    page = client.post("/conversations/mine/", {"choice": "sell"}).content.decode()
    assert "Select a valid choice" in page or "Choose what happens" in page
    assert not ErasureChoice.objects.filter(member=member).exists()
