"""allauth's pages as the site shows them (sign in, password reset and change, email confirmation,
the account's email address, sign out), links already used included: the site's look, the design
system's fields, sentence-case headings, axe clean, and photographed for a person to look at."""

import os

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR
from tests.browser.test_stories_journey import member_page

FOR_VISITORS = {
    "sign-in": ("/accounts/login/", "Sign in"),
    "password-reset": ("/accounts/password/reset/", "Reset your password"),
    "password-reset-done": ("/accounts/password/reset/done/", "Check your email"),
    "password-reset-link-used": (
        "/accounts/password/reset/key/1-used/",
        "This link has expired or has already been used",
    ),
    "password-reset-from-key-done": (
        "/accounts/password/reset/key/done/",
        "Your password is changed",
    ),
    "confirm-email-sent": ("/accounts/confirm-email/", "Check your email"),
    "confirm-email-link-used": (
        "/accounts/confirm-email/no-such-key/",
        "This link has expired or has already been used",
    ),
    "cannot-sign-in-yet": ("/accounts/inactive/", "You cannot sign in yet"),
}
FOR_MEMBERS = {
    "account-email": ("/accounts/email/", "Your email address"),
    "password-change": ("/accounts/password/change/", "Change your password"),
    "sign-out": ("/accounts/logout/", "Sign out"),
}


def check(browser_page, base_url, name, path, heading):
    response = browser_page.goto(base_url + path)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == heading
    assert heading == heading[0] + heading[1:].lower(), "headings are in sentence case"
    assert browser_page.locator("header.ds_site-header").count() == 1
    # Every field is the design system's: no bare browser inputs.
    bare = browser_page.locator(
        "main input:not([type=hidden]):not(.ds_input):not(.ds_checkbox__input):not(.ds_radio__input)"
    )
    assert bare.count() == 0
    assert_accessible(browser_page)
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    browser_page.screenshot(path=os.path.join(SCREENSHOT_DIR, f"{name}-1280.png"), full_page=True)


@pytest.mark.parametrize("name", sorted(FOR_VISITORS))
def test_account_page_for_a_visitor(page, served_site, name):
    check(page, served_site["url"], name, *FOR_VISITORS[name])


def test_account_pages_for_a_member(chromium, served_site):
    context, member = member_page(chromium, served_site)
    try:
        for name, (path, heading) in sorted(FOR_MEMBERS.items()):
            check(member, served_site["url"], name, path, heading)
        # A new address that is not one gets the design system's error, linked from the summary.
        member.goto(served_site["url"] + "/accounts/email/")
        member.get_by_label("New email address").fill("not an address")
        member.get_by_role("button", name="Send a link to the new address").click()
        assert member.get_by_text("There is a problem").is_visible()
        assert member.locator("#id_email.ds_input--error").count() == 1
        assert_accessible(member)
    finally:
        context.close()
