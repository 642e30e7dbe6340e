"""Following in Chromium, without needing any script: a member of its own (never a shared demo
account) follows a story with its button, sees it in "What I follow", follows a theme, chooses how
often news comes by email and reads "What's new for you" on their page. axe-core checks each page
at 390 and 1280 px wide; each is photographed for a person to look at."""

import os

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR
from tests.browser.test_stories_journey import run_in_site

STORY = "/stories/a-kitchen-table-conversation/"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

# A member for this test only, with one piece of unread news.
SIGN_IN_FOLLOWER = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from following import kinds, services
from following.models import Follow, Notification

user, _ = get_user_model().objects.get_or_create(
    username="browser-follower",
    defaults={"email": "browser-follower@example.org", "first_name": "Fenella"},
)
user.groups.add(Group.objects.get_or_create(name="Members")[0])
Follow.objects.filter(user=user).delete()
Notification.objects.filter(user=user).delete()
services.notify({user.pk}, kinds.MEETINGS, title="The next meeting", url="/meetings/",
                detail="New in Meetings")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


@pytest.fixture(params=sorted(WIDTHS))
def follower(request, chromium, served_site):
    width, height = WIDTHS[request.param]
    session_key = run_in_site(served_site, SIGN_IN_FOLLOWER)
    context = chromium.new_context(
        base_url=served_site["url"], viewport={"width": width, "height": height}
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": served_site["url"]}])
    browser_page = context.new_page()
    browser_page.width_name = f"{width}"
    yield browser_page
    context.close()


def photograph(browser_page, name):
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    browser_page.screenshot(
        path=os.path.join(SCREENSHOT_DIR, f"h2-{name}-{browser_page.width_name}.png"),
        full_page=True,
    )


def test_a_member_follows_a_story_and_a_theme_and_chooses_email(follower):
    follower.goto(STORY)
    follower.get_by_role("button", name="Follow this story").click()
    follower.wait_for_url(f"**{STORY}")
    assert follower.get_by_text("You now follow").is_visible()
    assert follower.get_by_role("button", name="Unfollow this story").is_visible()
    assert_accessible(follower)

    follower.goto("/following/")
    assert follower.locator("h1").inner_text() == "What I follow"
    assert follower.get_by_role("link", name="A kitchen-table conversation").is_visible()
    follower.get_by_label("Follow a theme").select_option("good-conversations")
    follower.get_by_role("button", name="Follow this theme").click()
    follower.wait_for_url("**/following/")
    assert follower.get_by_role("heading", name="Themes").is_visible()
    assert_accessible(follower)
    photograph(follower, "what-i-follow")

    # A theme not chosen: a clear error, axe clean.
    follower.get_by_role("button", name="Follow this sector").click()
    assert follower.get_by_text("Choose a sector to follow").first.is_visible()
    assert_accessible(follower)

    follower.goto("/following/email/")
    assert follower.locator("h1").inner_text() == "News by email"
    follower.locator("label[for=id_meetings_3]").click()  # "A weekly digest"
    follower.get_by_role("button", name="Save my choices").click()
    follower.wait_for_url("**/following/email/")
    assert follower.locator("#id_meetings_3").is_checked()
    assert_accessible(follower)
    photograph(follower, "news-by-email")


def test_whats_new_for_you_on_the_member_home(follower):
    follower.goto("/account/home/")
    section = follower.locator("section[aria-labelledby=whats-new-for-you]")
    assert section.get_by_role("heading", name="What’s new for you").is_visible()
    assert section.get_by_role("link", name="The next meeting").is_visible()
    assert section.get_by_text("New", exact=True).is_visible()
    assert_accessible(follower)
    photograph(follower, "member-home")
    section.get_by_role("button", name="Mark all as read").click()
    follower.wait_for_url("**/account/home/")
    assert follower.get_by_text("(read)").is_visible()
    assert_accessible(follower)


# The signed link from a news email, for this test's own member.
EMAIL_LINK_TOKEN = """
from django.contrib.auth import get_user_model
from following import kinds, tokens
from following.models import EmailPreferences

user, _ = get_user_model().objects.get_or_create(
    username="browser-email-link", defaults={"email": "browser-email-link@example.org"}
)
EmailPreferences.objects.update_or_create(user=user, defaults={"followed": "at_once"})
print(tokens.make_token(user, [kinds.FOLLOWED, kinds.MEETINGS]))
"""


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_link_in_a_news_email_changes_the_choice_without_signing_in(
    chromium, served_site, width
):
    token = run_in_site(served_site, EMAIL_LINK_TOKEN)
    size = WIDTHS[width]
    context = chromium.new_context(
        base_url=served_site["url"], viewport={"width": size[0], "height": size[1]}
    )
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    browser_page.width_name = f"{size[0]}"
    browser_page.goto(f"/following/email/{token}/")
    assert browser_page.locator("h1").inner_text() == "How often should this news come?"
    assert_accessible(browser_page)
    browser_page.get_by_role("button", name="A weekly digest").click()
    assert browser_page.locator("h1").inner_text() == "Your choice is saved"
    assert browser_page.get_by_text("Other news in what I follow").first.is_visible()
    assert_accessible(browser_page)
    photograph(browser_page, "email-choice")
    context.close()
