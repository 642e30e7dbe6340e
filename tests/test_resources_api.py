"""The read-only API v2: public pages, documents and images; never members-only content."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_factories import DocumentFactory, ImageFactory

from network_site.core.roles import MEMBER
from resources.models import ResourcePage
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    library = ResourceIndexPageFactory(parent=home_page)
    public = ResourcePageFactory(
        parent=library, title="Public guide", summary="For everyone.", topics=["Carers"]
    )
    members_only = ResourcePageFactory(parent=library, title="Members' briefing")
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    group_only = BookletPageFactory(parent=home_page, title="Members' booklet", slug="m")
    BookletChapterPageFactory(parent=group_only, title="Members' chapter")
    restriction = PageViewRestriction.objects.create(
        page=group_only, restriction_type=PageViewRestriction.GROUPS
    )
    members, _ = Group.objects.get_or_create(name=MEMBER.group)
    restriction.groups.add(members)

    root_collection = Collection.get_first_root_node()
    private_collection = root_collection.add_child(name="Members' papers")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    DocumentFactory(title="Public leaflet")
    DocumentFactory(title="Members' minutes", collection=private_collection)
    ImageFactory(title="Public photo")
    ImageFactory(title="Members' photo", collection=private_collection)
    return {"public": public, "members": members}


@pytest.fixture
def member(django_user_model, content):
    user = django_user_model.objects.create_user(
        username="member", email="member@example.org", password="a-long-password-1"
    )
    user.groups.add(content["members"])
    return user


def titles(response):
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_pages_lists_public_pages_only(client, content):
    found = titles(client.get("/api/v2/pages/"))
    assert "Public guide" in found
    assert "Resource library" in found
    assert not {"Members' briefing", "Members' booklet", "Members' chapter"} & found


def test_a_signed_in_member_still_gets_public_pages_only(client, member):
    client.force_login(member)
    found = titles(client.get("/api/v2/pages/"))
    assert "Public guide" in found
    assert not {"Members' briefing", "Members' booklet", "Members' chapter"} & found


def test_a_members_only_page_is_not_found_by_id(client, member, content):
    client.force_login(member)
    restricted = ResourcePage.objects.get(title="Members' briefing")
    assert client.get(f"/api/v2/pages/{restricted.pk}/").status_code == 404


def test_a_resource_has_its_fields(client, content):
    response = client.get(f"/api/v2/pages/{content['public'].pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["summary"] == "For everyone."
    assert data["resource_type"] == "guide"
    assert data["topic_names"] == ["Carers"]
    assert data["external_url"].startswith("https://example.org/")
    listing = client.get(
        "/api/v2/pages/", {"type": "resources.ResourcePage", "fields": "summary,publisher"}
    )
    assert [item["summary"] for item in listing.json()["items"]] == ["For everyone."]


def test_documents_and_images_leave_out_restricted_collections(client, member):
    client.force_login(member)
    assert titles(client.get("/api/v2/documents/")) == {"Public leaflet"}
    assert titles(client.get("/api/v2/images/")) == {"Public photo"}


def test_the_api_is_read_only(client, content):
    response = client.post("/api/v2/pages/", {"title": "New"})
    assert response.status_code == 405
    assert client.delete(f"/api/v2/pages/{content['public'].pk}/").status_code == 405


def test_junk_api_parameters_are_a_bad_request_not_an_error(client, content):
    assert client.get("/api/v2/pages/", {"type": "nope.Nothing"}).status_code == 400
    assert client.get("/api/v2/pages/", {"limit": "abc"}).status_code == 400
    assert client.get("/api/v2/pages/", {"fields": "password"}).status_code == 400
    # Found by the hostile query-string test: a NUL in the search broke SQLite's full-text query.
    assert client.get("/api/v2/pages/", {"search": "\x00"}).status_code == 400
    assert client.get("/api/v2/documents/", {"search": "a\x00b"}).status_code == 400
