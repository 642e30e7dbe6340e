"""Nothing private leaks: story uploads, restricted documents, media paths and the search index."""

from pathlib import PurePath

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from stories.models import StoryPage
from stories.uploads import UPLOADS_COLLECTION
from tests.factories.core import StandardPageFactory, paragraph_body
from tests.factories.stories import make_member, story_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def teller(client):
    user = make_member("teller", first_name="Tess")
    client.force_login(user)
    return user


def share_with_image(client, story_index, **answers):
    upload = SimpleUploadedFile(
        "tess-teller-at-home.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )
    data = {**story_form_data(image_alt_text="A garden", **answers), "image": upload}
    response = client.post(story_index.share_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StoryPage.objects.get().get_latest_revision_as_object()


def api_image_ids(client):
    return [item["id"] for item in client.get("/api/v2/images/").json()["items"]]


def test_a_story_upload_is_private_until_the_story_is_published(client, story_index, teller):
    story = share_with_image(client, story_index)
    image = story.image

    # Kept in a restricted collection, under a name nobody can guess from the upload.
    assert image.collection.name == UPLOADS_COLLECTION
    assert CollectionViewRestriction.objects.filter(collection=image.collection).exists()
    stored_name = PurePath(image.file.name).name
    assert "tess" not in stored_name
    assert len(stored_name.split(".")[0]) == 32

    client.logout()
    assert image.pk not in api_image_ids(client)
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404
    # Original files are never served, whatever their name.
    assert client.get(f"/media/{image.file.name}").status_code == 404

    story.save_revision().publish()
    image.refresh_from_db()
    assert image.collection == Collection.get_first_root_node()
    assert image.pk in api_image_ids(client)


def test_a_members_only_storys_upload_stays_private_once_published(client, story_index, teller):
    story = share_with_image(client, story_index, audience="members")
    story.save_revision().publish()
    story.image.refresh_from_db()
    assert story.image.collection.name == UPLOADS_COLLECTION
    client.logout()
    assert story.image.pk not in api_image_ids(client)


def test_renditions_are_served_but_documents_and_originals_are_not_from_media(client, home_page):
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(title="Public", file=get_test_image_file())
    rendition = image.get_rendition("width-100")
    assert client.get(rendition.url).status_code == 200
    assert client.get(f"/media/{image.file.name}").status_code == 404

    document = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"Private minutes", name="minutes.txt")
    )
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get("/media/../db.sqlite3").status_code == 404


def test_a_restricted_document_is_served_only_to_those_allowed(client, home_page):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Members' papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Minutes",
        file=ContentFile(b"Private minutes", name="minutes.txt"),
        collection=private,
    )
    response = client.get(document.url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert b"Private minutes" not in response.content

    client.force_login(make_member("reader"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Private minutes"


def indexed_titles(word):
    # Straight from the index, with no `.live()` filter: what any query could find.
    return [page.title for page in get_search_backend().search(word, Page)]


def test_only_published_revisions_are_indexed(home_page):
    draft = StandardPageFactory(
        parent=home_page, title="Draft", live=False, body=paragraph_body("zanzibarish plans")
    )
    assert indexed_titles("zanzibarish") == []

    live = StandardPageFactory(parent=home_page, title="Live", body=paragraph_body("ordinary"))
    live.body = paragraph_body("quixotical unpublished wording")
    live.save_revision()
    assert indexed_titles("quixotical") == []
    assert indexed_titles("ordinary") == ["Live"]

    draft.save_revision().publish()
    assert indexed_titles("zanzibarish") == ["Draft"]
    draft.refresh_from_db()
    draft.unpublish()
    assert indexed_titles("zanzibarish") == []


def test_a_shared_story_draft_is_not_indexed(client, story_index, teller):
    client.post(
        story_index.share_url, story_form_data(summary="A unique flamboyantly worded summary.")
    )
    assert StoryPage.objects.exists()
    assert indexed_titles("flamboyantly") == []
