"""Menus name only what the visitor may see: no members-only page titles in the public menu."""

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
