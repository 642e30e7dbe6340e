"""Keyboard-only journeys (WCAG 2.1.1 Keyboard, 2.4.3 Focus order), in Chromium.

Each journey is done with the keys a keyboard user has: Tab and Shift+Tab to move, Enter and Space
to press, arrow keys and typing to choose. No mouse clicks, and nothing typed into a control the Tab
key has not reached: `Keyboard.tab_to` presses Tab until the control has the focus, and fails if
focus passes the end of the page first, so reaching each control in turn checks the focus order.
Going to an address (a link in an email, a bookmark) is done as a person does, by typing it in.

The journeys use their own accounts (KEYBOARD_MEMBER, KEYBOARD_MODERATOR), never the demo accounts
other browser tests sign in as.
"""

import re
import time
import uuid

import pytest
from PIL import Image

from tests.browser.test_membership_journey import CONFIRM_LINK, wait_for_mail
from tests.browser.test_stories_journey import run_in_site
from tests.factories.membership import unused_demo_code

PASSWORD = "keyboard-only-journeys-2026"
KEYBOARD_MEMBER = "keys.member@example.org"
KEYBOARD_MODERATOR = "keys.moderator@example.org"
STORY_TITLE = "Asking first about the allotment"
MODERATED_TITLE = "Starting from the bowling green"
# The bigger the page, the more presses from its top to its last control: the Wagtail admin's
# edit page is the longest.
TAB_LIMIT = 150

MAKE_ACCOUNT = """
from allauth.account.models import EmailAddress
from django.conf import settings
from network_site.core.roles import MEMBER, MODERATOR, assign_role
from network_site.membership.models import User
from network_site.membership.second_factor import set_up_authenticator_app

email, name, role = {email!r}, {name!r}, {role}
user = User.objects.filter(email=email).first() or User(username=email.split("@")[0], email=email)
user.first_name, user.is_active = name, True
user.set_password({password!r})
user.save()
EmailAddress.objects.update_or_create(
    user=user, email=email, defaults={{"verified": True, "primary": True}}
)
assign_role(user, role)
if role is MODERATOR:
    set_up_authenticator_app(user, settings.DEMO_TOTP_SECRET)
print(user.pk)
"""


def make_account(served_site, email, name, role):
    return run_in_site(
        served_site,
        MAKE_ACCOUNT.format(email=email, name=name, role=role, password=PASSWORD),
    )


class Keyboard:
    """A keyboard user's hands on a page: every move is a key press."""

    def __init__(self, page):
        self.page = page
        self.reached = []
        # File choosers the page opens. Listening from the start: Chromium may open one before
        # a listener added at the key press is in place.
        self.file_choosers = []
        page.on("filechooser", lambda chooser: self.file_choosers.append(chooser))

    def wait_for_file_chooser(self, seconds=10):
        deadline = time.monotonic() + seconds
        while not self.file_choosers:
            assert time.monotonic() < deadline, "no file chooser opened"
            self.page.wait_for_timeout(100)
        return self.file_choosers.pop()

    def focused(self, locator):
        """Whether the focus is on `locator` (on any of its elements: a group of radio buttons)."""
        return locator.evaluate_all("elements => elements.includes(document.activeElement)")

    def tab_to(self, locator, *, backwards=False):
        """Presses Tab (or Shift+Tab) until `locator` has the focus."""
        locator.first.wait_for(state="attached")
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(TAB_LIMIT):
            self.page.keyboard.press(key)
            if self.focused(locator):
                self.reached.append(
                    self.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
                )
                return
            if self.page.evaluate("document.activeElement === document.body"):
                break
        raise AssertionError(f"{key} never reached {locator} (after {self.reached[-3:]})")

    def type_into(self, locator, text):
        self.tab_to(locator)
        self.page.keyboard.type(text)

    def press(self, locator, key="Enter"):
        """Tabs to a control and presses it (Enter for links and buttons, Space for boxes)."""
        self.tab_to(locator)
        self.page.keyboard.press(key)

    def follow(self, locator, key="Enter"):
        """Tabs to a link or a submit button and presses it, waiting for the page it leads to."""
        self.tab_to(locator)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def choose(self, select, label):
        """Chooses an option in a drop-down list by typing its first letters, as keyboards allow."""
        self.tab_to(select)
        self.page.keyboard.type(label)
        assert select.evaluate("s => s.options[s.selectedIndex].text") == label

    def choose_radio(self, name, label):
        """Tabs into a group of radio buttons and moves through it with the arrow keys."""
        wanted = self.page.get_by_label(label, exact=True)
        self.tab_to(self.page.locator(f"input[name='{name}']"))
        for _ in range(self.page.locator(f"input[name='{name}']").count()):
            if wanted.is_checked():
                return
            if self.focused(wanted):
                self.page.keyboard.press("Space")
            else:
                self.page.keyboard.press("ArrowDown")
        assert wanted.is_checked(), f"the arrow keys never chose {label}"

    def tick(self, label):
        box = self.page.get_by_label(label, exact=True)
        self.press(box, "Space")
        assert box.is_checked()

    def go_to(self, url):
        """Types an address into the browser, and starts from the top of the page."""
        self.page.goto(url)


