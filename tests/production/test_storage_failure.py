"""The media storage refusing files, for real, under gunicorn: a media folder that cannot be written
(it sits under a plain file, which stops root too), and S3 (moto's server) answering that the
bucket does not exist. A member's story is kept as a draft without its image and they are told;
an admin upload answers 503; the log has one error line for each, and no traceback."""

import html
import uuid

import pytest
from wagtail.images.tests.utils import get_test_image_file

from tests.factories.stories import story_form_data
from tests.production.conftest import (
    ADMIN,
    MEMBER,
    PORTS,
    Visitor,
    production_environment,
    query,
)
from tests.production.test_two_servers import multipart


@pytest.fixture(params=["disk", "s3"])
def refusing_storage(request, site_files, tmp_path):
    if request.param == "disk":
        blocker = tmp_path / "a-file-not-a-folder"
        blocker.write_text("")
        return {"MEDIA_ROOT": str(blocker / "media")}
    return {
        **request.getfixturevalue("s3_bucket"),
        "AWS_STORAGE_BUCKET_NAME": "no-such-bucket",
        "SERVE_MEDIA": "false",
    }


def test_a_refused_upload_loses_nothing_and_tells_the_operator_once(
    processes, site_files, refusing_storage
):
    site_url = f"http://127.0.0.1:{PORTS[3]}"
    env = production_environment(site_files, site_url=site_url, **refusing_storage)
    site = processes.web("web-refusing-storage", PORTS[3], env)
    host = site_url.removeprefix("http://")
    images_before = query("SELECT count(*) FROM wagtailimages_image")
    title = f"Story kept without its image {uuid.uuid4().hex[:8]}"

    member = Visitor(host)
    member.sign_in(site, *MEMBER)
    member.get(site, "/stories/share/")
    content_type, body = multipart(
        {
            **story_form_data(title=title, image_alt_text="A raised flower bed", sectors=None),
            "sectors": "social-care",
            "themes": "Good conversations",
            "csrfmiddlewaretoken": member.cookie("csrftoken"),
        },
        {"image": ("garden.png", get_test_image_file().file.getvalue(), "image/png")},
    )
    assert member.upload(site, "/stories/share/", content_type, body) == 302

    story_id = query(
        "SELECT p.id FROM wagtailcore_page p JOIN stories_storypage s ON s.page_ptr_id = p.id "
        "WHERE p.draft_title = %s AND s.image_id IS NULL",
        title,
    )
    assert story_id is not None
    # Kept as a draft: not sent to the moderators without its image.
    assert (
        query("SELECT count(*) FROM wagtailcore_workflowstate WHERE object_id = %s", str(story_id))
        == 0
    )
    assert query("SELECT count(*) FROM wagtailimages_image") == images_before
    status, _headers, page = member.get(site, f"/stories/mine/{story_id}/edit/")
    assert status == 200
    assert "Your image could not be saved just now" in html.unescape(page)

    admin = Visitor(host)
    admin.sign_in(site, *ADMIN)
    admin.get(site, "/admin/documents/add/")
    content_type, body = multipart(
        {
            "title": "Refused",
            "collection": query("SELECT id FROM wagtailcore_collection WHERE depth = 1"),
            "csrfmiddlewaretoken": admin.cookie("csrftoken"),
        },
        {"file": ("refused.txt", b"Not stored.\n", "text/plain")},
    )
    assert admin.upload(site, "/admin/documents/add/", content_type, body) == 503
    assert query("SELECT count(*) FROM wagtaildocs_document WHERE title = 'Refused'") == 0

    processes.stop_all()
    log = processes.log("web-refusing-storage")
    refusals = [line for line in log.splitlines() if "Media storage refused" in line]
    assert len(refusals) == 2, log
    assert all(" ERROR " in line for line in refusals)
    assert "Traceback" not in log
