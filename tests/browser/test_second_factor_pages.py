"""Two-step sign-in's pages as people see them: the demo coordinator signing in with the second
step, the staff gate, a member setting up an authenticator app; each page in the site's look,
sentence-case headings, and axe clean."""

import re

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_account_pages import check
from tests.factories.membership import authenticator_code, unused_demo_code

DEMO_COORDINATOR = ("coordinator@example.org", "network-demo-coordinator")
# A member no other browser test signs in as: setting up the second step changes how they sign in.
DEMO_MEMBER = ("gordon.baird@example.org", "network-demo-member")


def confirm_password(browser_page, password):
    """allauth asks for the password again before a change to two-step sign-in."""
    if "/accounts/reauthenticate/" in browser_page.url:
        assert_accessible(browser_page)
        browser_page.get_by_label("Password").fill(password)
        browser_page.get_by_role("button", name="Continue").click()


def test_staff_sign_in_asks_for_the_second_step(page, served_site):
    base = served_site["url"]
    email, password = DEMO_COORDINATOR
    page.goto(base + "/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Your second step"
    assert_accessible(page)

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    assert "/accounts/2fa/authenticate/" in page.url
    assert_accessible(page)

    page.get_by_label("Code").fill(unused_demo_code(email))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_the_staff_two_step_pages_are_accessible(page, served_site):
    base = served_site["url"]
    email, password = DEMO_COORDINATOR
    sign_in(page, base, email, password)
    check(page, base, "two-step-sign-in", "/accounts/2fa/", "Two-step sign-in")
    assert page.get_by_text("Lost your phone or key?").is_visible()

    page.goto(base + "/accounts/2fa/recovery-codes/")
    confirm_password(page, password)
    check(page, base, "recovery-codes", "/accounts/2fa/recovery-codes/", "Your recovery codes")
    assert page.locator(".site-recovery-codes li").count() >= 1
    check(
        page,
        base,
        "recovery-codes-new",
        "/accounts/2fa/recovery-codes/generate/",
        "Make new recovery codes",
    )
    check(
        page,
        base,
        "authenticator-off",
        "/accounts/2fa/totp/deactivate/",
        "Turn off the authenticator app",
    )
    check(page, base, "security-key-add", "/accounts/2fa/webauthn/add/", "Add a security key")
    check(page, base, "security-keys", "/accounts/2fa/webauthn/", "Your security keys")


def test_a_member_sets_up_an_authenticator_app(page, served_site):
    base = served_site["url"]
    email, password = DEMO_MEMBER
    sign_in(page, base, email, password)
    page.goto(base + "/account/")
    page.get_by_role("link", name=re.compile("Two-step sign-in")).click()
    page.get_by_role("link", name="Set up an authenticator app").click()
    confirm_password(page, password)
    assert page.locator("h1").inner_text() == "Set up an authenticator app"
    assert_accessible(page)

    page.get_by_label("Code").fill("123456")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)

    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code").fill(authenticator_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert_accessible(page)
    assert page.locator(".site-recovery-codes li").count() == 10
