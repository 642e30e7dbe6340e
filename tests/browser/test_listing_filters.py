"""The three filtered listings (resource library, stories, mapping guide) at a phone's width and a
desktop's: on a phone the results come first and the filters wait in a panel that opens without
JavaScript, its button giving the number of active filters; on a desktop the filters are simply shown.
"""

import os

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR

# Each listing, with a filtered address choosing two values (a select and a checkbox, or two
# checkboxes) that the demo content has.
LISTINGS = {
    "resources": ("/resources/", "?type=guide&sector=social-care"),
    "stories": ("/stories/", "?theme=good-conversations&sector=social-care"),
    "mapping-guide": ("/mapping-guide/", "?kind=approach&sector=social-care"),
}


def open_at(chromium, width, height, javascript=True):
    context = chromium.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def first_field(browser_page):
    return browser_page.locator(".site-listing-filters form .ds_question").first


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_on_a_phone_the_results_come_first_and_the_filters_open(chromium, served_site, name):
    path, query = LISTINGS[name]
    context, phone = open_at(chromium, 390, 844)
    try:
        phone.goto(served_site["url"] + path)
        summary = phone.locator(".site-listing-filters summary")
        assert summary.is_visible()
        assert summary.inner_text() == "Filters"
        assert not first_field(phone).is_visible()
        first_result = phone.locator(".ds_search-result").first
        assert first_result.bounding_box()["y"] < 844, "the first result is on the first screen"
        assert_accessible(phone)

        summary.click()
        assert first_field(phone).is_visible()
        assert_accessible(phone)

        phone.goto(served_site["url"] + path + query)
        assert phone.locator(".ds_search-result").count() >= 1
        assert phone.locator(".site-listing-filters summary").inner_text() == "Filters (2)"
        assert not first_field(phone).is_visible()
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        phone.screenshot(path=os.path.join(SCREENSHOT_DIR, f"{name}-filtered-390.png"))
    finally:
        context.close()


def test_the_panel_opens_without_javascript(chromium, served_site):
    # The panel is the browser's own <details>; (axe needs JavaScript, so it runs above).
    context, phone = open_at(chromium, 390, 844, javascript=False)
    try:
        phone.goto(served_site["url"] + "/resources/")
        assert not first_field(phone).is_visible()
        phone.locator(".site-listing-filters summary").click()
        assert first_field(phone).is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_on_a_desktop_the_filters_are_shown_beside_the_results(chromium, served_site, name):
    path, query = LISTINGS[name]
    context, desktop = open_at(chromium, 1280, 900)
    try:
        desktop.goto(served_site["url"] + path + query)
        assert not desktop.locator(".site-listing-filters summary").is_visible()
        assert first_field(desktop).is_visible()
        filters_box = desktop.locator(".site-listing-filters").bounding_box()
        results_box = desktop.locator(".ds_search-results__title").bounding_box()
        assert filters_box["x"] + filters_box["width"] <= results_box["x"]
        assert_accessible(desktop)
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        desktop.screenshot(path=os.path.join(SCREENSHOT_DIR, f"{name}-filtered-1280.png"))
    finally:
        context.close()


def test_a_refused_value_opens_the_panel_on_a_phone(chromium, served_site):
    context, phone = open_at(chromium, 390, 844)
    try:
        phone.goto(served_site["url"] + "/resources/?type=no-such-type")
        assert phone.locator(".site-listing-filters details[open]").count() == 1
        assert phone.get_by_text("We do not have that option").first.is_visible()
        assert_accessible(phone)
    finally:
        context.close()
