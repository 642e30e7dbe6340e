"""A media folder that cannot be written: the member's story is kept (as a draft, without the
image, and they are told), every other upload answers a clear 503, and the operator gets one
error line for each refusal. The folder is made unwritable for real: MEDIA_ROOT sits under a
plain file, so the disk refuses every save (a read-only folder would not stop root)."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from stories.models import StoryPage
from stories.workflow import story_status
from tests.factories.membership import UserFactory
from tests.factories.stories import make_member, story_form_data

pytestmark = pytest.mark.django_db

STORAGE_LOGGER = "network_site.core.storage"


@pytest.fixture
def unwritable_media(settings, tmp_path):
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def member(client):
    user = make_member("teller", first_name="Tess")
    client.force_login(user)
    return user


@pytest.fixture
def administrator(client):
    user = UserFactory(username="root-admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def image_upload(name="garden.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), content_type="image/png")


def storage_error_lines(caplog):
    return [record for record in caplog.records if record.name == STORAGE_LOGGER]


def assert_one_error_line(caplog):
    lines = storage_error_lines(caplog)
    assert len(lines) == 1
    assert lines[0].levelno == logging.ERROR
    assert lines[0].exc_info is None  # one line, not a traceback


def test_a_story_submitted_with_an_image_is_kept_as_a_draft_without_it(
    client, story_index, member, unwritable_media, caplog
):
    response = client.post(
        story_index.share_url,
        {**story_form_data(image_alt_text="A raised flower bed"), "image": image_upload()},
        follow=True,
    )

    assert response.status_code == 200
    story = StoryPage.objects.get()
    assert story.owner == member
    assert story.image is None
    assert story.get_latest_revision_as_object().what_changed == "He goes most weeks."
    # Kept as a draft for the member to add the image to, not sent to the moderators without it.
    assert story_status(story).can_edit
    assert story.current_workflow_state is None
    assert get_image_model().objects.count() == 0
    page = response.content.decode()
    assert "Your image could not be saved just now" in page
    assert response.redirect_chain[-1][0] == story_index.subpage_url("edit_story", story.pk)
    assert_one_error_line(caplog)


def test_an_image_with_a_form_error_is_not_kept_and_the_member_is_told(
    client, story_index, member, unwritable_media, caplog
):
    response = client.post(
        story_index.share_url,
        {
            **story_form_data(what_changed="", image_alt_text="A raised flower bed"),
            "image": image_upload(),
        },
    )

    assert response.status_code == 200
    assert "Your image could not be saved just now: choose it again later" in (
        response.content.decode()
    )
    assert not StoryPage.objects.exists()
    assert get_image_model().objects.count() == 0
    assert_one_error_line(caplog)


def test_a_story_without_an_image_is_untouched_by_the_storage(
    client, story_index, member, unwritable_media, caplog
):
    response = client.post(story_index.share_url, story_form_data())

    assert response.status_code == 302
    assert StoryPage.objects.get().current_workflow_state is not None
    assert storage_error_lines(caplog) == []


def document_upload():
    return SimpleUploadedFile("minutes.txt", b"Minutes of the meeting", content_type="text/plain")


# Every form in the admin that stores a file. The story form is covered above.
ADMIN_UPLOADS = [
    pytest.param(
        "/admin/images/add/",
        lambda: {"title": "A garden", "file": image_upload()},
        lambda: get_image_model().objects.count(),
        id="image",
    ),
    pytest.param(
        "/admin/images/multiple/add/",
        lambda: {"files[]": image_upload()},
        lambda: get_image_model().objects.count(),
        id="images-several",
    ),
    pytest.param(
        "/admin/documents/add/",
        lambda: {"title": "Minutes", "file": document_upload()},
        lambda: get_document_model().objects.count(),
        id="document",
    ),
    pytest.param(
        "/admin/documents/multiple/add/",
        lambda: {"files[]": document_upload()},
        lambda: get_document_model().objects.count(),
        id="documents-several",
    ),
]


# Django marks the request's transaction for rollback when a save fails; outside a test there is
# no transaction around the request, so the test must have none either.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("url", "form_data", "stored_count"), ADMIN_UPLOADS)
def test_an_admin_upload_answers_a_clear_503_and_saves_nothing(
    client, administrator, unwritable_media, caplog, url, form_data, stored_count
):
    response = client.post(url, form_data())

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "your file could not be saved" in response.content.decode()
    assert stored_count() == 0
    assert_one_error_line(caplog)


def test_an_error_that_is_not_the_storages_is_left_alone(rf):
    from network_site.core.storage import UploadStorageFailureMiddleware

    request = rf.post("/admin/images/add/", {"file": image_upload()})
    middleware = UploadStorageFailureMiddleware(lambda request: None)
    assert middleware.process_exception(request, ValueError("not a storage error")) is None
    # Nor is a storage error in a request that sent no file.
    assert middleware.process_exception(rf.post("/", {}), OSError("disk full")) is None
