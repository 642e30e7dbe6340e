"""Moderators get exactly one email per story event, whoever they are (group member or superuser)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import WorkflowState

from stories.models import StoryPage
from tests.factories.stories import make_member, make_moderator, story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def teller(client):
    user = make_member("teller", first_name="Tess", last_name="Teller")
    client.force_login(user)
    return user


@pytest.fixture
def moderators():
    moderator = make_moderator()
    # An administrator who also moderates: Wagtail would mail them once as a superuser and
    # once as a member of the group.
    chief = get_user_model().objects.create_superuser(
        "chief", "chief@example.org", "a-long-test-password"
    )
    chief.groups.add(*moderator.groups.all())
    return [moderator, chief]


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_each_moderator_gets_one_email_when_a_story_is_submitted(
    client, story_index, teller, moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(story_index.share_url, story_form_data(title="Back to the bowling club"))
    story = StoryPage.objects.get()

    for moderator in moderators:
        received = mails_to(moderator.email)
        assert len(received) == 1, [message.subject for message in received]
        assert "Back to the bowling club" in received[0].subject
        assert f"/admin/pages/{story.pk}/edit/" in received[0].body
        html = received[0].alternatives[0][0]
        assert "Read the story" in html
    assert mails_to(teller.email) == []


def test_each_moderator_gets_one_email_when_a_story_is_resubmitted(
    client, story_index, teller, moderators, django_capture_on_commit_callbacks
):
    client.post(story_index.share_url, story_form_data())
    story = StoryPage.objects.get()
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.specific.reject(user=moderators[0], comment="Leave out the town.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            story_index.subpage_url("edit_story", story.pk), story_form_data(what_we_did="Lifts.")
        )

    for moderator in moderators:
        assert len(mails_to(moderator.email)) == 1