def keyboard_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    return context, Keyboard(context.new_page())


def sign_in_by_keyboard(keys, base, email, *, start="/"):
    keys.go_to(base + start)
    page = keys.page
    keys.follow(page.get_by_role("link", name="Sign in", exact=True))
    keys.type_into(page.get_by_label("Email"), email)
    keys.type_into(page.get_by_label("Password"), PASSWORD)
    keys.follow(page.get_by_role("button", name="Sign in"))
    if "/accounts/2fa/authenticate/" in page.url:
        keys.type_into(page.get_by_label("Code"), unused_demo_code(email))
        keys.follow(page.get_by_role("button", name="Sign in"))
    assert "/accounts/login/" not in page.url


def sign_in(chromium, served_site):
    base = served_site["url"]
    make_account(served_site, KEYBOARD_MEMBER, "Kirsty Keys", "MEMBER")
    context, keys = keyboard_page(chromium)
    sign_in_by_keyboard(keys, base, KEYBOARD_MEMBER)
    keys.go_to(base + "/")
    # Signed in, the header offers the member's own pages instead of "Sign in".
    assert keys.page.get_by_role("link", name="Sign in", exact=True).count() == 0
    return context


def join(chromium, served_site):
    base = served_site["url"]
    # A new address each run: the site sends one confirmation an hour to an address.
    email = f"jo.keyboard.{uuid.uuid4().hex[:8]}@example.org"
    context, keys = keyboard_page(chromium)
    page = keys.page
    keys.go_to(base + "/")
    keys.follow(page.get_by_role("link", name="Join", exact=True))
    keys.type_into(page.get_by_label("Full name"), "Jo Keyboard")
    keys.type_into(page.get_by_label("Email"), email)
    keys.type_into(page.locator("#id_organisation"), "Tayside Carers Centre")
    keys.type_into(page.locator("#id_role"), "Carer support worker")
    keys.choose(page.locator("#id_sector"), "Social care")
    keys.choose(page.locator("#id_council_area"), "Dundee City")
    keys.type_into(page.locator("#id_hopes"), "To hear how others start good conversations.")
    keys.type_into(page.locator("#id_password1"), PASSWORD)
    keys.type_into(page.locator("#id_password2"), PASSWORD)
    keys.press(page.locator("#id_agree_privacy"), "Space")
    assert page.locator("#id_agree_privacy").is_checked()
    keys.follow(page.get_by_role("button", name="Send my request"))
    assert page.locator(".ds_error-summary").count() == 0, page.locator("main").inner_text()

    assert page.locator("h1").inner_text() == "Check your email"

    # The confirmation link arrives by email; the person opens it and confirms by keyboard.
    link = CONFIRM_LINK.search(wait_for_mail(served_site["mail_dir"], email)).group(0)
    keys.go_to(base + link[link.index("/accounts/") :])
    keys.follow(page.get_by_role("button", name="Confirm"))
    assert page.locator("h1").inner_text() == "Your request has been received"
    return context


def compare_three_entries(chromium, served_site):
    base = served_site["url"]
    context, keys = keyboard_page(chromium)
    page = keys.page
    keys.go_to(base + "/")
    keys.follow(page.get_by_role("link", name="Mapping guide", exact=True).first)
    boxes = page.locator("input[name='entry']")
    chosen = []
    for index in range(3):
        keys.press(boxes.nth(index), "Space")
        assert boxes.nth(index).is_checked()
        chosen.append(boxes.nth(index).get_attribute("value"))
    keys.follow(page.get_by_role("button", name="Compare", exact=True))
    assert page.url.count("entry=") == 3
    for slug in chosen:
        assert f"entry={slug}" in page.url
    assert page.locator("h1").inner_text() == "Compare entries"
    return context


