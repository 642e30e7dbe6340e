"""The private learning log in Chromium at 390 and 1280 px wide, with axe-core on every page of it,
and the whole journey (write from a chapter, edit, export, delete) with JavaScript turned off.

It signs in as the learning log's own demo member (learning_log/demo.py), whom no other browser
test uses, so these tests may add and delete her entries."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in

LOG_MEMBER = ("ishbel.munro@example.org", "network-demo-member")
CHAPTER = "/understanding-personal-outcomes/what-personal-outcomes-are/"
WIDTHS = [390, 1280]


def signed_in(chromium, served_site, width, *, javascript=True):
    context = chromium.new_context(
        base_url=served_site["url"],
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    browser_page.js_errors = []
    browser_page.on("pageerror", lambda error: browser_page.js_errors.append(str(error)))
    sign_in(browser_page, served_site["url"], *LOG_MEMBER)
    return context, browser_page


def assert_no_sideways_scroll(browser_page):
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_of_the_log_passes_axe(chromium, served_site, width):
    context, member = signed_in(chromium, served_site, width)
    try:
        member.goto("/account/home/")
        assert member.get_by_role("heading", name="Your learning log").is_visible()
        assert_accessible(member)

        member.goto("/account/learning-log/")
        assert member.locator("h1").inner_text() == "Your learning log"
        assert member.locator(".site-learning-log__entry").count() >= 3
        assert_accessible(member)
        assert_no_sideways_scroll(member)

        member.goto(CHAPTER)
        member.get_by_role("link", name="Reflect on this").click()
        assert member.locator("h1").inner_text() == "Write a reflection"
        assert member.get_by_text("Prompted by").is_visible()
        assert_accessible(member)

        member.get_by_role("button", name="Save in my learning log").click()
        assert member.locator(".ds_error-summary").is_visible()
        assert member.get_by_role("link", name="Write your reflection").is_visible()
        assert_accessible(member)

        member.goto("/account/learning-log/")
        member.locator(".site-learning-log__entry-actions a", has_text="Edit").first.click()
        assert member.locator("h1").inner_text() == "Edit a reflection"
        assert_accessible(member)

        member.goto("/account/learning-log/")
        member.locator(".site-learning-log__entry-actions a", has_text="Delete").first.click()
        assert member.locator("h1").inner_text() == "Delete a reflection"
        assert_accessible(member)

        member.goto("/account/learning-log/export/")
        assert_accessible(member)
        member.get_by_label("From (optional)").fill("2026-03-01")
        member.get_by_label("To (optional)").fill("2026-02-01")
        member.get_by_role("button", name="Download").click()
        assert member.locator(".ds_error-summary").is_visible()
        assert_accessible(member)
        assert_no_sideways_scroll(member)
        assert member.js_errors == []
    finally:
        context.close()


def test_the_whole_journey_works_without_javascript(chromium, served_site):
    context, member = signed_in(chromium, served_site, 390, javascript=False)
    try:
        member.goto(CHAPTER)
        member.get_by_role("link", name="Reflect on this").click()
        member.get_by_label("Date").fill("2026-04-02")
        member.get_by_label("Themes (optional)").fill("browser test, no script")
        member.get_by_label("Your reflection").fill("Written with no JavaScript at all.")
        member.get_by_label("What I will try (optional)").fill("Keep it simple.")
        member.get_by_role("button", name="Save in my learning log").click()
        assert member.get_by_text("Your reflection is saved in your learning log.").is_visible()
        entry = member.locator(".site-learning-log__entry", has_text="no JavaScript at all")
        assert entry.get_by_role("link", name="What personal outcomes are").is_visible()

        entry.get_by_role("link", name="Edit").click()
        member.get_by_label("Your reflection").fill("Written, then changed, with no JavaScript.")
        member.get_by_role("button", name="Save changes").click()
        assert member.get_by_text("then changed, with no JavaScript").is_visible()

        member.goto("/account/learning-log/export/")
        member.get_by_label("From (optional)").fill("2026-04-02")
        member.get_by_label("To (optional)").fill("2026-04-02")
        member.locator("label", has_text="Word document").click()
        with member.expect_download() as download:
            member.get_by_role("button", name="Download").click()
        assert download.value.suggested_filename.endswith(".docx")

        member.goto("/account/learning-log/")
        entry = member.locator(".site-learning-log__entry", has_text="then changed")
        entry.get_by_role("link", name="Delete").click()
        member.get_by_role("button", name="Delete this reflection").click()
        assert member.get_by_text("The reflection is deleted.").is_visible()
        assert member.get_by_text("then changed, with no JavaScript").count() == 0
    finally:
        context.close()
