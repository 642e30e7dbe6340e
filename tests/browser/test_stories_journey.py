"""Stories in Chromium: a member shares a story, a moderator approves it in the Wagtail admin, a
visitor reads it. axe-core checks the form, the index and the story page."""

import re
import subprocess
import sys

from tests.browser.conftest import PROJECT_DIR, assert_accessible, read_mail, sign_in

STORY_TITLE = "Learning to start with the garden"
DEMO_ADMIN = ("admin@example.org", "network-demo-admin")

SIGN_IN_MEMBER = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

user, _ = get_user_model().objects.get_or_create(
    username="browser-teller",
    defaults={"email": "browser-teller@example.org", "first_name": "Bea", "last_name": "Browser"},
)
user.groups.add(Group.objects.get_or_create(name="Members")[0])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""

STORY_ID = f"""
from stories.models import StoryPage
print(StoryPage.objects.get(title={STORY_TITLE!r}).pk)
"""


def run_in_site(served_site, code):
    """Runs Python in the served site's Django, against its database; returns what it printed."""
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-v0", "-c", code],
        env=served_site["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def member_page(chromium, served_site):
    session_key = run_in_site(served_site, SIGN_IN_MEMBER)
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": served_site["url"]}])
    return context, context.new_page()


def test_stories_index_and_story_page_are_accessible(page, served_site):
    response = page.goto(served_site["url"] + "/stories/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Stories from practice"
    assert_accessible(page)

    # Two public demo stories are about carers; a third is for members only.
    assert page.locator("#id_theme option[value='carers']").inner_text() == "Carers (2)"
    page.select_option("#id_theme", value="carers")
    page.get_by_role("button", name="Apply", exact=True).click()
    page.wait_for_url("**/stories/?*theme=carers*")
    assert page.locator(".ds_search-result").count() == 2
    assert_accessible(page)

    page.goto(served_site["url"] + "/stories/a-kitchen-table-conversation/")
    assert page.locator("h1").inner_text() == "A kitchen-table conversation about getting out again"
    assert page.get_by_text("Community care worker, A Fife home support service").is_visible()
    assert_accessible(page)


def test_member_shares_moderator_approves_visitor_reads(chromium, page, served_site):
    base = served_site["url"]
    context, member = member_page(chromium, served_site)

    member.goto(base + "/stories/share/")
    assert member.locator("h1").inner_text() == "Share a story"
    assert_accessible(member)

    # Submitting with an identifying detail shows a warning and an error, and keeps the text.
    member.fill("#id_title", STORY_TITLE)
    member.fill(
        "#id_summary", "A woman who had stopped going out told us her garden was what she missed."
    )
    member.fill("#id_what_mattered", "Getting back into her garden, and Mrs Kerr next door.")
    member.fill("#id_what_we_did", "We planned small jobs she could do from a chair.")
    member.fill("#id_helped_and_hindered", "A neighbour helped. Our visit times got in the way.")
    member.fill("#id_what_changed", "She is out in the garden most dry mornings.")
    member.fill("#id_what_i_learned", "What matters can be small and specific.")
    # The design system draws its own radios and checkboxes over the inputs: people click labels.
    for label in ["Practitioner", "Social care", "Good conversations", "Anonymous"]:
        member.locator("label", has_text=re.compile(f"^{label}$")).click()
    member.locator("label[for='id_consent_confirmed']").click()
    member.get_by_role("button", name="Submit for moderation").click()
    assert member.get_by_text("There is a problem").is_visible()
    assert member.get_by_text("“Mrs Kerr” looks like a name after a title").first.is_visible()
    assert_accessible(member)

    member.fill("#id_what_mattered", "Getting back into her garden.")
    member.get_by_role("button", name="Submit for moderation").click()
    member.wait_for_url("**/stories/mine/")
    assert member.get_by_text("In moderation").is_visible()
    assert_accessible(member)
    context.close()

    # The moderator approves it in the Wagtail admin.
    story_id = run_in_site(served_site, STORY_ID)
    admin_context = chromium.new_context()
    admin_context.set_default_timeout(30_000)
    admin = admin_context.new_page()
    sign_in(admin, base, *DEMO_ADMIN, next_path="/admin/")
    admin.wait_for_url("**/admin/")
    admin.goto(f"{base}/admin/pages/{story_id}/edit/")
    assert admin.get_by_text("The site found no email addresses").count() == 1
    approve = admin.locator(
        "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():
        admin.locator("footer [data-w-dropdown-target='toggle']").first.click()
    approve.click()
    admin.wait_for_load_state("networkidle")
    admin_context.close()

    # A visitor finds and reads it.
    page.goto(base + "/stories/")
    page.get_by_role("link", name=STORY_TITLE).click()
    assert page.locator("h1").inner_text() == STORY_TITLE
    assert page.get_by_text("A network member (practitioner)").is_visible()
    assert_accessible(page)

    # The teller was told, with the link.
    approvals = [
        message
        for message in read_mail(served_site["mail_dir"])
        if "To: browser-teller@example.org" in message and "have approved" in message
    ]
    assert len(approvals) == 1
    assert "/stories/learning-to-start-with-the-garden/" in approvals[0]
