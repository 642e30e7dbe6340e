"""The whole membership path in Chromium: ask to join, confirm, a coordinator approves in the
Wagtail admin, the member signs in, downloads their data and deletes the account. Every page
of the site's own on the way is checked with axe-core."""

import email
import json
import re
import time
import uuid

from tests.browser.conftest import assert_accessible, read_mail, sign_in

COORDINATOR = ("coordinator@example.org", "network-demo-coordinator")
MEMBER = ("morag.campbell@example.org", "network-demo-member")
PASSWORD = "a-long-browser-passphrase-31"
CONFIRM_LINK = re.compile(r"http://[^\s]+/accounts/confirm-email/[^\s]+/")


def mail_bodies(mail_dir):
    """Each message's headers and decoded body: mail may be quoted-printable on disk."""
    for raw in read_mail(mail_dir):
        message = email.message_from_string(raw)
        text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
        yield str(message.items()) + text.get_payload(decode=True).decode()


def wait_for_mail(mail_dir, needle, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(list(mail_bodies(mail_dir))):
            if needle in message:
                return message
        time.sleep(0.2)
    raise AssertionError(f"No email containing {needle!r}")


def test_join_confirm_approve_sign_in_download_delete(chromium, served_site):
    base_url, mail_dir = served_site["url"], served_site["mail_dir"]
    email = f"newcomer-{uuid.uuid4().hex[:8]}@example.net"
    newcomer = chromium.new_context(base_url=base_url, accept_downloads=True)
    newcomer.set_default_timeout(15_000)
    page = newcomer.new_page()

    # The header links to the join page; an empty form explains every problem.
    page.goto("/")
    page.locator(".ds_site-header__navigation").get_by_role("link", name="Join", exact=True).click()
    assert page.locator("h1").inner_text() == "Join the network"
    assert_accessible(page)
    page.get_by_role("button", name="Send my request").click()
    assert page.locator(".ds_error-summary").is_visible()
    assert page.locator("#id_email_error").is_visible()
    assert_accessible(page)

    page.get_by_label("Full name").fill("Heather Munro")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Your role").fill("Community nurse")
    page.get_by_label("Sector").select_option("health")
    page.get_by_label("Council area").select_option("moray")
    page.get_by_label("What do you hope to get from the network?").fill(
        "Good questions to ask people about what matters to them."
    )
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    # The design system draws its own checkbox; people click the label.
    page.locator("label[for=id_agree_privacy]").click()
    page.locator("label[for=id_wants_directory_listing]").click()
    assert page.get_by_label("I have read the privacy notice and agree to it").is_checked()
    page.get_by_role("button", name="Send my request").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)

    # The confirmation link, read from the mail the site sent.
    message = wait_for_mail(mail_dir, email)
    link = CONFIRM_LINK.search(message).group(0)
    # The link is on the site's public address (SITE_URL); this copy of the site listens elsewhere.
    page.goto(base_url + link[link.index("/accounts/") :])
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("h1").inner_text() == "Your request has been received"
    assert_accessible(page)

    # Not approved yet: signing in is refused.
    sign_in(page, base_url, email, PASSWORD)
    assert page.locator("h1").inner_text() == "Your request is waiting for a coordinator"
    assert_accessible(page)

    # A coordinator approves in the Wagtail admin.
    coordinator = chromium.new_context(base_url=base_url)
    coordinator.set_default_timeout(15_000)
    admin = coordinator.new_page()
    sign_in(admin, base_url, *COORDINATOR, next_path="/admin/")
    admin.wait_for_url("**/admin/")
    assert admin.get_by_text("requests waiting for an answer").count() >= 1
    admin.goto("/admin/joinrequest/?status=pending")
    admin.get_by_role("link", name="Heather Munro").first.click()
    admin.get_by_label("Message to the person (optional)").fill("Welcome to the network.")
    admin.get_by_role("button", name="Approve").click()
    admin.wait_for_url("**/admin/joinrequest/**")
    assert admin.get_by_text("request is approved").count() >= 1
    coordinator.close()
    welcome = wait_for_mail(mail_dir, "Welcome to the network.")
    assert "meetings" in welcome

    # The member signs in, lands on their own page and looks after their account.
    assert "/account/home/" in welcome
    sign_in(page, base_url, email, PASSWORD)
    page.wait_for_url("**/account/home/")
    assert page.locator("h1").inner_text() == "Your network page"
    assert page.get_by_role("link", name="Share a story").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Your profile and email choices").click()
    assert page.locator("h1").inner_text() == "My account"
    assert_accessible(page)
    page.get_by_label("A short bio").fill("Nurse in Moray.")
    page.get_by_role("button", name="Save my details").click()
    assert page.get_by_text("Your details are saved.").is_visible()

    page.goto("/members/")
    assert page.locator("h1").inner_text() == "Member directory"
    assert page.get_by_text("Heather Munro").count() == 1
    assert_accessible(page)

    page.goto("/account/data/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    data = json.loads(open(download_info.value.path()).read())  # noqa: SIM115
    assert data["account"]["email"] == email
    assert data["join_request"]["status"] == "approved"
    assert data["profile"]["bio"] == "Nurse in Moray."
    assert {consent["purpose"] for consent in data["consents"]} == {"privacy_notice", "directory"}

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_role("button", name="Delete my account for good").click()
    assert page.locator("#id_password_error").is_visible()
    assert_accessible(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    assert page.locator("h1").inner_text() == "Your account is deleted"
    assert_accessible(page)

    sign_in(page, base_url, email, PASSWORD)
    assert page.locator(".ds_error-summary").is_visible()
    newcomer.close()


def test_sign_in_and_password_reset_pages_are_accessible(page, served_site):
    page.goto(served_site["url"] + "/accounts/login/")
    assert page.locator("h1").inner_text() == "Sign in"
    assert_accessible(page)
    page.goto(served_site["url"] + "/accounts/password/reset/")
    assert_accessible(page)


def test_demo_member_pages_and_signing_out(page, served_site):
    base_url = served_site["url"]
    sign_in(page, base_url, *MEMBER)
    page.goto(base_url + "/members/?sector=health")
    assert page.get_by_text("Morag Campbell").count() == 1
    assert page.get_by_text("Tariq Hussain").count() == 0
    assert_accessible(page)
    page.goto(base_url + "/members/?sector=pirates")
    assert page.locator(".ds_error-summary").is_visible()
    assert_accessible(page)
    for path in ("/accounts/email/", "/accounts/password/change/"):
        assert page.goto(base_url + path).status == 200
        assert_accessible(page)

    navigation = page.get_by_role("navigation", name="Main navigation", exact=True)
    navigation.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert navigation.get_by_role("link", name="Sign in").is_visible()
    assert page.goto(base_url + "/account/").url.startswith(base_url + "/accounts/login/")
