"""Zoom at 200% and 400% (WCAG 1.4.4 and 1.4.10): nothing is lost.

A browser zoomed to 200% on a 1280 pixel wide window lays the page out in 640 CSS pixels, with two
device pixels to each; at 400%, in 320 CSS pixels with four. The test opens the page so, and checks
against the same page at 100%: every heading and control is still there and can be reached (seen,
or behind the menu button), no two pieces of text overlap, and nothing scrolls sideways but the
wide tables that scroll in their own labelled region.
"""

import pytest

from tests.browser.test_every_page_type import PAGE_TYPES
from tests.browser.test_wcag_beyond_axe import SIDEWAYS_OVERFLOW

ZOOMED_PAGES = ["home", "story", "booklet", "mapping-matrix"]
WINDOW = (1280, 800)

# Every heading and control on the page, by role and name, and whether a person can see it now.
HEADINGS_AND_CONTROLS = """
() => {
  const selector = "h1, h2, h3, h4, h5, h6, a[href], button, input:not([type=hidden]), select, "
    + "textarea, summary";
  const name = element => (element.getAttribute("aria-label") || element.innerText
    || (element.labels && element.labels.length && element.labels[0].innerText)
    || element.getAttribute("title") || element.name || element.value || "").replace(/\\s+/g, " ").trim();
  const shown = element => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // A checkbox the design system draws over with its label is shown through its label.
    const target = (box.width < 2 && element.labels && element.labels.length) ? element.labels[0] : element;
    const targetBox = target.getBoundingClientRect();
    return targetBox.width > 1 && targetBox.height > 1 && style.visibility !== "hidden";
  };
  return [...document.querySelectorAll(selector)]
    .filter(element => !element.closest(".visually-hidden, .ds_visually-hidden, .ds_skip-links"))
    .map(element => ({
      key: (/^H\\d$/.test(element.tagName) ? "heading" : element.tagName.toLowerCase()) + ": " + name(element),
      shown: shown(element),
      inMenu: element.closest("#mobile-navigation, .ds_site-navigation--mobile, nav") !== null,
    }));
}
"""

# Pieces of text drawn on top of one another: the rectangles of each element's own text compared
# with every other element's.
OVERLAPPING_TEXT = """
() => {
  // Text kept for screen readers only: clipped to a pixel by the design system's classes or its own.
  const clippedAway = element => {
    for (let box = element; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      const rect = box.getBoundingClientRect();
      if (style.clip !== "auto" || style.clipPath !== "none"
          || (rect.width <= 1 && rect.height <= 1 && style.overflow === "hidden")) return true;
    }
    return false;
  };
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    if (element.closest(".visually-hidden, .ds_visually-hidden, .ds_skip-links, [hidden]")) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.opacity === "0" || clippedAway(element)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    // What shows of it: the part inside every box that scrolls or clips it.
    const sticky = element.closest("th, td") !== null
      && getComputedStyle(element.closest("th, td")).position === "sticky";
    for (const whole of range.getClientRects()) {
      let rect = {left: whole.left, right: whole.right, top: whole.top, bottom: whole.bottom};
      for (let box = element.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflow === "visible") continue;
        const clip = box.getBoundingClientRect();
        rect = {left: Math.max(rect.left, clip.left), right: Math.min(rect.right, clip.right),
                top: Math.max(rect.top, clip.top), bottom: Math.min(rect.bottom, clip.bottom)};
      }
      if (rect.right - rect.left > 1 && rect.bottom - rect.top > 1) {
        pieces.push({element, rect, sticky, text: node.textContent.trim()});
      }
    }
  }
  const overlaps = [];
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i], b = pieces[j];
      // A table's sticky first column covers the cells scrolled beneath it, on its own background.
      if (a.element === b.element || a.sticky !== b.sticky) continue;
      const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (across > 2 && down > 2) {
        overlaps.push(a.text.slice(0, 30) + " / " + b.text.slice(0, 30));
      }
    }
  }
  return overlaps.slice(0, 10);
}
"""


def open_zoomed(chromium, served_site, path, zoom):
    context = chromium.new_context(
        viewport={"width": WINDOW[0] * 100 // zoom, "height": WINDOW[1] * 100 // zoom},
        device_scale_factor=zoom / 100,
    )
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    response = browser_page.goto(served_site["url"] + path)
    assert response.status == 200
    return context, browser_page


@pytest.mark.parametrize("zoom", [200, 400])
@pytest.mark.parametrize("name", ZOOMED_PAGES)
def test_nothing_is_lost_when_zoomed(chromium, served_site, name, zoom):
    path = PAGE_TYPES[name]
    context, full_size = open_zoomed(chromium, served_site, path, 100)
    try:
        expected = shown(full_size)
    finally:
        context.close()

    context, zoomed = open_zoomed(chromium, served_site, path, zoom)
    try:
        overflow = zoomed.evaluate(SIDEWAYS_OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["width"], overflow
        assert overflow["offenders"] == [], overflow
        assert zoomed.evaluate(OVERLAPPING_TEXT) == []

        hidden = expected - shown(zoomed)
        in_menu = {item["key"] for item in zoomed.evaluate(HEADINGS_AND_CONTROLS) if item["inMenu"]}
        # What the menu folds away is there once the menu button is pressed, as on a phone.
        assert hidden <= in_menu, sorted(hidden - in_menu)
        if hidden:
            zoomed.locator(".ds_site-header__control").click()
            assert hidden - shown(zoomed) == set()
            assert zoomed.evaluate(OVERLAPPING_TEXT) == []
    finally:
        context.close()


def shown(browser_page):
    return {item["key"] for item in browser_page.evaluate(HEADINGS_AND_CONTROLS) if item["shown"]}
