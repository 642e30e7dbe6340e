"""Who follows what, what each member hears of, and how they want to hear it by email."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from . import kinds


class Follow(models.Model):
    """A member follows one thing: a page (through Wagtail's Page, whatever its type), a theme
    (taggit's Tag), a sector, or anything an app registers (a question)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # Made for them when they wrote or responded, rather than by their own click.
    automatic = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user} follows {self.content_type.model} {self.object_id}"


class Notification(models.Model):
    """One piece of news for one member. Its title and address are kept as they were, so the
    list of news reads one table; `emailed_at` records that it went out (at once or in a digest),
    so a digest never sends it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=kinds.KIND_CHOICES)
    title = models.CharField(max_length=300)
    detail = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["kind", "emailed_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


def frequency_field(label):
    return models.CharField(
        label, max_length=10, choices=kinds.Frequency.choices, default=kinds.Frequency.NEVER
    )


class EmailPreferences(models.Model):
    """How often each kind of news comes by email. Everything is off until the member chooses."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following_preferences"
    )
    responses_to_my_story = frequency_field(kinds.KINDS[kinds.RESPONSES_TO_MY_STORY])
    replies_to_me = frequency_field(kinds.KINDS[kinds.REPLIES_TO_ME])
    themes = frequency_field(kinds.KINDS[kinds.THEMES])
    sector_questions = frequency_field(kinds.KINDS[kinds.SECTOR_QUESTIONS])
    meetings = frequency_field(kinds.KINDS[kinds.MEETINGS])
    followed = frequency_field(kinds.KINDS[kinds.FOLLOWED])
    daily_digest_sent_at = models.DateTimeField(null=True, blank=True)
    weekly_digest_sent_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "email preferences"

    def __str__(self):
        return f"Email preferences of {self.user}"

    def frequency(self, kind):
        return getattr(self, kind)

    def get_frequency_label(self, kind):
        return kinds.Frequency(self.frequency(kind)).label

    def kinds_all(self):
        return list(kinds.KINDS)

    def kinds_at(self, frequency):
        return [kind for kind in kinds.KINDS if self.frequency(kind) == frequency]
