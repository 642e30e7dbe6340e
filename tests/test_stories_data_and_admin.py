"""Stories in the personal-data register, the moderator's view in the admin, and demo content."""

import pytest
from wagtail.models import Revision

from network_site.membership import personal_data
from stories.models import HelpedMark, StoryPage
from tests.factories.stories import StoryPageFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def teller():
    return make_member("teller", first_name="Tess", last_name="Teller")


@pytest.fixture
def teller_stories(story_index, teller):
    published = StoryPageFactory(
        parent=story_index,
        title="Published story",
        owner=teller,
        credit="name",
        credit_name="Tess Teller",
    )
    draft = StoryPageFactory(
        parent=story_index, title="Draft story", owner=teller, live=False, published=False
    )
    other = StoryPageFactory(parent=story_index, title="Someone else's story")
    HelpedMark.objects.create(story=other, user=teller)
    return published, draft, other


def test_the_register_covers_stories_and_helped_marks():
    assert {StoryPage, HelpedMark} <= personal_data.covered_models()


def test_export_lists_the_members_stories_and_marks(teller, teller_stories):
    exported = personal_data.export_for(teller)["stories"]
    assert [(story["title"], story["status"]) for story in exported["stories"]] == [
        ("Published story", "Published"),
        ("Draft story", "Draft"),
    ]
    assert exported["stories"][0]["credit_name"] == "Tess Teller"
    assert [mark["story"] for mark in exported["helped_marks"]] == ["Someone else's story"]


def test_erase_anonymises_published_stories_and_deletes_drafts(client, teller, teller_stories):
    published, draft, other = teller_stories
    personal_data.erase_for(teller)
    assert not StoryPage.objects.filter(pk=draft.pk).exists()
    published.refresh_from_db()
    assert published.live
    assert published.owner is None
    assert published.credit == "anonymous"
    assert published.credit_name == ""
    assert "Tess Teller" not in client.get(published.url).content.decode()
    for revision in Revision.objects.filter(object_id=str(published.pk)):
        assert "Tess Teller" not in str(revision.content)
    assert not HelpedMark.objects.filter(user=teller).exists()
    assert StoryPage.objects.filter(pk=other.pk).exists()


def test_the_moderator_sees_the_identifying_detail_warnings_in_the_admin(
    client, story_index, admin_user
):
    story = StoryPageFactory(
        parent=story_index,
        what_we_did="We visited Mr Fraser at G12 8QQ.",
        live=False,
        published=False,
    )
    story.save_revision()
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Details that may identify people" in html
    assert "“Mr Fraser” looks like a name after a title" in html
    assert "“G12 8QQ” looks like a postcode" in html


def test_other_pages_keep_wagtails_own_approval_email(home_page, django_user_model):
    """The stories app takes over the teller's emails for story pages only."""
    from django.core import mail
    from wagtail.models import Workflow

    from network_site.core.roles import EDITOR
    from tests.factories.core import StandardPageFactory
    from tests.factories.membership import make_staff

    editor = django_user_model.objects.create_user(
        username="editor", email="editor@example.org", password="a-long-test-password"
    )
    page = StandardPageFactory(parent=home_page)
    page.save_revision(user=editor)
    # Wagtail's default workflow, given to editors: moderators review stories only.
    workflow_state = Workflow.objects.get(name="Editors approval").start(page, editor)
    mail.outbox.clear()
    workflow_state.current_task_state.specific.approve(user=make_staff(EDITOR))
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert "/admin/" in mail.outbox[0].body
