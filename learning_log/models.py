"""A member's private learning log: reflections that only their writer can read.

No admin view, snippet, API endpoint, search index or cache holds an entry: the only ways to an
entry's text are its writer's own pages, their exports and their data download.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Entry(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_log_entries"
    )
    written_on = models.DateField("date", default=timezone.localdate)
    # The page that prompted the reflection. Its title and address are copied as well, so the
    # entry still says what prompted it after the page is unpublished, moved or deleted.
    prompt_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prompt_title = models.CharField("what prompted it", max_length=255, blank=True)
    prompt_url = models.CharField("address of what prompted it", max_length=2000, blank=True)
    themes = models.JSONField(default=list, blank=True)
    reflection = models.TextField()
    will_try = models.TextField("what I will try", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-written_on", "-pk"]
        indexes = [
            models.Index(fields=["owner", "-written_on", "-id"], name="learning_log_owner_date")
        ]
        verbose_name = "learning log entry"
        verbose_name_plural = "learning log entries"

    def __str__(self):
        return f"Learning log entry {self.pk}"

    @property
    def prompt_is_live(self):
        return self.prompt_page is not None and self.prompt_page.live
