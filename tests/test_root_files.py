"""What browsers and feed readers ask for at the root answers, and every icon a page links to
is served."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_favicon_is_at_the_root(client, home_page):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = settings.PROJECT_DIR / "static" / "images" / "favicon.ico"
    assert body_of(response) == icon.read_bytes()
    assert "public" in response["Cache-Control"]


def test_every_icon_a_page_links_to_is_served(client, home_page):
    page = client.get("/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon|manifest)" href="([^"]+)"', page)

    assert len(icons) >= 3
    for href in icons:
        response = client.get(href)
        assert response.status_code == 200, href
        body_of(response)
