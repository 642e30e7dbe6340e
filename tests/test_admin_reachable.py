"""Every admin view a role may use is reachable by clicking, from the admin's dashboard.

For each staff role, the views the permission matrix (tests/test_permission_matrix.py) says the
role gets (200 on GET) are the targets; the test follows the links the admin draws (and the menu,
which the admin's JavaScript draws from the sidebar's data) from /admin/ until it has found each
target. An action that exists only for someone who types its address fails here.
"""

import json
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.test_permission_matrix import CASES, STAFF, build_site, sign_in_as

pytestmark = pytest.mark.django_db

# Enough for the whole admin of the test site; a target further than this is not "reachable".
MOST_PAGES_VISITED = 400


class LinkReader(HTMLParser):
    """The addresses a person can click: links, and the menu items in the sidebar's data."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.in_sidebar_data = False
        self.sidebar_data = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and attrs.get("id") == "wagtail-sidebar-props":
            self.in_sidebar_data = True

    def handle_data(self, data):
        if self.in_sidebar_data:
            self.sidebar_data += data

    def handle_endtag(self, tag):
        if tag == "script" and self.in_sidebar_data:
            self.in_sidebar_data = False
            self.links.extend(menu_urls(json.loads(self.sidebar_data)))


def menu_urls(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "url" and isinstance(value, str):
                yield value
            else:
                yield from menu_urls(value)
    elif isinstance(data, list):
        for item in data:
            yield from menu_urls(item)


def links_on(url, html):
    reader = LinkReader()
    reader.feed(html)
    return [urljoin(url, link) for link in reader.links]


def admin_path(url):
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/admin/"):
        return None
    if parts.path.startswith("/admin/logout/"):
        return None
    return parts.path


def reachable(client, targets):
    """The targets found by following links from /admin/ (all of them, or what was left unfound
    after MOST_PAGES_VISITED pages)."""
    seen, queue, found = {"/admin/"}, deque(["/admin/"]), set()
    visited = 0
    while queue and found != targets and visited < MOST_PAGES_VISITED:
        url = queue.popleft()
        visited += 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in links_on(url, response.content.decode()):
            path = admin_path(link)
            if path is None or path in seen:
                continue
            seen.add(path)
            if path in targets:
                found.add(path)
            queue.append(link)
    return found


def targets_for(role, urls):
    """The admin views (our own, and the admin itself) this role may open, by their path."""
    return {
        urlsplit(case.url.format(**urls)).path
        for case in CASES
        if case.key.startswith("admin/")
        and case.method == "get"
        and case.expect[role] == 200
        # Listings fetch these fragments themselves when filtered: nobody clicks them.
        and not case.key.endswith("/results/")
    } - {"/admin/"}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with module_database(django_db_blocker):
        yield build_site(make_home_page())


@pytest.mark.parametrize("role", [*STAFF, "administrator"])
def test_every_admin_view_a_role_may_use_is_reachable_by_clicking(client, site, role):
    sign_in_as(client, role, site)
    targets = targets_for(role, site["urls"])
    assert targets or role == "moderator" or role == "editor"
    assert sorted(targets - reachable(client, targets)) == []
