"""Easy Read pages and the language check in Chromium: axe-core at a phone's width and a
desktop's, the print view, the story form's advice with and without JavaScript, and the admin's
check of a page. The member here is this file's own; no shared demo account changes."""

import os
import re
import subprocess
import sys

import pytest

from tests.browser.conftest import PROJECT_DIR, assert_accessible, sign_in
from tests.browser.test_admin_screens import assert_accessible as assert_admin_accessible

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", str(PROJECT_DIR / "browser-screenshots"))
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
DEMO_ADMIN = ("admin@example.org", "network-demo-admin")

EASY_READ_PAGES = {
    "easy-read-index": ("/easy-read/", "Easy Read"),
    "easy-read-booklet": ("/easy-read/personal-outcomes/", "Personal outcomes in Easy Read"),
    "easy-read-joining": ("/easy-read/join-the-network/", "How to join the network in Easy Read"),
}

SIGN_IN_WRITER = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

user, _ = get_user_model().objects.get_or_create(
    username="browser-h8-writer",
    defaults={"email": "browser-h8-writer@example.org", "first_name": "Wren", "last_name": "Writer"},
)
user.groups.add(Group.objects.get_or_create(name="Members")[0])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def run_in_site(served_site, code):
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-v0", "-c", code],
        env=served_site["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def sized(request, chromium):
    width, height = WIDTHS[request.param]
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    yield context, width
    context.close()


def photograph(browser_page, name, width):
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    browser_page.screenshot(
        path=os.path.join(SCREENSHOT_DIR, f"{name}-{width}.png"), full_page=True
    )


@pytest.mark.parametrize("name", sorted(EASY_READ_PAGES))
def test_easy_read_pages_are_accessible_at_both_widths(sized, served_site, name):
    context, width = sized
    browser_page = context.new_page()
    path, heading = EASY_READ_PAGES[name]
    response = browser_page.goto(served_site["url"] + path)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == heading
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    pictures = browser_page.locator(".site-easy-read-step__picture")
    assert pictures.count() >= (1 if name == "easy-read-index" else 8)
    # Every picture has loaded, and has a description (the index's are decorative beside links).
    assert browser_page.evaluate(
        "[...document.querySelectorAll('.site-easy-read-step__picture')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    if name != "easy-read-index":
        alts = [pictures.nth(i).get_attribute("alt") for i in range(pictures.count())]
        assert all(alt and alt.startswith("A drawing of") for alt in alts)
        # Large type: the steps are bigger than the site's body text.
        size = browser_page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.site-easy-read-step__text p')).fontSize)"
        )
        assert size >= 21
    photograph(browser_page, name, width)
    assert_accessible(browser_page)


def test_the_standard_page_links_to_its_easy_read_version(sized, served_site):
    context, width = sized
    browser_page = context.new_page()
    browser_page.goto(served_site["url"] + "/understanding-personal-outcomes/")
    browser_page.get_by_role("link", name="Personal outcomes in Easy Read").click()
    browser_page.wait_for_url("**/easy-read/personal-outcomes/")
    browser_page.get_by_role("link", name=re.compile("Read the standard version")).click()
    browser_page.wait_for_url("**/understanding-personal-outcomes/")
    assert_accessible(browser_page)
    photograph(browser_page, "booklet-with-easy-read-link", width)


def test_the_easy_read_page_prints_with_its_pictures(page, served_site):
    page.goto(served_site["url"] + "/easy-read/join-the-network/")
    page.emulate_media(media="print")
    assert page.locator(".site-easy-read-step__picture").first.is_visible()
    assert not page.locator(".site-easy-read-links").is_visible()
    assert (
        page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.site-easy-read-step__text p')).fontSize)"
        )
        >= 21
    )
    page.screenshot(path=os.path.join(SCREENSHOT_DIR, "easy-read-print.png"), full_page=True)


def writer_context(chromium, served_site, width, javascript=True):
    session_key = run_in_site(served_site, SIGN_IN_WRITER)
    context = chromium.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": served_site["url"]}])
    return context


