"""Conversations in Chromium with axe-core at 390 and 1280 px: a story's responses, replying,
flagging, asking and answering, the questions index, a member's own words and the moderators'
queue; responding by keyboard alone; and every journey with JavaScript turned off."""

import subprocess
import sys
import uuid

import pytest

from tests.browser.conftest import PROJECT_DIR, assert_accessible, sign_in
from tests.browser.test_admin_screens import DEMO_ADMIN
from tests.browser.test_admin_screens import assert_accessible as assert_admin_accessible

WIDTHS = (390, 1280)
STORY_SLUG = "a-kitchen-table-conversation"

MAKE_MEMBER_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from network_site.core.roles import MEMBER, assign_role

user = get_user_model().objects.create_user(
    username="{email}", email="{email}", password=None, first_name="Browser", last_name="Talker"
)
assign_role(user, MEMBER)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""

IDS = """
from stories.models import StoryPage
from conversations.models import Contribution
story = StoryPage.objects.get(slug="{slug}")
question = Contribution.objects.filter(kind="question", accepted_answer__isnull=False).first()
response = Contribution.objects.filter(kind="response", page=story, status="visible").first()
print(story.pk, story.url, question.pk, response.pk)
"""


def shows(page, text):
    """Waits until the page (once loaded) shows `text`."""
    page.get_by_text(text).first.wait_for()


def choose(page, label):
    # The design system draws its own circle over the radio button: a person clicks the label.
    page.locator("label.ds_radio__label", has_text=label).click()
    assert page.get_by_label(label).is_checked()


