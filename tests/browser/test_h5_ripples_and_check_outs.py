"""Ripples and check-outs in Chromium with axe, at 390 and 1280 px: a story's ripples, the update and "what I tried"
forms, the meeting check-out (from its emailed link, signed out) and the meeting's results for
members, and the moderators' admin screen for updates. Journeys use members made for them here,
never the shared demo accounts."""

import json
import os
import uuid

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_admin_screens import DEMO_ADMIN, site_query
from tests.browser.test_admin_screens import assert_accessible as assert_admin_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR

pytestmark = pytest.mark.browser

WIDTHS = ((390, 844), (1280, 900))
DEMO_STORY_WITH_RIPPLES = "a-kitchen-table-conversation"

# A new member who tells a story of their own, found the demo story helpful, and came to the
# latest past meeting (with its check-out sent); prints what the tests need, as JSON.
SET_UP_MEMBER = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from events.check_outs import make_token
from events.models import Booking, CheckOutInvitation, MeetingPage
from stories.models import HelpedMark, StoryIndexPage, StoryPage

user = get_user_model().objects.create_user(
    username="{email}", email="{email}", password=None, first_name="Browser", last_name="Teller"
)
user.groups.add(Group.objects.get_or_create(name="Members")[0])
index = StoryIndexPage.objects.get()
story = index.add_child(instance=StoryPage(
    title="A browser test story {tag}", slug="browser-test-story-{tag}", owner=user,
    summary="A short story for the browser tests.", what_mattered="Being heard.",
    perspective="practitioner", consent_confirmed=True,
))
story.save_revision().publish()
demo_story = StoryPage.objects.get(slug="{demo_story}")
HelpedMark.objects.get_or_create(story=demo_story, user=user)
meeting = MeetingPage.objects.live().filter(ends_at__lte=timezone.now()).order_by("-ends_at").first()
booking = Booking.objects.create(meeting=meeting, member=user, status=Booking.Status.ATTENDING)
CheckOutInvitation.objects.create(booking=booking, sent_on=timezone.localdate())
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({{
    "session": session.session_key,
    "story_id": story.pk,
    "story_url": story.url,
    "demo_story_id": demo_story.pk,
    "demo_story_url": demo_story.url,
    "meeting_url": meeting.url,
    "check_out_url": meeting.url + meeting.reverse_subpage("check_out", args=[make_token(booking)]),
}}))
"""


@pytest.fixture
def member(served_site):
    tag = uuid.uuid4().hex[:8]
    code = SET_UP_MEMBER.format(
        email=f"teller-{tag}@example.org", tag=tag, demo_story=DEMO_STORY_WITH_RIPPLES
    )
    return json.loads(site_query(served_site, code))


@pytest.fixture
def member_page(chromium, served_site, member):
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": "sessionid", "value": member["session"], "url": served_site["url"]}]
    )
    browser_page = context.new_page()
    yield browser_page
    context.close()


def check_at_both_widths(browser_page, name, check=assert_accessible):
    """axe at a phone's width and a desktop's, with a screenshot of each to look at."""
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    for width, height in WIDTHS:
        browser_page.set_viewport_size({"width": width, "height": height})
        check(browser_page)
        browser_page.screenshot(
            path=os.path.join(SCREENSHOT_DIR, f"h5-{name}-{width}.png"), full_page=True
        )


def test_a_storys_ripples_for_a_visitor(page, served_site):
    page.goto(served_site["url"] + f"/stories/{DEMO_STORY_WITH_RIPPLES}/")
    ripples = page.locator("#ripples")
    assert "5 ripples" in ripples.locator("h2").inner_text()
    assert ripples.get_by_text("Update from the teller").count() == 2
    assert ripples.get_by_text("A network member,").count() == 1
    check_at_both_widths(page, "story-ripples")


def test_the_teller_writes_an_update(member_page, served_site, member):
    member_page.goto(served_site["url"] + member["story_url"])
    member_page.get_by_role("link", name="Add an update: what happened next?").click()
    member_page.wait_for_load_state()
    assert member_page.locator("h1").inner_text() == "What happened next?"
    check_at_both_widths(member_page, "update-form")
    member_page.get_by_role("button", name="Send to the moderators").click()
    member_page.wait_for_load_state()
    assert member_page.locator(".ds_error-summary").is_visible()
    check_at_both_widths(member_page, "update-form-error")
    member_page.get_by_label("What happened next?").fill("We now meet every month to plan.")
    member_page.get_by_role("button", name="Send to the moderators").click()
    member_page.wait_for_load_state()
    assert member_page.url.endswith(member["story_url"] + "#ripples")
    assert member_page.get_by_text("A moderator will read your update").is_visible()


def test_a_member_says_what_they_tried_without_their_name(member_page, served_site, member):
    member_page.goto(served_site["url"] + member["demo_story_url"])
    member_page.get_by_role("link", name="tell others what you tried").click()
    member_page.wait_for_load_state()
    check_at_both_widths(member_page, "tried-form")
    member_page.get_by_label("What did you try because of this story?").fill(
        "I asked one question about what matters before any form."
    )
    member_page.locator("label", has_text="Without my name").click()
    member_page.get_by_role("button", name="Send to the moderators").click()
    member_page.wait_for_load_state()
    assert member_page.get_by_text("A moderator will read it").is_visible()
    check_at_both_widths(member_page, "story-ripples-member")


def test_the_check_out_from_its_link_signed_out(page, served_site, member):
    page.goto(served_site["url"] + member["check_out_url"])
    assert page.locator("h1").inner_text() == "How was the meeting for you?"
    check_at_both_widths(page, "check-out-form")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state()
    assert page.locator(".ds_error-summary").is_visible()
    check_at_both_widths(page, "check-out-form-error")
    for statement in range(4):
        page.locator("fieldset").nth(statement).locator("label", has_text="Agree").last.click()
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your answer is in").is_visible()
    check_at_both_widths(page, "check-out-thanks")
    page.goto(served_site["url"] + member["check_out_url"])
    assert page.get_by_text("already been answered").is_visible()
    page.goto(served_site["url"] + member["check_out_url"][:-4] + "xyz/")
    assert page.locator("h1").inner_text() == "This link does not work"
    check_at_both_widths(page, "check-out-bad-link")


def test_the_meetings_results_for_members(member_page, served_site, member):
    member_page.goto(served_site["url"] + member["meeting_url"])
    results = member_page.locator("#check-out-results")
    assert "answered the check-out" in results.inner_text()
    assert results.locator("tbody tr").count() == 4
    check_at_both_widths(member_page, "meeting-results")


def test_moderators_screen_for_updates(page, served_site, member):
    sign_in(page, served_site["url"], *DEMO_ADMIN)
    page.goto(served_site["url"] + "/admin/story_updates/")
    check_at_both_widths(page, "admin-story-updates", assert_admin_accessible)
    page.goto(served_site["url"] + "/admin/what_members_tried/")
    check_at_both_widths(page, "admin-what-members-tried", assert_admin_accessible)


def test_the_asking_choice_and_the_helped_first_page(member_page, served_site, member):
    member_page.goto(served_site["url"] + member["story_url"])
    member_page.get_by_role("link", name="Choose whether we email you").click()
    member_page.wait_for_load_state()
    assert member_page.locator("h1").inner_text() == "Ask me what happened next"
    check_at_both_widths(member_page, "asking-choice")
    member_page.locator("label", has_text="Email me three, six and twelve months").click()
    member_page.get_by_role("button", name="Save my choice").click()
    member_page.wait_for_load_state()
    assert member_page.get_by_text("We will ask you what happened next.").is_visible()
    # A story they did not mark as helpful: the way to say what they tried starts there.
    member_page.goto(served_site["url"] + f"/ripples/stories/{member['story_id']}/tried/")
    assert member_page.locator("h1").inner_text() == "Did this story help you?"
    check_at_both_widths(member_page, "mark-helped-first")
