"""A member's own page, the story form's image upload, a message through the directory and the
unsubscribe page, in Chromium with axe-core; no JavaScript error on any of them."""

import subprocess
import sys

import pytest
from wagtail.images.tests.utils import get_test_image_file

from tests.browser.conftest import PROJECT_DIR, assert_accessible, read_mail, sign_in

MEMBER = ("morag.campbell@example.org", "network-demo-member")


@pytest.fixture
def member(chromium, served_site):
    """A browser signed in as a demo member through the sign-in page; JavaScript errors kept."""
    context = chromium.new_context(base_url=served_site["url"])
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    browser_page.js_errors = []
    browser_page.on("pageerror", lambda error: browser_page.js_errors.append(str(error)))
    sign_in(browser_page, served_site["url"], *MEMBER)
    yield browser_page
    context.close()


def run_in_site(served_site, code):
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-v0", "-c", code],
        env=served_site["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_a_member_lands_on_their_own_page(member):
    member.wait_for_url("**/account/home/")
    assert member.locator("h1").inner_text() == "Your network page"
    for heading in ("Your stories", "Your meetings", "New since your last visit", "Your account"):
        assert member.get_by_role("heading", name=heading).is_visible()
    assert member.get_by_role("link", name="Share a story").is_visible()
    assert_accessible(member)
    assert member.js_errors == []


def test_the_story_form_keeps_the_chosen_image_without_script_errors(member, tmp_path):
    member.goto("/stories/share/")
    # The design system's upload markup; its scripts run over it without an error.
    assert member.locator(".ds_file-upload .ds_file-upload__input").count() == 1
    assert member.js_errors == []
    assert_accessible(member)

    image = tmp_path / "garden.png"
    image.write_bytes(get_test_image_file().file.getvalue())
    member.locator("input[type=file]").set_input_files(str(image))
    member.get_by_label("Describe the image").fill("A raised flower bed")
    member.get_by_role("button", name="Submit for moderation").click()

    assert member.locator(".ds_error-summary").is_visible()
    assert member.get_by_text("It is kept: you do not need to choose it again").is_visible()
    assert member.js_errors == []
    assert_accessible(member)


def test_a_member_writes_to_another_through_the_directory(member, served_site):
    member.goto("/members/")
    assert_accessible(member)
    member.locator("a", has_text="Send a message").first.click()
    assert member.locator("h1").inner_text() == "Send a message"
    member.get_by_role("button", name="Send the message").click()
    assert member.locator(".ds_error-summary").is_visible()
    assert_accessible(member)
    member.get_by_label("Your message").fill("Could we compare notes on carers' conversations?")
    member.get_by_role("button", name="Send the message").click()
    assert member.get_by_text("Your email address was not shared").is_visible()
    sent = [text for text in read_mail(served_site["mail_dir"]) if "compare notes" in text]
    assert sent and MEMBER[0] not in sent[-1].split("\n\n", 1)[1]
    assert member.js_errors == []


def test_the_unsubscribe_page_works_without_signing_in(page, served_site):
    token = run_in_site(
        served_site,
        "from django.contrib.auth import get_user_model\n"
        "from network_site.membership.unsubscribe import make_token\n"
        f"member = get_user_model().objects.get(email={MEMBER[0]!r})\n"
        # Subscribed first: a member who never asked for these emails is told so instead.
        "member.member_profile.receives_meetings_mailing = True\n"
        "member.member_profile.save(update_fields=['receives_meetings_mailing'])\n"
        "print(make_token(member, 'meetings'))",
    )
    page.goto(served_site["url"] + f"/email/unsubscribe/{token}/")
    assert page.locator("h1").inner_text() == "Stop these emails?"
    assert_accessible(page)
    page.get_by_role("button", name="Stop emails about meetings").click()
    assert page.locator("h1").inner_text() == "You are unsubscribed"
    assert_accessible(page)
