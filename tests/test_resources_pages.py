"""A resource page as readers see it, editors' bad input, and everything in site search."""

import pytest
from django.contrib.auth import get_user_model
from wagtail_factories import DocumentFactory

from network_site.core.models import Sector
from resources.models import Audience, ResourcePage
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    CarersActGuidePageFactory,
    CarersActSectionPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    heading_and_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def editor(client):
    admin = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="a-long-password-1"
    )
    client.force_login(admin)
    return admin


def test_a_resource_shows_its_details_and_links(client, library):
    document = DocumentFactory(title="Conversation template")
    ResourcePageFactory(
        parent=library,
        title="Equal Partners in Care",
        slug="epic",
        summary="Learning about working with carers.",
        external_url="https://example.org/epic",
        document=document,
        publisher="NHS Education for Scotland",
        year=2013,
        last_reviewed="2026-09-01",
        audiences=[Audience.objects.get(slug="practitioners")],
        sectors=[Sector.objects.get(slug="health")],
        topics=["Carers"],
    )
    response = client.get("/resources/epic/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="https://example.org/epic"' in content
    assert f'href="{document.url}"' in content
    assert "NHS Education for Scotland" in content
    assert "2013" in content
    assert '<time datetime="2026-09-01">1 September 2026</time>' in content
    assert "Practitioners" in content and "Health" in content
    assert 'href="/resources/?topic=carers"' in content


def add_resource_form(**overrides):
    data = {
        "title": "A new resource",
        "slug": "a-new-resource",
        "summary": "What it is.",
        "resource_type": "guide",
        "audiences": [],
        "sectors": [],
        "topics": "",
        "document": "",
        "external_url": "",
        "publisher": "",
        "year": "",
        "last_reviewed": "",
    }
    data.update(overrides)
    return data


def test_a_resource_needs_a_document_or_a_link(client, editor, library):
    response = client.post(
        f"/admin/pages/add/resources/resourcepage/{library.pk}/", add_resource_form()
    )
    assert response.status_code == 200
    assert "Give a document, an external link or a page on this site." in response.content.decode()
    assert not ResourcePage.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("year", "1066"), ("external_url", "not a web address"), ("resource_type", "podcast")],
)
def test_bad_values_are_refused_and_nothing_is_saved(client, editor, library, field, value):
    form = add_resource_form(**{"external_url": "https://example.org/x", field: value})
    response = client.post(f"/admin/pages/add/resources/resourcepage/{library.pk}/", form)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ResourcePage.objects.exists()


def test_an_editor_can_add_a_resource_with_a_link(client, editor, library):
    form = add_resource_form(
        external_url="https://example.org/x",
        audiences=[str(Audience.objects.get(slug="educators").pk)],
        topics="Carers, Evidence",
    )
    response = client.post(f"/admin/pages/add/resources/resourcepage/{library.pk}/", form)
    assert response.status_code == 302
    resource = ResourcePage.objects.get()
    assert resource.get_parent().pk == library.pk
    assert resource.get_latest_revision_as_object().audience_names == ["Educators"]


def search_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results_page"]]


def test_site_search_finds_resources_booklet_chapters_and_the_guide(client, home_page, library):
    ResourcePageFactory(parent=library, title="Outcomes Star", summary="A measurement toolkit.")
    ResourcePageFactory(parent=library, title="Tagged", summary="Nothing.", topics=["Trauma"])
    booklet = BookletPageFactory(parent=home_page)
    BookletChapterPageFactory(
        parent=booklet,
        title="Conversations",
        body=heading_and_text(("Listening", "Leave space for silence.")),
    )
    guide = CarersActGuidePageFactory(parent=home_page)
    CarersActSectionPageFactory(
        parent=guide,
        title="Eligibility",
        body=heading_and_text(("Criteria", "Preventative support comes first.")),
    )
    assert search_titles(client, "measurement") == ["Outcomes Star"]
    assert search_titles(client, "trauma") == ["Tagged"]
    assert search_titles(client, "silence") == ["Conversations"]
    assert search_titles(client, "preventative") == ["Eligibility"]


def test_a_resource_may_point_at_a_page_on_this_site_but_needs_somewhere_to_find_it(home_page):
    from django.core.exceptions import ValidationError

    from tests.factories.resources import BookletPageFactory, ResourceIndexPageFactory

    library = ResourceIndexPageFactory(parent=home_page)
    booklet = BookletPageFactory(parent=home_page)
    resource = ResourcePageFactory.build(external_url="", resource_type="booklet")
    with pytest.raises(ValidationError) as refused:
        resource.full_clean()
    assert "site_page" in refused.value.message_dict
    resource.site_page = booklet
    library.add_child(instance=resource)
    resource.full_clean()
