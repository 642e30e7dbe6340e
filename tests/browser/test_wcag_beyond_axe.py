"""What WCAG 2.2 AA asks that axe-core cannot see, checked on every page type in Chromium.

- Reflow (1.4.10): at 320 CSS px nothing scrolls sideways but the regions allowed to (a wide table
  in its own scrolling box, announced as a region).
- Text spacing (1.4.12): with the criterion's spacing forced by a style sheet, no text is cut off.
- Focus (2.4.7, 2.4.11): every element the Tab key reaches shows a focus indicator and is not hidden
  by a fixed or sticky element.
- Target size (2.5.8): every control is at least 24 by 24 px, is a link inside a sentence, or has
  room around it (a 24 px circle on it touches no other control).
"""

import pytest

from tests.browser.test_every_page_type import PAGE_TYPES

# The criterion's values, as a bookmarklet or a reader's style sheet would set them.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# Elements wider than the viewport whose scrolling is allowed: they sit in a scrolling box that is
# a named region, which is what the page says to screen readers and keyboard users.
SIDEWAYS_OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const inAllowedBox = element => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (["auto", "scroll"].includes(style.overflowX)) {
        return box.getAttribute("role") === "region" && box.hasAttribute("aria-label")
          || box.hasAttribute("aria-labelledby");
      }
    }
    return false;
  };
  const offenders = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    if (getComputedStyle(element).position === "fixed") continue;
    if (inAllowedBox(element)) continue;
    offenders.push(element.tagName.toLowerCase() + (element.className ? "." + element.className : "")
      + " right=" + Math.round(box.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 8)};
}
"""

# Text an element cuts off: it hides its overflow and its content is taller or wider than it.
CLIPPED_TEXT = """
() => {
  const clipped = [];
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (!element.innerText || !element.innerText.trim()) continue;
    if (element.closest(".visually-hidden, .ds_visually-hidden, [hidden]")) continue;
    const hidesX = ["hidden", "clip"].includes(style.overflowX);
    const hidesY = ["hidden", "clip"].includes(style.overflowY);
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    if ((hidesY && element.scrollHeight > element.clientHeight + 2)
        || (hidesX && element.scrollWidth > element.clientWidth + 2)) {
      clipped.push(element.tagName.toLowerCase() + "." + element.className + ": "
        + element.innerText.trim().slice(0, 40));
    }
  }
  return clipped;
}
"""

# Controls smaller than 24 by 24 px with no exception (WCAG 2.5.8): inline links in a sentence
# are excepted, and so is a control whose 24 px circle overlaps no other control.
SMALL_TARGETS = """
() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    + "[role=button], [role=link], [tabindex]:not([tabindex='-1'])";
  const targets = [...document.querySelectorAll(selector)].filter(element => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // A skip link is drawn 1 px square until it has focus: it is a target only then.
    return box.width > 1 && box.height > 1 && style.visibility !== "hidden"
      && !element.closest(".visually-hidden, .ds_visually-hidden");
  });
  const inSentence = element => {
    if (getComputedStyle(element).display !== "inline") return false;
    const block = element.parentElement.closest("p, li, dd, td, figcaption, label, legend");
    return block !== null && block.innerText.trim().length > element.innerText.trim().length + 3;
  };
  const boxes = targets.map(element => element.getBoundingClientRect());
  const circleTouches = (box, other) => {
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const nearestX = Math.max(other.left, Math.min(cx, other.right));
    const nearestY = Math.max(other.top, Math.min(cy, other.bottom));
    return Math.hypot(cx - nearestX, cy - nearestY) < 12;
  };
  const small = [];
  targets.forEach((element, index) => {
    const box = boxes[index];
    if (box.width >= 24 && box.height >= 24) return;
    if (inSentence(element)) return;
    // A checkbox or radio button whose label is part of the target counts with its label.
    if (element.labels && element.labels.length) {
      const label = element.labels[0].getBoundingClientRect();
      if (label.height >= 24 || (box.width >= 24 || box.height >= 24)) return;
    }
    const crowded = boxes.some((other, otherIndex) => otherIndex !== index
      && !targets[otherIndex].contains(element) && !element.contains(targets[otherIndex])
      && circleTouches(box, other));
    if (crowded) {
      small.push(element.tagName.toLowerCase() + " '" + (element.innerText
        || element.getAttribute("aria-label") || element.name || "").trim().slice(0, 30)
        + "' " + Math.round(box.width) + "x" + Math.round(box.height));
    }
  });
  return small;
}
"""

# The focused element: whether it shows an indicator (an outline, a box shadow, or the design
# system's focus colour) and whether a fixed or sticky element covers it.
FOCUS_STATE = """
async () => {
  // The browser scrolls the focused element into view, smoothly where the page asks for it:
  // wait until the scrolling stops.
  let last = null;
  for (let frame = 0; frame < 60; frame++) {
    await new Promise(resolve => requestAnimationFrame(resolve));
    const position = scrollX + "," + scrollY;
    if (position === last) break;
    last = position;
  }
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const indicator = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none"
    || style.backgroundColor === "rgb(253, 214, 0)";
  // The part of the element inside the viewport, sampled at its centre and near its corners.
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const inView = right > left && bottom > top;
  let hidden = inView;
  const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
  for (const [fx, fy] of inView ? points : []) {
    const x = left + (right - left) * fx, y = top + (bottom - top) * fy;
    const above = document.elementFromPoint(x, y);
    if (!above || element.contains(above) || above.contains(element)) { hidden = false; break; }
    let covering = above;
    let fixed = false;
    while (covering && covering !== document.body) {
      const position = getComputedStyle(covering).position;
      if (position === "fixed" || position === "sticky") { fixed = true; break; }
      covering = covering.parentElement;
    }
    if (!fixed) { hidden = false; break; }
  }
  return {
    name: element.tagName.toLowerCase() + " '" + (element.innerText || element.getAttribute("aria-label")
      || element.name || element.id || "").trim().slice(0, 30) + "'",
    indicator, hidden, outOfView: !inView,
  };
}
"""

# Enough presses to pass the header, the menu and well into the content of the longest page.
TAB_PRESSES = 60


def open_page(chromium, served_site, name, width, height=800, reader_style_sheet=False):
    # A reader's own style sheet is applied by the browser, above the site's CSP (as an extension's
    # or a user style sheet is), so that context may add one.
    # Reduced motion: the design system then scrolls to a focused element at once, not smoothly.
    context = chromium.new_context(
        viewport={"width": width, "height": height},
        bypass_csp=reader_style_sheet,
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    response = browser_page.goto(served_site["url"] + PAGE_TYPES[name])
    assert response.status == (404 if name == "not-found" else 200)
    return context, browser_page


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_reflow_at_320_pixels(chromium, served_site, name):
    context, browser_page = open_page(chromium, served_site, name, 320, 640)
    try:
        overflow = browser_page.evaluate(SIDEWAYS_OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["width"], overflow
        assert overflow["offenders"] == [], overflow
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_text_spacing_cuts_nothing_off(chromium, served_site, name, width):
    context, browser_page = open_page(chromium, served_site, name, width, reader_style_sheet=True)
    try:
        browser_page.add_style_tag(content=TEXT_SPACING_CSS)
        assert browser_page.evaluate(CLIPPED_TEXT) == []
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_target_is_big_enough_or_has_room(chromium, served_site, name, width):
    context, browser_page = open_page(chromium, served_site, name, width)
    try:
        assert browser_page.evaluate(SMALL_TARGETS) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_focus_is_always_visible_and_never_hidden(chromium, served_site, name, width):
    context, browser_page = open_page(chromium, served_site, name, width)
    try:
        problems, seen = [], 0
        for _ in range(TAB_PRESSES):
            browser_page.keyboard.press("Tab")
            state = browser_page.evaluate(FOCUS_STATE)
            if state is None:
                break
            seen += 1
            if not state["indicator"]:
                problems.append(f"no focus indicator: {state['name']}")
            if state["hidden"]:
                problems.append(f"hidden by a fixed or sticky element: {state['name']}")
            if state["outOfView"]:
                problems.append(f"not scrolled into view: {state['name']}")
        assert seen > 0, "the Tab key reached nothing"
        assert problems == []
    finally:
        context.close()
