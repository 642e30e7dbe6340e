"""Every page type at a phone's width and a desktop's: served, accessible, and photographed.

Screenshots go to browser-screenshots/ (git ignores it; SCREENSHOT_DIR names another folder), so a
person can look at each page after a run.
"""

import os

import pytest

from tests.browser.conftest import PROJECT_DIR, assert_accessible

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", str(PROJECT_DIR / "browser-screenshots"))
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

PAGE_TYPES = {
    "home": "/",
    "standard-page": "/about/",
    "resource-library": "/resources/",
    "resource": "/resources/talking-points/",
    "booklet": "/understanding-personal-outcomes/",
    "booklet-chapter": "/understanding-personal-outcomes/what-personal-outcomes-are/",
    "booklet-print": "/understanding-personal-outcomes/print/",
    "carers-act-guide": "/carers-act-guide/",
    "carers-act-section": "/carers-act-guide/who-is-a-carer/",
    "self-check": "/carers-act-guide/self-check/",
    "mapping-guide": "/mapping-guide/",
    "mapping-entry": "/mapping-guide/talking-points/",
    "mapping-matrix": "/mapping-guide/matrix/",
    "mapping-compare": "/mapping-guide/compare/?entry=talking-points&entry=girfec",
    "stories": "/stories/",
    "story": "/stories/a-kitchen-table-conversation/",
    "meetings": "/meetings/",
    "meeting": "/meetings/february-2027-meeting/",
    "search": "/search/?q=carers",
    "join": "/join/",
    "sign-in": "/accounts/login/",
    "password-reset": "/accounts/password/reset/",
    "not-found": "/no-such-page/",
    "accessibility-statement": "/accessibility-statement/",
    "practice-map": "/practice-map/",
    "easy-read-index": "/easy-read/",
    "easy-read": "/easy-read/personal-outcomes/",
}


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def sized_page(request, chromium):
    width, height = WIDTHS[request.param]
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page, width
    context.close()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_is_accessible_and_photographed(sized_page, served_site, name):
    browser_page, width = sized_page
    response = browser_page.goto(served_site["url"] + PAGE_TYPES[name])
    assert response.status == (404 if name == "not-found" else 200)
    # No page scrolls sideways; wide tables scroll inside their own box.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    browser_page.screenshot(
        path=os.path.join(SCREENSHOT_DIR, f"{name}-{width}.png"), full_page=True
    )
    assert_accessible(browser_page)


def test_desktop_menu_fits_on_one_line(page, served_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(served_site["url"] + "/")
    tops = page.locator(".ds_site-header__navigation .ds_site-navigation__item").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(tops) <= 8
    assert len(set(tops)) == 1, tops


def test_home_page_leads_to_every_part_of_the_site(page, served_site):
    page.goto(served_site["url"] + "/")
    main = page.locator("main")
    for heading in ("Next meeting", "Guides and resources", "Latest stories from practice"):
        assert main.get_by_role("heading", name=heading, exact=True).is_visible()
    for link in ("Understanding personal outcomes", "Mapping guide", "Resource library"):
        assert main.get_by_role("link", name=link).is_visible()
    main.get_by_role("link", name="Book a place").click()
    assert page.url.endswith("#your-place")
