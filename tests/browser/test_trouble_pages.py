"""The pages a person meets when a part of the site fails: the database does not answer (503) or
the media storage refuses an upload (503). They come from the site's own handlers, here called as
the failure calls them, and are shown in Chromium against the served site's style sheets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import RequestFactory

from network_site.core.storage import UploadStorageFailureMiddleware
from network_site.core.views import server_error
from tests.browser.conftest import assert_accessible

WIDTHS = [390, 1280]


def database_outage_response():
    request = RequestFactory().get("/members/")
    request.request_id = "trouble-page-request-1"
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        return server_error(request)


def refused_upload_response():
    upload = SimpleUploadedFile("photo.jpg", b"not stored", content_type="image/jpeg")
    request = RequestFactory().post("/stories/share/", {"image": upload})
    request.request_id = "trouble-page-request-2"
    middleware = UploadStorageFailureMiddleware(lambda request: None)
    return middleware.process_exception(request, PermissionError("read-only file system"))


@pytest.mark.parametrize(
    ("make_response", "heading"),
    [
        (database_outage_response, "Sorry, the site is having trouble"),
        (refused_upload_response, "Sorry, your file could not be saved"),
    ],
)
@pytest.mark.parametrize("width", WIDTHS)
def test_trouble_pages_are_styled_accessible_and_give_the_reference(
    page, served_site, make_response, heading, width
):
    response = make_response()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"

    page.set_viewport_size({"width": width, "height": 800})
    # The served site's origin, so the page's style sheets load from it as they would in production.
    page.goto(served_site["url"] + "/robots.txt")
    page.set_content(response.content.decode(), wait_until="load")

    assert page.locator("h1").inner_text() == heading
    assert page.locator("code").inner_text().startswith("trouble-page-request-")
    stylesheet_rules = page.evaluate(
        "Array.from(document.styleSheets).reduce((n, sheet) => n + sheet.cssRules.length, 0)"
    )
    assert stylesheet_rules > 100, "the design system's style sheet did not load"
    assert page.get_by_role("link", name="Go to the home page").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
