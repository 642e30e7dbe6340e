"""The admin screens the site adds, in Chromium with axe: each signed in as the role that uses it.

Scans cover the whole page, less two pieces of Wagtail's own chrome that the site does not control:
the action buttons of Wagtail's slim header on its listing views (the filter toggle), whose
accessible name does not contain their visible text (axe: label-content-name-mismatch), and the
text box that Wagtail's tag widget script adds beside the labelled tags field (axe: label).
Everything the site draws, and the rest of Wagtail's page, is scanned.
"""

import json
import subprocess
import sys

import pytest

from tests.browser.conftest import AXE_SOURCE, AXE_TAGS, PROJECT_DIR, sign_in

pytestmark = pytest.mark.browser

DEMO_ADMIN = ("admin@example.org", "network-demo-admin")
DEMO_COORDINATOR = ("coordinator@example.org", "network-demo-coordinator")


def site_query(served_site, code):
    """Runs Python against the served site's database and returns what it prints."""
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-c", code],
        env=served_site["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]  # shell may print its auto-imports first


WAGTAIL_CHROME_EXCLUDED = [".w-slim-header-action-button", ".ui-autocomplete-input"]


def assert_accessible(browser_page):
    # Wagtail's messages fade in: end every finite animation, or axe would measure their contrast
    # half-way through.
    browser_page.evaluate(
        """document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .forEach(a => a.finish())"""
    )
    browser_page.evaluate(AXE_SOURCE.read_text())
    violations = browser_page.evaluate(
        """([tags, excluded]) => axe.run(
            {include: [document], exclude: excluded.map(selector => [selector])},
            {runOnly: {type: 'tag', values: tags}}
        ).then(results => results.violations.map(violation => ({
            rule: violation.id, help: violation.help,
            targets: violation.nodes.map(node => node.target).slice(0, 5),
        })))""",
        [AXE_TAGS, WAGTAIL_CHROME_EXCLUDED],
    )
    assert violations == [], json.dumps(violations, indent=2)


@pytest.fixture
def admin_page(chromium, served_site):
    context = chromium.new_context(base_url=served_site["url"])
    context.set_default_timeout(30_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


def test_coordinator_dashboard_and_join_requests_pass_axe(admin_page, served_site):
    base = served_site["url"]
    sign_in(admin_page, base, *DEMO_COORDINATOR, next_path="/admin/")
    admin_page.wait_for_url("**/admin/")
    assert admin_page.get_by_role("heading", name="Join requests waiting").count() == 1
    assert_accessible(admin_page)

    admin_page.goto("/admin/joinrequest/?status=pending")
    assert_accessible(admin_page)
    admin_page.get_by_role("link", name="Answer", exact=True).first.click()
    admin_page.wait_for_url("**/inspect/**")
    assert_accessible(admin_page)

    admin_page.goto("/admin/joinrequest/answer-several/")
    assert_accessible(admin_page)

    # The members' list, searched and filtered, and one member's deactivation form.
    admin_page.goto("/admin/memberprofile/?q=campbell")
    assert_accessible(admin_page)
    member_id = site_query(
        served_site,
        "from network_site.membership.models import MemberProfile; "
        "print(MemberProfile.objects.order_by('pk').first().pk)",
    )
    admin_page.goto(f"/admin/memberprofile/status/{member_id}/")
    assert_accessible(admin_page)


def test_editor_screens_pass_axe(admin_page, served_site, tmp_path):
    base = served_site["url"]
    sign_in(admin_page, base, *DEMO_ADMIN, next_path="/admin/")
    admin_page.wait_for_url("**/admin/")
    assert_accessible(admin_page)  # the dashboard, with every role's panels

    entry_id = site_query(
        served_site,
        "from mapping.models import MappingEntryPage; "
        "print(MappingEntryPage.objects.live().order_by('pk').first().pk)",
    )
    admin_page.goto(f"/admin/pages/{entry_id}/edit/")
    assert admin_page.locator("table.dimension-table").count() == 1
    assert_accessible(admin_page)

    # Import: the guide's own export, previewed, as an editor would.
    export = admin_page.request.get(base + "/mapping-guide/export/csv/")
    guide_file = tmp_path / "guide.csv"
    guide_file.write_bytes(export.body())
    admin_page.goto("/admin/mapping-guide/import/")
    assert_accessible(admin_page)
    admin_page.get_by_label("Guide file").set_input_files(str(guide_file))
    admin_page.get_by_role("button", name="Preview the import").click()
    admin_page.get_by_role("heading", name="Preview the import").wait_for()
    assert admin_page.get_by_text("Left alone").count() >= 1
    assert_accessible(admin_page)

    admin_page.goto("/admin/reviews/?status=all")
    assert admin_page.get_by_role("button", name="Mark reviewed").count() >= 1
    assert_accessible(admin_page)

    meeting_id = site_query(
        served_site,
        "from events.models import MeetingPage; print(MeetingPage.objects.order_by('pk').first().pk)",
    )
    admin_page.goto(f"/admin/events/meetings/{meeting_id}/bookings/")
    assert_accessible(admin_page)
