"""A signed-in member who opens /admin/ gets one plain "you do not have access" page in the site's
look: no redirect loop, accessible, and photographed for a person to look at."""

import os

from tests.browser.conftest import assert_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR
from tests.browser.test_stories_journey import member_page


def test_a_member_at_the_admin_is_told_plainly_they_have_no_access(chromium, served_site):
    context, member = member_page(chromium, served_site)
    try:
        response = member.goto(served_site["url"] + "/admin/")
        assert response.status == 403
        assert member.url == served_site["url"] + "/admin/login/?next=/admin/"
        assert member.locator("h1").inner_text() == "You do not have access to the admin"
        assert member.get_by_role("link", name="your account page").is_visible()
        assert_accessible(member)
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        for width, height in ((1280, 900), (390, 844)):
            member.set_viewport_size({"width": width, "height": height})
            member.screenshot(
                path=os.path.join(SCREENSHOT_DIR, f"admin-no-access-{width}.png"), full_page=True
            )
        assert_accessible(member)
    finally:
        context.close()
