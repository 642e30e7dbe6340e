"""Menus, breadcrumbs and the sitemap name only what the visitor may see: no members-only, restricted
or draft page titles."""

import pytest
from wagtail.models import PageViewRestriction

from network_site.core.context_processors import navigation_items
from tests.factories.core import StandardPageFactory
from tests.factories.membership import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    public = StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    corner = StandardPageFactory(parent=home_page, title="Members' corner", show_in_menus=True)
    PageViewRestriction.objects.create(page=corner, restriction_type=PageViewRestriction.LOGIN)
    return public, corner


def labels(rf, user=None):
    request = rf.get("/")
    if user is not None:
        request.user = user
    else:
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
    request.session = {}
    return [item["label"] for item in navigation_items(request)]


def test_visitors_never_see_a_members_only_title_in_the_menu(client, rf, pages):
    assert labels(rf) == ["About us"]
    assert "Members&#x27; corner" not in client.get("/").content.decode()
    assert "Members' corner" not in client.get("/").content.decode()


def test_members_see_what_they_may_open(rf, pages):
    assert labels(rf, MemberFactory()) == ["About us", "Members' corner"]


def test_the_cached_menu_is_checked_for_each_request(rf, pages, settings):
    settings.CONTENT_CACHE_SECONDS = 300
    # The menu is kept in the shared cache, the same for everyone; who may see an item is not.
    assert labels(rf) == ["About us"]
    assert labels(rf, MemberFactory()) == ["About us", "Members' corner"]
    assert labels(rf) == ["About us"]
    corner = pages[1]
    corner.title = "Members' room"
    corner.save_revision().publish()
    assert labels(rf, MemberFactory()) == ["About us", "Members' room"]


# Breadcrumbs, menu and sitemap for a visitor, with a members-only story, a restricted standard
# page (and a page under it) and a draft (with a live page under it) in the tree.

SECRET_TITLES = ["Zebracorn rota story", "Members' corner", "Corner notes", "Unfinished section"]


@pytest.fixture
def mixed_tree(home_page, story_index):
    from tests.factories.stories import StoryPageFactory

    public_story = StoryPageFactory(parent=story_index, title="An open story")
    StoryPageFactory(parent=story_index, title="Zebracorn rota story", audience="members")
    about = StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    corner = StandardPageFactory(parent=home_page, title="Members' corner", show_in_menus=True)
    PageViewRestriction.objects.create(page=corner, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=corner, title="Corner notes")
    draft = StandardPageFactory(parent=home_page, title="Unfinished section", show_in_menus=True)
    under_draft = StandardPageFactory(parent=draft, title="Published under a draft")
    draft.unpublish()
    return {"story": public_story, "about": about, "under_draft": under_draft}


def breadcrumb_labels(html):
    import re

    trail = re.search(r'<nav aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", trail)
    ]


def test_a_visitor_never_sees_a_restricted_or_draft_title(client, mixed_tree):
    from wagtail.models import Page

    visible = [
        "/",
        mixed_tree["story"].url,
        mixed_tree["about"].url,
        mixed_tree["under_draft"].url,
        "/stories/",
        "/sitemap.xml",
    ]
    for url in visible:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        for title in SECRET_TITLES:
            assert title not in html and title.replace("'", "&#x27;") not in html, (url, title)
    # The restricted pages send a visitor to sign in, and the sign-in page names none of them.
    for page in Page.objects.filter(title__in=SECRET_TITLES[:3]):
        response = client.get(page.url, follow=True)
        assert response.redirect_chain and "login" in response.redirect_chain[0][0]
        assert not any(title in response.content.decode() for title in SECRET_TITLES)

    assert breadcrumb_labels(client.get(mixed_tree["under_draft"].url).content.decode()) == [
        "Home",
        "Published under a draft",
    ]
    assert breadcrumb_labels(client.get(mixed_tree["story"].url).content.decode()) == [
        "Home",
        "Stories from practice",
        "An open story",
    ]


def test_the_sitemap_lists_exactly_the_public_live_pages(client, mixed_tree, settings):
    from xml.etree import ElementTree

    settings.SITE_URL = "https://network.example.org"
    response = client.get("/sitemap.xml")
    namespace = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {
        element.text.removeprefix(settings.SITE_URL)
        for element in ElementTree.fromstring(response.content).findall(
            "sitemap:url/sitemap:loc", namespace
        )
    }
    assert listed == {
        "/",
        "/stories/",
        mixed_tree["story"].url,
        mixed_tree["about"].url,
        mixed_tree["under_draft"].url,
    }
