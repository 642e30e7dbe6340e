"""What screenshots showed at phone and desktop widths, measured: room under a row of cards, one
card style on the home page, filter boxes of one width, tags on their label's line, a compact
message after signing in."""

import pytest

from tests.browser.conftest import sign_in

MEMBER = ("morag.campbell@example.org", "network-demo-member")
WIDTHS = [390, 1280]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_home_pages_card_rows_look_alike_with_room_under_them(page, served_site, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(served_site["url"] + "/")

    card_looks = page.evaluate(
        "() => [...document.querySelectorAll('.ds_category-list--grid')].map(list => {"
        " const style = getComputedStyle(list.querySelector('.ds_card'));"
        " return [style.boxShadow, style.borderTopWidth, style.backgroundColor]; })"
    )
    assert len(card_looks) >= 2 and all(look == card_looks[0] for look in card_looks)

    gaps = page.evaluate(
        "() => [...document.querySelectorAll('.ds_category-list--grid')]"
        ".filter(list => list.nextElementSibling)"
        ".map(list => list.nextElementSibling.getBoundingClientRect().top"
        " - list.getBoundingClientRect().bottom)"
    )
    assert gaps and min(gaps) >= 16, gaps


@pytest.mark.parametrize("path", ["/stories/"])
def test_a_listings_filter_boxes_are_one_width(page, served_site, path):
    page.set_viewport_size({"width": 1280, "height": 844})
    page.goto(served_site["url"] + path)
    widths = page.evaluate(
        "() => [...document.querySelectorAll('.site-listing-filters select')]"
        ".map(select => Math.round(select.getBoundingClientRect().width))"
    )
    assert len(widths) >= 2 and len(set(widths)) == 1, widths


@pytest.mark.parametrize("width", WIDTHS)
def test_tags_sit_on_their_labels_line(page, served_site, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(served_site["url"] + "/stories/")
    page.locator(".ds_search-result__link").first.click()
    key = page.locator(".ds_metadata__item", has=page.locator(".site-tag-list")).first
    label, first_tag = key.locator(".ds_metadata__key"), key.locator(".ds_tag").first

    label_box, tag_box = label.bounding_box(), first_tag.bounding_box()
    label_middle = label_box["y"] + label_box["height"] / 2
    tag_middle = tag_box["y"] + tag_box["height"] / 2
    assert abs(label_middle - tag_middle) <= 3


@pytest.mark.parametrize("width", WIDTHS)
def test_the_signed_in_message_is_compact(page, served_site, width):
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, served_site["url"], *MEMBER)
    message = page.locator(".site-messages .ds_notification-panel").first
    assert "You are signed in as" in message.inner_text()
    assert message.bounding_box()["height"] <= 64
