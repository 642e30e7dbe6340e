"""The mapping guide in Chromium: its pages at desktop and phone width with axe, the compare tray,
compare without JavaScript, and the matrix scrolling in its own box with the first column kept."""

import pytest

from tests.browser.conftest import assert_accessible

COMPARE_PATH = "/mapping-guide/compare/?entry=talking-points&entry=carers-scotland-act-2016"
MAPPING_PAGES = [
    ("/mapping-guide/", "Mapping guide"),
    ("/mapping-guide/?kind=nonsense&sector=housing", "Mapping guide"),
    ("/mapping-guide/carers-scotland-act-2016/", "Carers (Scotland) Act 2016"),
    (COMPARE_PATH, "Compare entries"),
    ("/mapping-guide/compare/?entry=talking-points", "Compare entries"),
    ("/mapping-guide/matrix/", "The guide as a gap map"),
    ("/mapping-guide/matrix/?kind=tool&sector=housing", "The guide as a gap map"),
]


@pytest.mark.parametrize(("path", "heading"), MAPPING_PAGES)
def test_mapping_page_is_accessible_at_desktop_width(page, served_site, path, heading):
    response = page.goto(served_site["url"] + path)
    assert response.status == 200
    assert page.locator("h1").inner_text() == heading
    assert_accessible(page)


@pytest.mark.parametrize(("path", "heading"), MAPPING_PAGES)
def test_mapping_page_is_accessible_at_phone_width(phone_page, served_site, path, heading):
    response = phone_page.goto(served_site["url"] + path)
    assert response.status == 200
    assert phone_page.locator("h1").inner_text() == heading
    assert_accessible(phone_page)
    # The page itself never scrolls sideways: wide tables scroll in their own box.
    assert phone_page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def tick(browser_page, slug):
    """Clicks a compare checkbox's label, as a person does (the design system styles the label)."""
    browser_page.locator(f"label[for='compare-{slug}']").click()


def test_compare_tray_counts_the_choices_and_stops_a_fifth(page, served_site):
    page.goto(served_site["url"] + "/mapping-guide/")
    status = page.locator("[data-compare-status]")
    boxes = page.locator("input[name='entry']")
    labels = page.locator("[data-compare-form] .ds_checkbox__label")
    for index in range(4):
        labels.nth(index).click()
    assert status.inner_text().startswith("4 of 4 chosen:")
    labels.nth(4).click()
    assert not boxes.nth(4).is_checked()
    assert "up to 4 entries" in status.inner_text()

    labels.nth(3).click()
    assert not boxes.nth(3).is_checked()
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url("**/mapping-guide/compare/?entry=*")
    assert page.url.count("entry=") == 3
    assert page.locator("table.mapping-compare-table thead th").count() == 4
    assert page.get_by_role("heading", name="What they share").is_visible()
    assert_accessible(page)


def test_the_sticky_tray_never_covers_the_checkbox_that_has_focus(page, served_site):
    page.goto(served_site["url"] + "/mapping-guide/")
    page.locator("[data-compare-form] .ds_checkbox__label").first.click()
    tray = page.locator("[data-compare-tray]")
    first_box = page.locator("input[name='entry']").first
    first_box.focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const box = document.activeElement.getBoundingClientRect();"
            " return {name: document.activeElement.name, bottom: box.bottom}; }"
        )
        if focused["name"] != "entry":
            continue
        assert focused["bottom"] <= tray.bounding_box()["y"] + 1


def test_compare_tray_keeps_choices_across_filtered_views(page, served_site):
    page.goto(served_site["url"] + "/mapping-guide/?kind=legislation")
    tick(page, "carers-scotland-act-2016")
    page.goto(served_site["url"] + "/mapping-guide/?kind=tool")
    tick(page, "outcomes-star")
    status = page.locator("[data-compare-status]").inner_text()
    assert "Carers (Scotland) Act 2016" in status and "Outcomes Star" in status
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url("**/compare/**")
    headings = page.locator("table.mapping-compare-table thead th").all_inner_texts()
    assert headings[1:] == ["Outcomes Star (and Home Star)", "Carers (Scotland) Act 2016"]


