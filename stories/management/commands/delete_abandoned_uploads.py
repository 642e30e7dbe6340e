from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.images import get_image_model

from stories.views import KEPT_IMAGE_TAG

# A member who left the story form with an error may come back to it the same day.
ABANDONED_AFTER = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Deletes images kept for a story form that was never saved (the member left after an "
        "error) once they are a day old, with their files and renditions. Run it hourly."
    )

    def handle(self, *args, **options):
        abandoned = get_image_model().objects.filter(
            tags__name=KEPT_IMAGE_TAG, created_at__lt=timezone.now() - ABANDONED_AFTER
        )
        deleted = 0
        # One by one: deleting an image removes its file and renditions from storage.
        for image in abandoned.distinct():
            image.delete()
            deleted += 1
        self.stdout.write(f"Deleted {deleted} abandoned upload(s).")
