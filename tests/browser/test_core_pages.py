"""The foundation's page types, as a person sees them in Chromium, each checked with axe-core."""

import pytest

from tests.browser.conftest import assert_accessible

CORE_PAGES = [
    ("/", "Personal Outcomes Network"),
    ("/about/", "About the network"),
    ("/privacy-notice/", "Privacy notice"),
    ("/accessibility-statement/", "Accessibility statement"),
    ("/search/?q=conversation", "Search"),
    ("/search/", "Search"),
]


@pytest.mark.parametrize(("path", "heading"), CORE_PAGES)
def test_core_page_renders_and_is_accessible(page, served_site, path, heading):
    response = page.goto(served_site["url"] + path)
    assert response.status == 200
    assert page.locator("h1").first.inner_text() == heading
    assert_accessible(page)


def test_not_found_page_is_styled_and_accessible(page, served_site):
    response = page.goto(served_site["url"] + "/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("link[href*='design-system']").count() == 1
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page, served_site):
    page.goto(served_site["url"] + "/about/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".ds_skip-links__link")
    assert skip_link.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_search_finds_a_page_from_the_header_box(page, served_site):
    page.goto(served_site["url"] + "/")
    page.fill("#site-search", "retention")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=retention")
    assert page.get_by_role("link", name="Privacy notice").count() >= 1


def test_pages_work_without_javascript(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False)
    no_script_page = context.new_page()
    no_script_page.goto(served_site["url"] + "/about/")
    no_script_page.get_by_text("Quarterly meetings").click()
    assert no_script_page.get_by_text("Every three months").is_visible()
    context.close()


def test_phone_width_menu_opens_without_javascript(chromium, served_site):
    context = chromium.new_context(
        viewport={"width": 375, "height": 740}, java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(served_site["url"] + "/")
    mobile_nav = phone.locator("#mobile-navigation")
    assert not mobile_nav.is_visible()
    phone.locator("label[for='menu']").click()
    assert mobile_nav.is_visible()
    context.close()


def test_home_page_at_phone_width_is_accessible(phone_page, served_site):
    phone_page.goto(served_site["url"] + "/")
    phone_page.locator("label[for='menu']").click()
    assert phone_page.locator("#mobile-navigation").is_visible()
    assert_accessible(phone_page)
