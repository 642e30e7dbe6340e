"""Checks on every uploaded image, in the admin and in members' story form.

Wagtail limits the pixel count (WAGTAILIMAGES_MAX_IMAGE_PIXELS); these add a limit on each side and
decode the whole file once, so a truncated or corrupt image gets a clear form error at upload instead
of a broken admin page (or a slow, memory-hungry one) later.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

MAX_SIDE_PIXELS = 8000
# JPEGs are decoded at a reduced scale for the check: enough to read every byte of the file.
CHECK_DECODE_SIZE = (1000, 1000)


def check_uploaded_image(upload):
    """Raises ValidationError unless `upload` decodes in full and fits the limits."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width > MAX_SIDE_PIXELS or height > MAX_SIDE_PIXELS:
                raise ValidationError(
                    f"This image is {width} × {height} pixels. Make it at most "
                    f"{MAX_SIDE_PIXELS} pixels on each side and upload it again.",
                    code="image_too_large",
                )
            if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"This image has {width * height:,} pixels. Make it smaller, at most "
                    f"{settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:,} pixels, and upload it again.",
                    code="image_too_many_pixels",
                )
            image.draft(image.mode, CHECK_DECODE_SIZE)
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            "This image file is damaged or incomplete. Save it again from your image program "
            "and upload the new copy.",
            code="image_damaged",
        ) from None
    finally:
        upload.seek(0)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, checking a new upload before Wagtail reads it (Wagtail's own reading
    of a truncated file fails with an error instead of a message)."""

    def to_python(self, data):
        if hasattr(data, "read"):
            check_uploaded_image(data)
        return super().to_python(data)


class CheckedImageForm(BaseImageForm):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): its file field checked as above.

    Wagtail builds the field itself (label, help text, size limits); only its class changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].__class__ = CheckedImageField
