"""A member shares a story: draft, submit, moderation, publication, withdrawal."""

import pytest
from django.conf import settings
from django.core import mail
from wagtail.models import Revision, WorkflowState

from stories.models import StoryPage
from stories.workflow import story_status
from tests.factories.stories import make_member, make_moderator, story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = make_member("teller", first_name="Tess", last_name="Teller")
    client.force_login(user)
    return user


@pytest.fixture
def moderator():
    return make_moderator()


def share(client, story_index, **overrides):
    return client.post(story_index.share_url, story_form_data(**overrides))


def current_task_state(story):
    return WorkflowState.objects.get(
        object_id=str(story.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state.specific


def test_member_sees_the_sharing_form(client, story_index, member):
    response = client.get(story_index.share_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "What mattered to the person (or carer)" in html
    assert 'name="consent_confirmed"' in html
    assert 'value="Tess Teller"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a title for your story"),
        ({"title": "x" * 121}, "title", "at most 120 characters"),
        ({"what_changed": ""}, "what_changed", "Say what changed"),
        ({"perspective": "astronaut"}, "perspective", "Select a valid choice"),
        ({"sectors": ["no-such-sector"]}, "sectors", "Select a valid choice"),
        ({"consent_confirmed": None}, "consent_confirmed", "Confirm that the people"),
        ({"credit": "name", "credit_name": ""}, "credit_name", "Enter the name to credit"),
        ({"other_themes": "a, b, c, d, e, f"}, "other_themes", "at most 5 other themes"),
        ({"audience": "everyone-in-the-world"}, "audience", "Select a valid choice"),
    ],
)
def test_bad_input_shows_a_clear_error_and_saves_nothing(
    client, story_index, member, overrides, field, message
):
    response = share(client, story_index, **overrides)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    html = response.content.decode()
    assert "There is a problem" in html
    assert message.split("%")[0] in html
    assert StoryPage.objects.count() == 0
    assert Revision.objects.count() == 0


def test_an_image_without_a_description_is_refused(client, story_index, member):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.tests.utils import get_test_image_file

    image_file = get_test_image_file()
    upload = SimpleUploadedFile("photo.png", image_file.file.getvalue(), content_type="image/png")
    response = client.post(story_index.share_url, {**story_form_data(), "image": upload})
    assert "Describe the image" in str(response.context["form"].errors["image_alt_text"])
    assert StoryPage.objects.count() == 0


def test_identifying_details_are_shown_and_block_submission_until_checked(
    client, story_index, member
):
    response = share(
        client,
        story_index,
        what_we_did="We met Mrs Henderson at EH1 2AB and called 0131 496 0000.",
        what_changed="Her email is jean.h@example.com; born on 3 March 1941.",
    )
    assert response.status_code == 200
    kinds = {detail.kind for detail in response.context["identifying_details"]}
    assert kinds == {
        "a name after a title",
        "a postcode",
        "a phone number",
        "an email address",
        "a date that may be a date of birth",
    }
    html = response.content.decode()
    assert "Check these details before you submit" in html
    assert "Mrs Henderson" in html
    assert "Remove the details listed in the warnings" in html
    assert StoryPage.objects.count() == 0

    response = share(
        client,
        story_index,
        what_we_did="We met Mrs Henderson at EH1 2AB.",
        details_checked="on",
    )
    assert response.status_code == 302
    assert story_status(StoryPage.objects.get()).code == "in-moderation"


def test_a_draft_needs_only_a_title_and_is_never_public(client, story_index, member):
    response = share(client, story_index, action="save", what_changed="", consent_confirmed=None)
    assert response.status_code == 302
    story = StoryPage.objects.get()
    assert story.owner == member
    assert not story.live
    assert story_status(story).code == "draft"
    assert story.get_parent().specific == story_index
    client.logout()
    assert client.get(story.url or "/stories/back-to-the-bowling-club/").status_code == 404
    assert client.get("/search/", {"q": "bowling"}).context["results_page"].paginator.count == 0


def test_the_draft_can_be_edited_and_then_submitted(client, story_index, member):
    share(client, story_index, action="save")
    story = StoryPage.objects.get()
    edit_url = story_index.subpage_url("edit_story", story.pk)
    response = client.get(edit_url)
    assert response.status_code == 200
    assert "Back to the bowling club" in response.content.decode()
    response = client.post(edit_url, story_form_data(title="Back to the club", action="submit"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.draft_title == "Back to the club"
    assert story_status(story).code == "in-moderation"


def test_submit_approve_publish_and_withdraw(
    client, story_index, member, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert share(client, story_index).status_code == 302
    story = StoryPage.objects.get()
    assert story_status(story).code == "in-moderation"
    # The site's own notification tells the moderators.
    assert any(moderator.email in message.to for message in mail.outbox)
    mail.outbox.clear()

    # Wagtail approves inside a transaction: the email goes once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        current_task_state(story).approve(user=moderator)
    story.refresh_from_db()
    assert story.live
    assert story_status(story).code == "published"
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "is published" in mail.outbox[0].subject
    assert f"{settings.SITE_URL}{story.url}" in mail.outbox[0].body
    assert client.get(story.url).status_code == 200

    my_stories = client.get(story_index.my_stories_url).content.decode()
    assert "Published" in my_stories and "Withdraw" in my_stories

    withdraw_url = story_index.subpage_url("withdraw_story", story.pk)
    assert client.get(withdraw_url).status_code == 200
    assert client.post(withdraw_url).status_code == 302
    story.refresh_from_db()
    assert not story.live
    assert story_status(story).code == "withdrawn"
    client.logout()
    assert client.get("/stories/back-to-the-bowling-club/").status_code == 404


def test_request_changes_then_resubmit(
    client, story_index, member, moderator, django_capture_on_commit_callbacks
):
    share(client, story_index)
    story = StoryPage.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        current_task_state(story).reject(
            user=moderator, comment="Please leave out the town's name."
        )
    story.refresh_from_db()
    status = story_status(story)
    assert status.code == "changes-requested"
    assert status.comment == "Please leave out the town's name."
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "Please leave out the town's name." in mail.outbox[0].body
    edit_url = story_index.subpage_url("edit_story", story.pk)
    assert edit_url in mail.outbox[0].body

    page = client.get(story_index.my_stories_url).content.decode()
    assert "Changes requested" in page and "Please leave out the town" in page
    assert "Please leave out the town" in client.get(edit_url).content.decode()

    response = client.post(edit_url, story_form_data(what_we_did="We planned lifts together."))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story_status(story).code == "in-moderation"
    current_task_state(story).approve(user=moderator)
    story.refresh_from_db()
    assert story.live and story.what_we_did == "We planned lifts together."


def test_a_story_in_moderation_cannot_be_edited(client, story_index, member):
    share(client, story_index)
    story = StoryPage.objects.get()
    response = client.post(
        story_index.subpage_url("edit_story", story.pk), story_form_data(title="Sneaky")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.draft_title == "Back to the bowling club"


def test_only_a_published_story_can_be_withdrawn(client, story_index, member):
    share(client, story_index, action="save")
    story = StoryPage.objects.get()
    assert client.post(story_index.subpage_url("withdraw_story", story.pk)).status_code == 404


def test_a_visitor_is_sent_to_sign_in(client, story_index):
    response = client.get(story_index.share_url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post(story_index.share_url, story_form_data()).status_code == 302
    assert StoryPage.objects.count() == 0


def test_a_pending_member_cannot_submit(client, story_index, django_user_model):
    pending = django_user_model.objects.create_user(
        username="pending", email="pending@example.org", password="a-long-test-password"
    )
    client.force_login(pending)
    assert client.get(story_index.share_url).status_code == 403
    assert client.post(story_index.share_url, story_form_data()).status_code == 403
    assert client.get(story_index.my_stories_url).status_code == 403
    assert StoryPage.objects.count() == 0


def test_another_members_draft_is_not_found(client, story_index, member):
    share(client, story_index, action="save", title="My private draft")
    story = StoryPage.objects.get()
    other = make_member("other")
    client.force_login(other)
    assert client.get(story_index.subpage_url("edit_story", story.pk)).status_code == 404
    response = client.post(
        story_index.subpage_url("edit_story", story.pk), story_form_data(title="Taken")
    )
    assert response.status_code == 404
    assert client.post(story_index.subpage_url("withdraw_story", story.pk)).status_code == 404
    assert "My private draft" not in client.get(story_index.my_stories_url).content.decode()
    story.refresh_from_db()
    assert story.draft_title == "My private draft"


def test_members_only_story_lives_under_the_one_restricted_page(
    client, story_index, member, moderator
):
    from wagtail.models import PageViewRestriction

    from stories.models import MembersStoriesPage

    share(client, story_index, audience="members")
    story = StoryPage.objects.get()
    folder = MembersStoriesPage.objects.get()
    assert story.get_parent().pk == folder.pk
    current_task_state(story).approve(user=moderator)
    assert StoryPage.objects.live().public().count() == 0
    assert StoryPage.objects.live().count() == 1
    # One restriction (the folder's) however many members-only stories there are.
    assert list(PageViewRestriction.objects.values_list("page_id", flat=True)) == [folder.pk]
    assert {group.name for group in PageViewRestriction.objects.get().groups.all()} == {
        "Members",
        "Moderators",
        "Administrators",
    }


def test_changing_the_audience_moves_the_story(client, story_index, member, moderator):
    share(client, story_index, audience="members", action="save")
    story = StoryPage.objects.get()
    edit_url = story_index.subpage_url("edit_story", story.pk)
    response = client.post(edit_url, story_form_data(audience="public", action="submit"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.get_parent().pk == story_index.pk
    current_task_state(story).approve(user=moderator)
    assert StoryPage.objects.live().public().count() == 1


@pytest.mark.usefixtures("content_cache_off")
def test_my_stories_query_count_does_not_grow(client, story_index, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        client.get(story_index.my_stories_url)  # shows (and clears) the messages left by sharing
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story_index.my_stories_url).status_code == 200
        return len(queries)

    for number in range(2):
        share(client, story_index, title=f"Story {number}", action="save")
    few = count_queries()
    for number in range(2, 12):
        share(
            client, story_index, title=f"Story {number}", action="save" if number % 2 else "submit"
        )
    assert count_queries() == few


def test_an_image_with_a_description_is_saved_with_the_draft(client, story_index, member):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.tests.utils import get_test_image_file

    upload = SimpleUploadedFile(
        "photo.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )
    response = client.post(
        story_index.share_url,
        {**story_form_data(action="save", image_alt_text="A raised flower bed"), "image": upload},
    )
    assert response.status_code == 302
    story = StoryPage.objects.get().get_latest_revision_as_object()
    assert story.image.uploaded_by_user == member
    assert story.image_alt_text == "A raised flower bed"


@pytest.mark.parametrize("action", ["save", "submit"])
def test_blanking_the_description_of_a_drafts_image_is_a_form_error(
    client, story_index, member, action
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.tests.utils import get_test_image_file

    upload = SimpleUploadedFile(
        "photo.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )
    client.post(
        story_index.share_url,
        {**story_form_data(action="save", image_alt_text="A raised flower bed"), "image": upload},
    )
    story = StoryPage.objects.get()
    revisions = Revision.objects.filter(object_id=str(story.pk)).count()

    response = client.post(
        story_index.subpage_url("edit_story", story.pk),
        story_form_data(action=action, image_alt_text=" "),
    )

    assert response.status_code == 200
    assert "Describe the image for people who cannot see it" in response.content.decode()
    assert Revision.objects.filter(object_id=str(story.pk)).count() == revisions
    assert story.get_latest_revision_as_object().image_alt_text == "A raised flower bed"
