"""A chosen image survives a story form that comes back with an error; the upload field follows
the design system's documented file-upload markup."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from stories.models import StoryPage
from tests.factories.stories import make_member, story_form_data

pytestmark = pytest.mark.django_db

KEPT_TOKEN = re.compile(r'name="kept_image" value="([^"]+)"')


@pytest.fixture
def member(client):
    user = make_member("teller", first_name="Tess")
    client.force_login(user)
    return user


def upload():
    return SimpleUploadedFile(
        "garden.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )


def post_with_error(client, story_index):
    """A story with an image and a described image, but with a required answer missing."""
    return client.post(
        story_index.share_url,
        {
            **story_form_data(what_changed="", image_alt_text="A raised flower bed"),
            "image": upload(),
        },
    )


def test_the_chosen_image_is_kept_when_the_form_has_an_error(client, story_index, member):
    response = post_with_error(client, story_index)

    page = response.content.decode()
    assert "Say what changed" in page
    assert "You chose the image" in page and "you do not need to choose it again" in page
    token = KEPT_TOKEN.search(page).group(1)
    assert StoryPage.objects.count() == 0

    # The member fixes the error and submits again without choosing the file.
    response = client.post(
        story_index.share_url,
        {**story_form_data(image_alt_text="A raised flower bed"), "kept_image": token},
    )

    assert response.status_code == 302
    story = StoryPage.objects.get()
    assert story.image.uploaded_by_user == member
    assert story.image.title == "A raised flower bed"
    assert get_image_model().objects.count() == 1


def test_the_image_stays_kept_through_a_second_error(client, story_index, member):
    token = KEPT_TOKEN.search(post_with_error(client, story_index).content.decode()).group(1)

    again = client.post(
        story_index.share_url, {**story_form_data(what_changed=""), "kept_image": token}
    ).content.decode()

    assert "You chose the image" in again
    # Still an image, so it still needs describing.
    assert "Describe the image" in again
    assert get_image_model().objects.count() == 1


def test_another_members_kept_image_cannot_be_taken(client, story_index, member):
    token = KEPT_TOKEN.search(post_with_error(client, story_index).content.decode()).group(1)
    client.force_login(make_member("someone-else"))

    response = client.post(
        story_index.share_url,
        {**story_form_data(image_alt_text="Theirs"), "kept_image": token},
    )

    assert response.status_code == 302
    assert StoryPage.objects.get().image is None


@pytest.mark.parametrize("token", ["not-a-token", "1", "<script>", "x" * 5000])
def test_a_forged_kept_image_token_is_ignored(client, story_index, member, token):
    response = client.post(story_index.share_url, {**story_form_data(), "kept_image": token})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert StoryPage.objects.get().image is None


def test_the_upload_uses_the_design_systems_file_upload_markup(client, story_index, member):
    page = client.get(story_index.share_url).content.decode()
    block = page[page.index('<div class="ds_file-upload" data-module="ds-file-upload">') :]
    assert block.index('for="id_image"') < block.index('class="ds_file-upload__input"')
    assert 'class="ds_file-upload__input"' in block
    assert "{#" not in page and "design system 4.2.0" not in page
    # The old markup put the wrapper's class on the input itself, which broke the script.
    assert not re.search(r'<input class="ds_file-upload"', page)


def test_erasing_an_account_deletes_an_unused_kept_image(client, story_index, member):
    from network_site.membership.erasure import delete_account

    post_with_error(client, story_index)
    assert get_image_model().objects.filter(uploaded_by_user=member).count() == 1

    delete_account(member)

    assert get_image_model().objects.count() == 0


def test_the_kept_image_is_named_by_the_file_the_member_chose(client, story_index, member):
    page = post_with_error(client, story_index).content.decode()

    assert "You chose the image “garden.png”" in page
    stored = get_image_model().objects.get().file.name
    assert "garden" not in stored  # the stored file keeps its random name


def age(image, **delta):
    get_image_model().objects.filter(pk=image.pk).update(
        created_at=timezone.now() - timedelta(**delta)
    )


def test_the_scheduler_deletes_uploads_abandoned_for_a_day(client, story_index, member):
    post_with_error(client, story_index)
    abandoned = get_image_model().objects.get()
    abandoned_file = abandoned.file.name
    age(abandoned, hours=25)
    post_with_error(client, story_index)
    recent = get_image_model().objects.exclude(pk=abandoned.pk).get()
    age(recent, hours=23)
    # An image a saved story uses is never abandoned, however old.
    token = KEPT_TOKEN.search(post_with_error(client, story_index).content.decode()).group(1)
    client.post(
        story_index.share_url,
        {**story_form_data(image_alt_text="A raised flower bed"), "kept_image": token},
    )
    used = StoryPage.objects.get().image
    age(used, days=30)

    output = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("run_scheduled_work", "hourly", stdout=output)

    assert set(get_image_model().objects.values_list("pk", flat=True)) == {recent.pk, used.pk}
    assert not default_storage.exists(abandoned_file)
    assert "delete_abandoned_uploads" in call_command_listing()


def call_command_listing():
    output = StringIO()
    call_command("run_scheduled_work", "--list", stdout=output)
    return output.getvalue()
