"""The story form's image question in Chromium: the design system's file-upload drop zone as
documented, with no JavaScript error, axe clean, a file chosen through its button, and the chosen
image kept when the form comes back with an error."""

import io
import os

from PIL import Image

from tests.browser.conftest import assert_accessible
from tests.browser.test_every_page_type import SCREENSHOT_DIR
from tests.browser.test_stories_journey import member_page


def png_bytes():
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "seagreen").save(picture, "PNG")
    return picture.getvalue()


def test_the_drop_zone_works_and_the_chosen_image_is_kept(chromium, served_site):
    context, member = member_page(chromium, served_site)
    errors = []
    member.on("pageerror", lambda error: errors.append(str(error)))
    member.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        member.goto(served_site["url"] + "/stories/share/")
        drop_zone = member.locator("#id_image-dropzone")
        assert drop_zone.is_visible()
        assert not member.locator("#id_image").is_visible()
        assert drop_zone.inner_text().startswith("No file chosen")
        assert_accessible(member)

        with member.expect_file_chooser() as chooser:
            drop_zone.click()
        chooser.value.set_files(
            {"name": "raised-bed.png", "mimeType": "image/png", "buffer": png_bytes()}
        )
        assert member.locator("#id_image-status").inner_text() == "raised-bed.png"
        assert_accessible(member)

        # Sent with the image and its description but without a title: the form comes back.
        member.fill("#id_image_alt_text", "A raised flower bed by a back door")
        member.get_by_role("button", name="Save as draft").click()
        assert member.get_by_text("There is a problem").is_visible()
        assert member.get_by_text("You chose the image").is_visible()
        assert member.locator("input[name='kept_image']").count() == 1
        assert member.locator("#id_image-dropzone").is_visible()
        assert_accessible(member)
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        member.screenshot(
            path=os.path.join(SCREENSHOT_DIR, "story-form-kept-image-1280.png"), full_page=True
        )
        assert errors == []
    finally:
        context.close()
