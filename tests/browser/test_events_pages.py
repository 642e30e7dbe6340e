"""Meetings in Chromium, each checked with axe-core: the index, a meeting before and after it
happens, and a member saying they are coming (then cancelling)."""

import subprocess
import sys
import uuid

import pytest

from tests.browser.conftest import PROJECT_DIR, assert_accessible

MAKE_MEMBER_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

user = get_user_model().objects.create_user(
    username="{email}", email="{email}", password=None, first_name="Browser", last_name="Member"
)
user.groups.add(Group.objects.get_or_create(name="Members")[0])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


@pytest.fixture
def member_page(chromium, served_site):
    """A browser signed in as a new network member (a user in the "Members" group)."""
    email = f"member-{uuid.uuid4().hex[:8]}@example.org"
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "manage.py"),
            "shell",
            "-c",
            MAKE_MEMBER_SESSION.format(email=email),
        ],
        env=served_site["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    session_key = result.stdout.strip().splitlines()[-1]
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": served_site["url"]}])
    browser_page = context.new_page()
    yield browser_page
    context.close()


def tick(page, label):
    # The design system draws its own box over the input: a person clicks the label.
    page.locator("label.ds_checkbox__label", has_text=label).click()
    assert page.get_by_label(label).is_checked()


def open_first_meeting(page, served_site, section):
    page.goto(served_site["url"] + "/meetings/")
    page.locator(f"#{section} .ds_search-result__link").first.click()
    page.wait_for_load_state()


def test_meeting_index_lists_upcoming_and_past_and_is_accessible(page, served_site):
    response = page.goto(served_site["url"] + "/meetings/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Network meetings"
    assert page.locator("#upcoming .ds_search-result").count() == 2
    assert page.locator("#past .ds_search-result").count() == 4
    assert (
        page.locator("#upcoming").get_by_text("GMT").count()
        + page.locator("#upcoming").get_by_text("BST").count()
        >= 1
    )
    assert_accessible(page)


def test_home_page_shows_the_next_meeting(page, served_site):
    page.goto(served_site["url"] + "/meetings/")
    next_title = page.locator("#upcoming .ds_search-result__link").first.inner_text()
    page.goto(served_site["url"] + "/")
    section = page.locator("section[aria-labelledby='home-next-meeting']")
    assert section.get_by_role("link", name=next_title, exact=True).is_visible()
    assert_accessible(page)


def test_a_meeting_before_it_happens_is_accessible_and_hides_the_joining_link(page, served_site):
    open_first_meeting(page, served_site, "upcoming")
    assert page.locator(".ds_page-header__label").inner_text() == "Meeting"
    assert page.get_by_role("heading", name="Agenda").is_visible()
    assert page.locator("#your-place").get_by_role("link", name="Sign in").is_visible()
    assert "meet.example.org" not in page.content()
    assert_accessible(page)


def test_a_meeting_after_it_happens_shows_what_happened_and_is_accessible(page, served_site):
    open_first_meeting(page, served_site, "past")
    assert page.locator(".ds_page-header__label").inner_text() == "Past meeting"
    assert page.get_by_role("heading", name="What happened").is_visible()
    assert page.get_by_role("heading", name="Stories presented").is_visible()
    assert page.get_by_role("button", name="Say I am coming").count() == 0
    assert "meet.example.org" not in page.content()
    assert_accessible(page)


def test_a_member_books_with_access_needs_then_cancels(member_page, served_site):
    page = member_page
    # The demo's formats rotate, so one of the next two meetings is online or hybrid.
    page.goto(served_site["url"] + "/meetings/")
    page.locator("#upcoming .ds_search-result").filter(has_not_text="In person").locator(
        "a"
    ).first.click()
    page.wait_for_load_state()
    assert "meet.example.org" not in page.content()
    assert_accessible(page)

    # A need that asks for details, without them: a clear error, nothing booked.
    tick(page, "Something else")
    page.get_by_role("button", name="Say I am coming").click()
    assert page.locator(".ds_error-summary").is_visible()
    assert page.locator(".ds_question__error-message").inner_text().startswith("Tell us what")
    assert page.get_by_text("You are coming to this meeting").count() == 0
    assert_accessible(page)

    tick(page, "Captions")
    page.get_by_label("Tell us more (optional)").fill("A seat near the front, please.")
    page.get_by_role("button", name="Say I am coming").click()
    assert page.get_by_text("You are coming to this meeting").is_visible()
    assert page.get_by_text("Captions, Something else").is_visible()
    place_text = page.locator(".ds_metadata__item", has_text="Place").first.inner_text()
    if "online" in place_text.lower():
        assert (
            page.locator(".site-joining-link a")
            .inner_text()
            .startswith("https://meet.example.org/")
        )
    assert_accessible(page)

    # Cancelling asks first, on a page of its own (no JavaScript needed).
    page.get_by_role("link", name="Cancel my place").click()
    assert page.locator("h1").inner_text() == "Cancel your place?"
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel my place").click()
    assert page.get_by_text("You are no longer down for this meeting").is_visible()
    assert page.get_by_role("button", name="Say I am coming").is_visible()
    assert page.locator(".site-joining-link").count() == 0