def fill_story(browser_page, what_mattered):
    browser_page.fill("#id_title", "A walk to the shop each morning")
    browser_page.fill("#id_summary", "A man told us the morning walk was what he missed.")
    browser_page.fill("#id_what_mattered", what_mattered)
    browser_page.fill("#id_what_we_did", "We walked the route together twice.")
    browser_page.fill("#id_helped_and_hindered", "A neighbour helped. The hill got in the way.")
    browser_page.fill("#id_what_changed", "He walks there most mornings now.")
    browser_page.fill("#id_what_i_learned", "Small routines can matter most.")


def choose_story_options(browser_page):
    for label in ["Practitioner", "Social care", "Anonymous"]:
        browser_page.locator("label", has_text=re.compile(f"^{label}$")).click()
    browser_page.locator("label[for='id_consent_confirmed']").click()


def submit_with_wording_and_see_advice(browser_page, served_site):
    browser_page.goto(served_site["url"] + "/stories/share/")
    wording = "As a service user he was placed in a home far from the shop."
    fill_story(browser_page, wording)
    choose_story_options(browser_page)
    browser_page.get_by_role("button", name="Submit for moderation").click()
    advice = browser_page.locator("#language-advice-what_mattered")
    assert advice.get_by_text("Instead of “service user”").is_visible()
    assert advice.get_by_text("Instead of “placed”").is_visible()
    assert browser_page.get_by_text("Some wording to think about").is_visible()
    assert browser_page.locator("#id_what_mattered").input_value() == wording


@pytest.mark.parametrize("width", [390, 1280])
def test_without_the_script_the_form_shows_advice_and_sends_anyway(chromium, served_site, width):
    context = writer_context(chromium, served_site, width)
    # The language check's script is not loaded, as for a member whose browser does not run it;
    # the design system's scripts still run, and so can axe.
    context.route("**/language-check.js", lambda route: route.abort())
    browser_page = context.new_page()
    submit_with_wording_and_see_advice(browser_page, served_site)
    photograph(browser_page, "story-form-language-advice", width)
    assert_accessible(browser_page)
    browser_page.get_by_role("button", name="Submit for moderation as it is").click()
    browser_page.wait_for_url("**/stories/mine/")
    context.close()


def test_with_javascript_off_the_advice_comes_on_submit(chromium, served_site):
    context = writer_context(chromium, served_site, 1280, javascript=False)
    browser_page = context.new_page()
    submit_with_wording_and_see_advice(browser_page, served_site)
    browser_page.get_by_role("button", name="Submit for moderation as it is").click()
    browser_page.wait_for_url("**/stories/mine/")
    context.close()


def test_with_javascript_advice_comes_as_the_member_types(chromium, served_site):
    context = writer_context(chromium, served_site, 1280)
    browser_page = context.new_page()
    browser_page.goto(served_site["url"] + "/stories/share/")
    browser_page.locator("#id_what_changed").press_sequentially(
        "Her care package was cut, and she suffers from the loneliness."
    )
    advice = browser_page.locator("#language-advice-what_changed")
    advice.get_by_text("Instead of “care package”").wait_for()
    assert advice.get_by_text("Instead of “suffers from”").is_visible()
    assert browser_page.locator("input[name=language_checked]").input_value() == "1"
    assert_accessible(browser_page)
    context.close()


def test_the_admin_check_of_a_page_passes_axe(chromium, served_site):
    context = chromium.new_context(base_url=served_site["url"])
    context.set_default_timeout(30_000)
    admin = context.new_page()
    sign_in(admin, served_site["url"], *DEMO_ADMIN, next_path="/admin/")
    admin.wait_for_url("**/admin/")
    page_id = run_in_site(
        served_site,
        "from wagtail.models import Page; print(Page.objects.get(slug='about').pk)",
    )
    # The "Check the wording" button in the edit view's header menu is checked in
    # tests/test_h8_plain_language.py; here the check's own screen, at both widths.
    for width in (390, 1280):
        admin.set_viewport_size({"width": width, "height": 900})
        admin.goto(f"/admin/language-check/pages/{page_id}/")
        assert admin.get_by_role("heading", name="Language check").count() == 1
        assert admin.get_by_text("Reading ease").count() >= 1
        photograph(admin, "admin-language-check", width)
        assert_admin_accessible(admin)
    context.close()
