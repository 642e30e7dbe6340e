"""The read-only API v2: public pages, documents and images; never members-only content, and no
authentication of any kind."""

import base64
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_factories import DocumentFactory, ImageFactory

from network_site import api as api_urls
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


def basic_credentials(email, password):
    return "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()


def test_every_endpoint_takes_no_credentials():
    for pattern in api_urls.urlpatterns[0].url_patterns:
        for endpoint in pattern.url_patterns:
            assert endpoint.callback.cls.authentication_classes == (), endpoint
            assert endpoint.callback.cls.permission_classes == (), endpoint


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/"])
def test_http_basic_credentials_are_ignored_never_checked(client, member, path):
    # Before: the REST framework's default BasicAuthentication answered a wrong password with 401
    # (a way to guess passwords, past the sign-in page's rate limit) and a right one signed in.
    anonymous = client.get(path).json()
    wrong = client.get(path, headers={"authorization": basic_credentials(member.email, "guess")})
    assert wrong.status_code == 200
    assert wrong.json() == anonymous
    right = client.get(
        path, headers={"authorization": basic_credentials("member", "a-long-password-1")}
    )
    assert right.status_code == 200
    assert right.json() == anonymous


def urls_in(data):
    """Every link to this site that the API gives in a response: its `..._url` fields (a
    resource's `external_url` is an editor's link elsewhere)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key.endswith("_url") and key != "external_url" and isinstance(value, str):
                yield value
            else:
                yield from urls_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from urls_in(item)


def test_every_link_the_api_gives_can_be_fetched(client, content):
    # Before: the images' download_url pointed at the original file, which is never served (404).
    links = set()
    for endpoint in ("pages", "documents", "images"):
        listing = client.get(f"/api/v2/{endpoint}/", {"fields": "*"}).json()
        links |= set(urls_in(listing))
        for item in listing["items"]:
            links |= set(urls_in(client.get(item["meta"]["detail_url"]).json()))
    assert any("/documents/" in link for link in links)
    assert any("/api/v2/images/" in link for link in links)
    broken = [link for link in links if client.get(urlsplit(link).path).status_code != 200]
    assert broken == []


def test_images_offer_no_download_url(client, content):
    assert client.get("/api/v2/images/", {"fields": "download_url"}).status_code == 400
    image = client.get("/api/v2/images/").json()["items"][0]
    assert "download_url" not in image["meta"]
