"""The impact report in the admin, signed in as the demo coordinator (with the second step), at a
phone's width and a desktop's: every section has something from the demo content, axe finds
nothing, and the screenshots go to browser-screenshots/ (or SCREENSHOT_DIR)."""

import os

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_admin_screens import DEMO_COORDINATOR, assert_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR

pytestmark = pytest.mark.browser

SECTIONS = ("members", "joiners_leavers", "meetings", "stories", "resources")
WIDTHS = ((390, 844), (1280, 900))


@pytest.fixture
def coordinator_page(chromium, served_site):
    context = chromium.new_context(base_url=served_site["url"])
    context.set_default_timeout(30_000)
    browser_page = context.new_page()
    sign_in(browser_page, served_site["url"], *DEMO_COORDINATOR, next_path="/admin/impact/")
    browser_page.wait_for_url("**/admin/impact/**")
    yield browser_page
    context.close()


def photograph(browser_page, name, width):
    """The whole page: the admin scrolls inside its own frame, so the window is made as tall as
    its content for the picture."""
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    viewport = browser_page.viewport_size
    tallest = browser_page.evaluate(
        "Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))"
    )
    browser_page.set_viewport_size({"width": width, "height": min(tallest + 40, 12000)})
    browser_page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"{name}-{width}.png"))
    browser_page.set_viewport_size(viewport)


def test_the_impact_report_has_every_section_and_passes_axe(coordinator_page):
    for width, height in WIDTHS:
        coordinator_page.set_viewport_size({"width": width, "height": height})
        coordinator_page.goto("/admin/impact/")
        for slug in SECTIONS:
            section = coordinator_page.locator(f"#section-{slug}")
            assert section.get_by_role("img").count() >= 1, slug
            rows = section.locator("tbody tr")
            assert rows.count() >= 1, slug
            assert "Nothing in this period" not in rows.first.inner_text(), slug
        assert coordinator_page.locator("#section-members svg rect").count() >= 32
        # The demo coordinators wrote words for each section of this period.
        assert coordinator_page.locator(".impact-report__words").count() == len(SECTIONS)
        # The page never scrolls sideways; wide tables scroll in their own box.
        assert coordinator_page.evaluate("document.documentElement.scrollWidth") <= width
        photograph(coordinator_page, "impact-report", width)
        assert_accessible(coordinator_page)


def test_a_wrong_period_and_the_words_page_pass_axe(coordinator_page):
    for width, height in WIDTHS:
        coordinator_page.set_viewport_size({"width": width, "height": height})
        coordinator_page.goto("/admin/impact/?start=2026-05-01&end=2026-01-01")
        assert coordinator_page.get_by_text("The last day must be on or after the first day.")
        assert coordinator_page.locator("#section-members").count() == 0
        photograph(coordinator_page, "impact-report-wrong-period", width)
        assert_accessible(coordinator_page)

        coordinator_page.goto("/admin/impact/")
        coordinator_page.get_by_role("link", name="Write the report's words").click()
        coordinator_page.wait_for_url("**/admin/impact/words/**")
        assert coordinator_page.get_by_label("Stories shared").input_value()
        photograph(coordinator_page, "impact-report-words", width)
        assert_accessible(coordinator_page)


def test_the_downloads_answer_for_the_coordinator(coordinator_page):
    coordinator_page.goto("/admin/impact/")
    for name in ("Download the tables (CSV files in a zip)", "Download the report (PDF)"):
        address = coordinator_page.get_by_role("link", name=name).get_attribute("href")
        response = coordinator_page.request.get(address)
        assert response.status == 200, name
        assert response.headers["content-type"] in ("application/zip", "application/pdf")
