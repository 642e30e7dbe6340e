"""The outcomes practice map in Chromium: the map, a cell, an empty cell and a refused choice at a
phone's width and a desktop's, with axe and screenshots (browser-screenshots/, or SCREENSHOT_DIR);
the filters used as a person uses them, without JavaScript; the coordinators' briefing links; the
editors' outcome areas screen."""

import os

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_admin_screens import DEMO_ADMIN, DEMO_COORDINATOR
from tests.browser.test_admin_screens import assert_accessible as assert_admin_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR, WIDTHS

MAP = "/practice-map/"
MAP_PAGES = {
    "practice-map": (MAP, 200),
    "practice-map-council-areas": (MAP + "?axis=council&perspective=practitioner", 200),
    "practice-map-cell": (MAP + "cell/?area=carers-and-families&column=social-care", 200),
    "practice-map-empty-cell": (MAP + "cell/?area=home-and-community&column=education", 200),
    "practice-map-refused-cell": (MAP + "cell/?area=nowhere&column=health", 400),
    "practice-map-bad-filters": (MAP + "?year=1066&council_area=atlantis", 200),
}


def photograph(browser_page, name, width):
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    browser_page.screenshot(
        path=os.path.join(SCREENSHOT_DIR, f"{name}-{width}.png"), full_page=True
    )


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def sized_page(request, chromium):
    width, height = WIDTHS[request.param]
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page, width
    context.close()


@pytest.mark.parametrize("name", sorted(MAP_PAGES))
def test_map_pages_are_accessible_and_photographed(sized_page, served_site, name):
    browser_page, width = sized_page
    path, status = MAP_PAGES[name]
    response = browser_page.goto(served_site["url"] + path)
    assert response.status == status
    # The map and its table scroll inside their own boxes; the page never scrolls sideways.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    photograph(browser_page, name, width)
    assert_accessible(browser_page)


def test_the_map_has_a_picture_with_a_text_alternative_and_a_table(page, served_site):
    page.goto(served_site["url"] + MAP)
    picture = page.get_by_role("img", name="The outcomes practice map: outcome areas by sector")
    assert picture.count() == 1
    assert "Every count is in the table" in picture.locator("desc").text_content()
    table = page.get_by_role("table", name="Stories, resources and guide entries", exact=False)
    assert table.get_by_role("rowheader", name="Carers and families", exact=False).count() == 1
    # Bubbles carry their numbers as text, so the picture reads without colour.
    assert page.locator(".practice-map-svg text").count() > 10


def test_filters_and_cells_work_without_javascript(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False)
    browser_page = context.new_page()
    browser_page.goto(served_site["url"] + MAP)
    # The design system draws the radio button on its label, which takes the click.
    browser_page.locator("label", has_text="Council areas").click()
    browser_page.get_by_role("button", name="Show the map").click()
    browser_page.wait_for_url("**axis=council**")
    assert browser_page.get_by_role("columnheader", name="Fife").count() == 1
    browser_page.get_by_role("link", name="in Carers and families", exact=False).first.click()
    assert "/practice-map/cell/" in browser_page.url
    assert browser_page.locator("h1").inner_text().startswith("Carers and families, ")
    context.close()


def test_a_coordinator_finds_the_briefings(page, served_site):
    sign_in(page, served_site["url"], *DEMO_COORDINATOR)
    page.goto(served_site["url"] + MAP + "cell/?area=carers-and-families&column=social-care")
    assert page.get_by_role("link", name="CSV").count() == 2
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").first.click()
    assert download.value.suggested_filename.endswith(".csv")
    photograph(page, "practice-map-cell-coordinator", 1280)
    assert_accessible(page)


def test_editors_keep_the_outcome_areas_in_the_admin(page, served_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, served_site["url"], *DEMO_ADMIN)
    page.goto(served_site["url"] + "/admin/snippets/practice_map/outcomearea/")
    assert page.get_by_role("link", name="Carers and families").count() >= 1
    photograph(page, "admin-outcome-areas", 1280)
    assert_admin_accessible(page)
    page.get_by_role("link", name="Carers and families").first.click()
    page.wait_for_load_state()
    assert page.get_by_label("Young carers").is_checked()
    photograph(page, "admin-outcome-area-edit", 1280)
    assert_admin_accessible(page)
