"""The home page as sections editors arrange, filled by the apps through core's registry."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks

from network_site.core import home_sections
from network_site.core.models import HomePage
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.events import make_member as make_events_member
from tests.factories.resources import BookletPageFactory, ResourceIndexPageFactory
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db

CORE_DIR = Path(__file__).resolve().parents[1] / "network_site" / "core"


def set_body(home, *blocks):
    home.body = json.dumps([{"type": kind, "value": value} for kind, value in blocks])
    home.save_revision().publish()


def section(key, heading=""):
    return ("site_section", {"section": key, "heading": heading})


def test_every_app_registers_its_section():
    keys = {key for key, _label in home_sections.choices()}
    assert {"next_meeting", "latest_stories", "join"} <= keys


def test_core_never_imports_an_app():
    imports = re.compile(r"^\s*(from|import)\s+(events|stories|resources|mapping)\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(CORE_DIR))
        for path in CORE_DIR.rglob("*.py")
        if "migrations" not in path.parts and imports.search(path.read_text())
    ]
    assert offenders == []


def test_registering_a_key_twice_is_refused():
    def join_again():
        return home_sections.HomeSection("join", "Again", "x.html", dict, "x")

    with (
        hooks.register_temporarily(home_sections.HOME_SECTIONS_HOOK, join_again),
        pytest.raises(ValueError, match="already registered"),
    ):
        home_sections.choices()


def test_a_new_home_page_starts_with_every_registered_section(home_page):
    fresh = HomePage(title="New home", slug="new-home")
    chosen = [block.value["section"] for block in fresh.body if block.block_type == "site_section"]
    assert chosen == [key for key, _label in home_sections.choices()]


def test_next_meeting_section_shows_date_place_places_left_and_booking(client, home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    MeetingPageFactory(
        parent=index,
        title="Spring meeting",
        starts_at=timezone.now() + timedelta(days=40),
        ends_at=timezone.now() + timedelta(days=40, hours=2),
        format="in_person",
        venue_name="Riverside Community Centre",
        capacity=30,
    )
    MeetingPageFactory(
        parent=index,
        title="Summer meeting",
        starts_at=timezone.now() + timedelta(days=120),
        ends_at=timezone.now() + timedelta(days=120, hours=2),
    )
    set_body(home_page, section("next_meeting"))

    html = client.get("/").content.decode()

    assert "Next meeting" in html
    assert "Spring meeting" in html
    assert "Summer meeting" not in html
    assert "Riverside Community Centre" in html
    assert "30 of 30" in html
    assert re.search(r'href="/meetings/[^"]+/#your-place"[^>]*>Book a place', html)


def test_an_online_meeting_says_online(client, home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    MeetingPageFactory(parent=index, format="online", venue_name="")
    set_body(home_page, section("next_meeting"))

    html = client.get("/").content.decode()

    assert re.search(r"Place</dt>\s*<dd[^>]*>Online</dd>", html)


def test_a_section_with_nothing_to_show_leaves_no_heading(client, home_page):
    MeetingIndexPageFactory(parent=home_page)
    set_body(home_page, section("next_meeting", "When we meet next"), section("latest_stories"))

    html = client.get("/").content.decode()

    assert "When we meet next" not in html
    assert "Latest stories" not in html


def test_latest_stories_show_their_themes_newest_first(client, home_page):
    index = make_story_index(home_page)
    for number in range(5):
        StoryPageFactory(parent=index, title=f"Story number {number}", themes=[f"theme {number}"])
    set_body(home_page, section("latest_stories", "From practice"))

    html = client.get("/").content.decode()

    assert "From practice" in html
    assert re.findall(r"Story number (\d)", html) == ["4", "3", "2"]
    assert '<span class="ds_tag">theme 4</span>' in html
    assert "All stories from practice" in html


def test_members_only_stories_stay_off_the_home_page(client, home_page):
    index = make_story_index(home_page)
    StoryPageFactory(parent=index, title="Open story")
    StoryPageFactory(parent=index, title="Members story", audience="members")
    set_body(home_page, section("latest_stories"))

    html = client.get("/").content.decode()

    assert "Open story" in html
    assert "Members story" not in html


@pytest.mark.usefixtures("content_cache_off")
def test_home_page_queries_do_not_grow_with_stories(client, home_page):
    index = make_story_index(home_page)
    set_body(home_page, section("latest_stories"), section("next_meeting"), section("join"))

    def queries_with(stories):
        for number in range(stories):
            StoryPageFactory(parent=index, themes=[f"a{number}", f"b{number}"])
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured)

    assert queries_with(3) == queries_with(9)


def test_join_section_is_for_visitors_only(client, home_page):
    set_body(home_page, section("join"))

    assert "Ask to join" in client.get("/").content.decode()

    client.force_login(make_events_member())
    assert "Ask to join" not in client.get("/").content.decode()


def test_page_cards_link_to_live_pages_with_their_summary(client, home_page):
    booklet = BookletPageFactory(parent=home_page, introduction="What personal outcomes are.")
    library = ResourceIndexPageFactory(parent=home_page)
    library.unpublish()
    set_body(
        home_page,
        (
            "page_cards",
            {
                "heading": "Guides",
                "cards": [
                    {"page": booklet.pk, "summary": ""},
                    {"page": library.pk, "summary": "Hidden"},
                ],
            },
        ),
    )

    html = client.get("/").content.decode()

    assert 'class="ds_category-item__link" href="/booklet/"' in html
    assert "What personal outcomes are." in html
    assert "Hidden" not in html


def test_editor_can_add_a_section_in_the_admin(admin_client, home_page):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    response = admin_client.post(
        f"/admin/pages/{home_page.pk}/edit/",
        nested_form_data(
            {
                "title": home_page.title,
                "slug": home_page.slug,
                "introduction": "Hello",
                "body": streamfield([("site_section", {"section": "join", "heading": "Come in"})]),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302
    home_page.refresh_from_db()
    assert [block.value["heading"] for block in home_page.body] == ["Come in"]


def test_an_unknown_section_is_refused_in_the_admin(admin_client, home_page):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    revisions_before = home_page.revisions.count()
    response = admin_client.post(
        f"/admin/pages/{home_page.pk}/edit/",
        nested_form_data(
            {
                "title": home_page.title,
                "slug": home_page.slug,
                "body": streamfield([("site_section", {"section": "nothing", "heading": ""})]),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert home_page.revisions.count() == revisions_before