def share_story_with_image(chromium, served_site, tmp_path, title=STORY_TITLE):
    base = served_site["url"]
    make_account(served_site, KEYBOARD_MEMBER, "Kirsty Keys", "MEMBER")
    context, keys = keyboard_page(chromium)
    page = keys.page
    sign_in_by_keyboard(keys, base, KEYBOARD_MEMBER)
    keys.go_to(base + "/stories/")
    keys.follow(page.get_by_role("link", name="Share a story"))
    keys.type_into(page.get_by_label("Title"), title)
    for field, text in [
        ("#id_summary", "A man who had given up his allotment told us it was what he missed."),
        ("#id_what_mattered", "Getting his hands back in the soil."),
        ("#id_what_we_did", "We asked the allotment society about a raised bed near the gate."),
        ("#id_helped_and_hindered", "The society helped. The bus times got in the way."),
        ("#id_what_changed", "He is at the allotment twice a week."),
        ("#id_what_i_learned", "Ask about the place before the problem."),
    ]:
        keys.type_into(page.locator(field), text)
    keys.choose_radio("perspective", "Practitioner")
    keys.tick("Social care")
    keys.tick("Good conversations")

    # The image: the file chooser opens from the keyboard, as the operating system's dialog would.
    picture = tmp_path / "allotment.png"
    Image.new("RGB", (640, 480), (90, 140, 60)).save(picture)
    keys.tab_to(page.locator("#id_image-dropzone, #id_image"))
    page.keyboard.press("Enter")
    keys.wait_for_file_chooser().set_files(str(picture))
    keys.type_into(page.get_by_label("Describe the image"), "A raised bed of leeks by a gate.")
    keys.tick(page.locator("label[for='id_consent_confirmed']").inner_text().strip())
    keys.choose_radio("credit", "Anonymous")
    keys.follow(page.get_by_role("button", name="Submit for moderation"))
    assert page.url.endswith("/stories/mine/"), page.locator("main").inner_text()[:500]
    assert page.get_by_text("In moderation").first.is_visible()
    story = run_in_site(
        served_site,
        f"from stories.models import StoryPage\n"
        f"print(StoryPage.objects.get(title={title!r}).latest_revision.as_object().image_id)",
    )
    assert story != "None"
    return context


def book_and_cancel_a_place(chromium, served_site):
    base = served_site["url"]
    make_account(served_site, KEYBOARD_MEMBER, "Kirsty Keys", "MEMBER")
    context, keys = keyboard_page(chromium)
    page = keys.page
    sign_in_by_keyboard(keys, base, KEYBOARD_MEMBER)
    keys.go_to(base + "/")
    keys.follow(page.get_by_role("link", name=re.compile("^Book a place")).first)
    keys.tick("Captions")
    keys.follow(page.get_by_role("button", name="Say I am coming"))
    assert page.get_by_text("You are coming to this meeting").is_visible()
    keys.follow(page.get_by_role("link", name="Cancel my place"))
    assert page.locator("h1").inner_text() == "Cancel your place?"
    keys.follow(page.get_by_role("button", name="Yes, cancel my place"))
    assert page.get_by_text("You are no longer down for this meeting").is_visible()
    return context


def moderator_approves_a_story(chromium, served_site, tmp_path):
    base = served_site["url"]
    share_story_with_image(chromium, served_site, tmp_path, MODERATED_TITLE).close()
    make_account(served_site, KEYBOARD_MODERATOR, "Morven Keys", "MODERATOR")
    context, keys = keyboard_page(chromium)
    page = keys.page
    sign_in_by_keyboard(keys, base, KEYBOARD_MODERATOR)
    keys.go_to(base + "/admin/")
    # The dashboard lists what waits for this moderator; the story's title leads to its edit page.
    keys.follow(page.locator("main a", has_text=MODERATED_TITLE).first)
    assert "/edit/" in page.url
    # The footer's action menu opens with Enter; Approve is one of its items.
    approve = page.locator(
        "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():
        keys.press(page.locator("footer [data-w-dropdown-target='toggle']").first)
    keys.tab_to(approve)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    status = run_in_site(
        served_site,
        f"from stories.models import StoryPage\n"
        f"print(StoryPage.objects.get(title={MODERATED_TITLE!r}).live)",
    )
    assert status == "True"
    return context


JOURNEYS = {
    "sign-in": sign_in,
    "join": join,
    "compare-three-mapping-entries": compare_three_entries,
    "book-and-cancel-a-place": book_and_cancel_a_place,
}
# Journeys that write a file to upload.
JOURNEYS_WITH_FILES = {
    "share-a-story-with-an-image": share_story_with_image,
    "moderator-approves-a-story": moderator_approves_a_story,
}


@pytest.mark.parametrize("name", [*JOURNEYS, *JOURNEYS_WITH_FILES])
def test_keyboard_only_journey(chromium, served_site, name, tmp_path):
    if name in JOURNEYS:
        context = JOURNEYS[name](chromium, served_site)
    else:
        context = JOURNEYS_WITH_FILES[name](chromium, served_site, tmp_path)
    context.close()
