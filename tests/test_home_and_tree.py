import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from network_site.core.models import HomePage, StandardPage
from tests.factories.core import StandardPageFactory, paragraph_body

pytestmark = pytest.mark.django_db


def test_home_page_shows_its_title_introduction_and_body(client, home_page):
    home_page.introduction = "Support planned around what matters to each person."
    home_page.body = paragraph_body("We meet four times a year to share practice.")
    home_page.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="ds_page-header__title">Personal Outcomes Network</h1>' in html
    assert "Support planned around what matters to each person." in html
    assert "We meet four times a year to share practice." in html


def test_home_page_can_be_created_only_under_the_root(home_page):
    root = Page.get_first_root_node()
    about = StandardPageFactory(parent=home_page)

    assert not HomePage.can_create_at(home_page)
    assert not HomePage.can_create_at(about)
    # Under the root, the one that exists already is the limit.
    assert not HomePage.can_create_at(root)


def test_home_page_can_be_created_under_the_root_when_there_is_none(db):
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    assert HomePage.can_create_at(root)


def test_admin_offers_no_second_home_page(client, home_page, django_user_model):
    admin = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-x9!long")
    client.force_login(admin)
    root_id = home_page.get_parent().pk

    # With one type left to offer, Wagtail goes straight to it: never to a second home page.
    choices = client.get(f"/admin/pages/{root_id}/add_subpage/")
    offered = choices.headers.get("Location", "") + choices.content.decode()
    assert "/add/core/homepage/" not in offered

    attempt = client.get(f"/admin/pages/add/core/homepage/{root_id}/")
    assert attempt.status_code in (302, 403)
    assert HomePage.objects.count() == 1


def test_standard_page_renders_its_body_under_the_home_page(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Privacy notice",
        slug="privacy",
        body=paragraph_body("We keep little."),
    )
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "We keep little." in response.content.decode()
    assert 'aria-label="Breadcrumb"' in response.content.decode()


def test_image_block_requires_alt_text():
    from network_site.core.blocks import ImageBlock

    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))


def test_call_to_action_needs_a_page_or_an_address():
    from network_site.core.blocks import CallToActionBlock

    block = CallToActionBlock()
    value = block.to_python(
        {"title": "Join", "text": "", "page": None, "url": "", "button_label": "Go"}
    )
    with pytest.raises(ValidationError):
        block.clean(value)


class TestEditorCanCreateStandardPage(WagtailTestUtils):
    def test_standard_page_allowed_under_home(self, home_page):
        assert StandardPage.can_create_at(home_page)


def test_home_page_title_names_the_network_once(client, home_page):
    html = client.get("/").content.decode()
    assert "<title>Personal Outcomes Network</title>" in html
