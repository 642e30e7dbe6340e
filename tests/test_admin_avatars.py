"""The admin shows avatars from the site itself: the uploaded one, else the person's initials."""

import re
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.users.models import UserProfile

from tests.factories.membership import UserFactory

pytestmark = pytest.mark.django_db

# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082"
)


def avatar_sources(html):
    return re.findall(r'<span\s+class="avatar[^"]*"[^>]*>.*?<img src="([^"]+)"', html, re.S)


def test_admin_avatars_are_initials_and_never_gravatar(client, home_page):
    admin = UserFactory(is_superuser=True, is_staff=True, first_name="Morag", last_name="Campbell")
    client.force_login(admin)

    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html
    sources = avatar_sources(html)
    assert sources, "the admin shows the user's avatar"
    for source in sources:
        assert source.startswith("data:image/svg+xml,")
        assert ">MC</text>" in unquote(source)


def test_an_uploaded_avatar_is_shown_from_the_sites_own_media(
    client, home_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    admin = UserFactory(is_superuser=True, is_staff=True, first_name="Morag")
    profile = UserProfile.get_for_user(admin)
    profile.avatar = SimpleUploadedFile("me.png", PIXEL_PNG, content_type="image/png")
    profile.save()
    client.force_login(admin)

    sources = avatar_sources(client.get("/admin/").content.decode())

    assert sources and all(source.startswith(settings.MEDIA_URL) for source in sources)


def test_initials_fall_back_to_the_username_and_are_escaped():
    from network_site.core.avatars import initials, initials_avatar_url

    nameless = UserFactory(first_name="", last_name="", username="<script>")
    assert initials(nameless) == "<"
    svg = unquote(initials_avatar_url(nameless))
    assert ">&lt;</text>" in svg and "<script>" not in svg


def test_history_rows_without_a_user_get_the_local_default_avatar(client, home_page):
    from wagtail.log_actions import log

    admin = UserFactory(is_superuser=True, is_staff=True)
    log(instance=home_page, action="wagtail.edit", user=None)
    client.force_login(admin)

    html = client.get(f"/admin/pages/{home_page.pk}/history/").content.decode()

    assert "gravatar" not in html
    assert "default-user-avatar" in html