def run_in_site(served_site, code):
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-c", code],
        env=served_site["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def demo_ids(served_site):
    story_id, story_url, question_id, response_id = run_in_site(
        served_site, IDS.format(slug=STORY_SLUG)
    ).split()
    return {
        "story": int(story_id),
        "story_url": story_url,
        "question": int(question_id),
        "response": int(response_id),
    }


def new_member_browser(chromium, served_site, width=1280, javascript=True):
    """A browser context signed in as a member of our own (never a shared demo account)."""
    email = f"talker-{uuid.uuid4().hex[:8]}@example.org"
    session_key = run_in_site(served_site, MAKE_MEMBER_SESSION.format(email=email))
    context = chromium.new_context(
        base_url=served_site["url"],
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": served_site["url"]}])
    return context


@pytest.mark.parametrize("width", WIDTHS)
def test_every_conversation_page_passes_axe(chromium, served_site, demo_ids, width):
    context = new_member_browser(chromium, served_site, width)
    page = context.new_page()
    addresses = [
        demo_ids["story_url"],
        f"/conversations/page/{demo_ids['story']}/",
        f"/conversations/{demo_ids['response']}/reply/",
        f"/conversations/{demo_ids['response']}/flag/",
        "/conversations/questions/",
        "/conversations/questions/?answers=unanswered",
        f"/conversations/questions/{demo_ids['question']}/",
        "/conversations/questions/ask/",
        "/conversations/mine/",
        "/account/home/",
    ]
    for address in addresses:
        page.goto(address)
        assert page.locator("h1").count() == 1, address
        assert_accessible(page)
    # A form sent back with errors is accessible too.
    page.goto("/conversations/questions/ask/")
    page.get_by_role("button", name="Ask the network").click()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_sees_the_count_and_a_way_to_sign_in(chromium, served_site, demo_ids, width):
    context = chromium.new_context(
        base_url=served_site["url"], viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(demo_ids["story_url"])
    summary = page.locator("#conversation")
    assert "responses from members" in summary.inner_text()
    assert "kitchen table rather than across a desk" not in page.content()
    assert_accessible(page)
    context.close()


def test_responding_to_a_story_by_keyboard_alone(chromium, served_site, demo_ids):
    context = new_member_browser(chromium, served_site)
    page = context.new_page()
    page.goto(demo_ids["story_url"])
    # From the story, Tab to the way in and follow it with Enter.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Read and respond":
            break
    else:
        pytest.fail("'Read and respond' cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/conversations/page/{demo_ids['story']}/")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_text":
            break
    else:
        pytest.fail("The response box cannot be reached with Tab")
    page.keyboard.type("Typed with the keyboard only: the kitchen table worked for us too.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Post your response"
    page.keyboard.press("Enter")
    shows(page, "A moderator reads a new member's first few posts")
    shows(page, "Typed with the keyboard only")
    assert_accessible(page)
    context.close()


def test_every_journey_works_without_javascript(chromium, served_site, demo_ids):
    context = new_member_browser(chromium, served_site, javascript=False)
    page = context.new_page()
    # Respond, then edit within the half hour, then delete.
    page.goto(f"/conversations/page/{demo_ids['story']}/")
    page.get_by_label("Response", exact=True).fill("Without scripts, this still works.")
    page.get_by_role("button", name="Post your response").click()
    shows(page, "Without scripts, this still works.")
    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Words", exact=True).fill("Without scripts, this still works, edited.")
    page.get_by_role("button", name="Save your changes").click()
    shows(page, ", edited")
    # Reply to another member, and flag their words.
    page.goto(f"/conversations/{demo_ids['response']}/reply/")
    page.get_by_label("Reply", exact=True).fill("A reply without scripts.")
    page.get_by_role("button", name="Post your reply").click()
    shows(page, "A reply without scripts.")
    page.goto(f"/conversations/{demo_ids['response']}/flag/")
    choose(page, "It is off-topic")
    page.get_by_role("button", name="Flag for a moderator").click()
    shows(page, "A moderator will look at it")
    # Ask a question, say "me too" to another, choose what happens on deletion.
    page.goto("/conversations/questions/ask/")
    page.get_by_label("Your question", exact=True).fill("Does this work without scripts?")
    page.get_by_label("Details", exact=True).fill("Asking with JavaScript turned off.")
    page.get_by_role("button", name="Ask the network").click()
    shows(page, "Does this work without scripts?")
    page.goto(f"/conversations/questions/{demo_ids['question']}/")
    page.get_by_role("button", name="I want to know too").click()
    shows(page, "You said you want to know too")
    page.get_by_label("Answer", exact=True).fill("An answer without scripts.")
    page.get_by_role("button", name="Post your answer").click()
    shows(page, "An answer without scripts.")
    page.goto("/conversations/mine/")
    choose(page, "Keep my words in the conversations")
    page.get_by_role("button", name="Save your choice").click()
    shows(page, "Your choice is saved")
    page.get_by_role("link", name="Without scripts, this still works, edited.").click()
    page.goto(f"/conversations/page/{demo_ids['story']}/")
    page.get_by_role("link", name="Delete").first.click()
    page.get_by_role("button", name="Delete your words").click()
    shows(page, "Your words are deleted")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_moderators_queue_passes_axe_and_approves(chromium, served_site, width):
    context = chromium.new_context(
        base_url=served_site["url"], viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    # Something to moderate: a new member's response, held.
    member = new_member_browser(chromium, served_site)
    member_page = member.new_page()
    member_page.goto("/conversations/questions/ask/")
    member_page.get_by_label("Your question", exact=True).fill(f"Held question at {width} px")
    member_page.get_by_label("Details", exact=True).fill("Waiting for a moderator.")
    member_page.get_by_role("button", name="Ask the network").click()
    member.close()

    sign_in(page, served_site["url"], *DEMO_ADMIN, next_path="/admin/")
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Conversations to moderate").count() >= 1
    assert_admin_accessible(page)
    page.goto("/admin/conversations/")
    shows(page, f"Held question at {width} px")
    assert_admin_accessible(page)
    row = page.locator("tr", has_text=f"Held question at {width} px")
    row.get_by_role("button", name="Approve").click()
    shows(page, "Approved")
    page.goto("/admin/conversations/?show=hidden")
    assert_admin_accessible(page)
    context.close()