def test_compare_works_without_javascript(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False)
    no_script = context.new_page()
    no_script.goto(served_site["url"] + "/mapping-guide/")
    tick(no_script, "talking-points")
    tick(no_script, "housing-options")
    no_script.get_by_role("button", name="Compare", exact=True).click()
    no_script.wait_for_url("**/compare/?entry=housing-options&entry=talking-points")
    assert no_script.locator("tr.mapping-row--differs").count() >= 1
    assert no_script.get_by_text("Differs").first.is_visible()
    context.close()


def test_matrix_scrolls_in_its_box_on_a_phone_and_keeps_the_first_column(phone_page, served_site):
    phone_page.goto(served_site["url"] + "/mapping-guide/matrix/")
    region = phone_page.locator("[role='region'][aria-labelledby='dimensions-caption']")
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    first_cell = region.locator("tbody th[scope='row']").first
    before = first_cell.bounding_box()["x"]
    later_cell = region.locator("tbody td").nth(5)
    later_before = later_cell.bounding_box()["x"]
    region.evaluate("box => { box.scrollLeft = 400; }")
    assert first_cell.bounding_box()["x"] == pytest.approx(before, abs=1)
    assert later_cell.bounding_box()["x"] < later_before - 100


def test_gap_map_shows_every_column_at_desktop_width_under_a_sticky_header(page, served_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served_site["url"] + "/mapping-guide/matrix/")
    region = page.locator("[role='region'][aria-labelledby='dimensions-caption']")
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth")
    last_header = region.locator("thead th").last
    assert last_header.bounding_box()["x"] + last_header.bounding_box()["width"] <= 1280
    # Scrolled down the page, the header row is still at the top of the window.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 3)")
    assert region.locator("thead th").first.bounding_box()["y"] == pytest.approx(0, abs=2)
    # Colour is never the only signal: every cell says its answer in words.
    for cell_text in region.locator("tbody td").all_inner_texts():
        assert cell_text in {"Yes", "Partly", "No", "Not applicable", "Not given"}


def test_gap_map_filters_without_javascript(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False)
    no_script = context.new_page()
    no_script.goto(served_site["url"] + "/mapping-guide/matrix/")
    every_entry = no_script.locator("#dimensions-caption + thead + tbody tr").count()
    no_script.get_by_label("Kind").select_option("tool")
    no_script.get_by_role("button", name="Show on the map").click()
    assert "kind=tool" in no_script.url
    shown = no_script.locator("table").first.locator("tbody tr").count()
    assert 0 < shown < every_entry
    context.close()


def test_on_a_phone_the_tray_takes_no_room_until_an_entry_is_ticked(phone_page, served_site):
    phone_page.goto(served_site["url"] + "/mapping-guide/")
    tray = phone_page.locator("[data-compare-tray]")
    screen_height = phone_page.viewport_size["height"]

    # Nothing ticked: the tray is the list's footer, below the screen, covering nothing.
    assert tray.bounding_box()["y"] > screen_height
    assert not phone_page.get_by_role("button", name="Clear choices").is_visible()

    tick(phone_page, "talking-points")
    box = tray.bounding_box()
    assert box["y"] + box["height"] <= screen_height + 1
    assert box["height"] <= 110  # of 740: the list keeps the screen


def test_compare_with_nothing_ticked_says_what_to_do_and_stays(page, served_site):
    page.goto(served_site["url"] + "/mapping-guide/")
    page.get_by_role("button", name="Compare", exact=True).click()

    assert page.url == served_site["url"] + "/mapping-guide/"
    assert page.locator("[data-compare-status]").inner_text().startswith("Nothing is ticked yet.")

    tick(page, "talking-points")
    page.get_by_role("button", name="Compare", exact=True).click()
    assert page.url == served_site["url"] + "/mapping-guide/"
    assert "Only 1 entry is ticked" in page.locator("[data-compare-status]").inner_text()
