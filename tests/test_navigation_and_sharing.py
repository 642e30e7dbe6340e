"""The main menu, breadcrumbs below home, the logo and icons, and link-preview metadata."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from network_site.core.models import NavigationSettings
from tests.factories.core import StandardPageFactory
from tests.factories.events import make_member
from tests.factories.resources import (
    BookletPageFactory,
    CarersActGuidePageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db


def menu(html):
    nav = re.search(
        r'<nav class="ds_site-navigation" aria-label="Main navigation">(.*?)</nav>', html, re.S
    )
    return nav.group(1)


def menu_labels(html):
    return [
        re.sub(r"<[^>]+>|\s+", " ", label).strip()
        for label in re.findall(
            r'class="ds_site-navigation__link[^"]*"[^>]*>(.*?)</(?:a|button)>', menu(html), re.S
        )
    ]


@pytest.fixture
def site_sections(home_page):
    about = StandardPageFactory(parent=home_page, title="About the network", slug="about")
    library = ResourceIndexPageFactory(parent=home_page)
    booklet = BookletPageFactory(parent=home_page)
    guide = CarersActGuidePageFactory(parent=home_page)
    settings = NavigationSettings.for_site(home_page.get_site())
    settings.items = json.dumps(
        [
            {"type": "item", "value": {"label": "About", "page": about.pk, "also_for": []}},
            {
                "type": "item",
                "value": {
                    "label": "Resources",
                    "page": library.pk,
                    "also_for": [booklet.pk, guide.pk],
                },
            },
        ]
    )
    settings.save()
    return {"about": about, "library": library, "booklet": booklet, "guide": guide}


def test_menu_lists_the_chosen_short_labels_then_join_and_sign_in(client, site_sections):
    html = client.get("/").content.decode()
    assert menu_labels(html) == ["About", "Resources", "Join", "Sign in"]


def test_booklet_and_carers_act_guide_sit_under_resources(client, site_sections):
    for page in (site_sections["booklet"], site_sections["guide"], site_sections["library"]):
        html = menu(client.get(page.url).content.decode())
        current = re.findall(r'class="ds_site-navigation__link ds_current"[^>]*>([^<]+)<', html)
        assert current == ["Resources"], page.url


def test_signed_in_member_sees_your_account_and_sign_out(client, site_sections):
    client.force_login(make_member())
    labels = menu_labels(client.get("/").content.decode())
    assert labels[-2:] == ["Your account", "Sign out"]
    assert "Sign in" not in labels and "Join" not in labels


def test_without_chosen_items_the_menu_lists_pages_shown_in_menus(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Hidden page", show_in_menus=False)
    labels = menu_labels(client.get("/").content.decode())
    assert labels == ["About us", "Join", "Sign in"]


def test_navigation_allows_at_most_six_items():
    field = NavigationSettings._meta.get_field("items")
    assert field.stream_block.meta.max_num == 6


def breadcrumbs(html):
    trail = re.search(r'<nav aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    return trail and [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li[^>]*>(.*?)</li>", trail.group(1), re.S)
    ]


def test_breadcrumbs_on_every_page_below_home(client, site_sections):
    resource = ResourcePageFactory(parent=site_sections["library"], title="A guide")
    assert breadcrumbs(client.get("/").content.decode()) is None
    assert breadcrumbs(client.get("/about/").content.decode()) == ["Home", "About the network"]
    assert breadcrumbs(client.get(resource.url).content.decode()) == [
        "Home",
        "Resource library",
        "A guide",
    ]
    assert breadcrumbs(client.get("/search/?q=guide").content.decode()) == ["Home", "Search"]
    assert breadcrumbs(client.get("/join/").content.decode()) == ["Home", "Join"]
    assert breadcrumbs(client.get("/accounts/login/").content.decode()) == ["Home", "Account"]


def test_logo_has_a_text_alternative_and_icons_exist(client, home_page):
    html = client.get("/").content.decode()
    assert re.search(
        r'<img class="[^"]*site-logo"[^>]+alt="Personal Outcomes Network: home page"', html
    )
    for name in ("logo.svg", "logo-mark.svg", "favicon.ico", "apple-touch-icon.png", "sharing.png"):
        assert finders.find(f"images/{name}"), name
        assert f"images/{name}" in html
    assert 'rel="apple-touch-icon"' in html
    assert 'rel="manifest"' in html


def sharing(html):
    return dict(re.findall(r'<meta property="og:([a-z:_]+)" content="([^"]*)"', html))


def test_every_public_page_has_open_graph_title_description_and_image(client, site_sections):
    resource = ResourcePageFactory(
        parent=site_sections["library"], title="Talking about outcomes", summary="How to begin."
    )
    for path, title in [
        ("/", "Personal Outcomes Network"),
        (resource.url, "Talking about outcomes"),
        ("/about/", "About the network"),
        ("/join/", "Personal Outcomes Network"),
        ("/search/?q=x", "Personal Outcomes Network"),
    ]:
        tags = sharing(client.get(path).content.decode())
        assert tags["title"] == title, path
        assert tags["description"], path
        assert tags["image"].startswith(settings.SITE_URL + "/static/images/sharing.png"), path
        assert tags["url"].startswith(settings.SITE_URL + "/"), path
    assert sharing(client.get(resource.url).content.decode())["description"] == "How to begin."
