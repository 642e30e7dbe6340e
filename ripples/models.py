"""What a story set in motion: its teller's updates ("what happened next") and what members who
found it helpful tried because of it. Both are held until a moderator approves them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from stories.identifying import find_identifying_details

# Months after a story is published when its teller is asked "what happened next?".
MILESTONES = (3, 6, 12)
UPDATE_MAX_LENGTH = 3000
TRIED_MAX_LENGTH = 600


class Moderation(models.TextChoices):
    PENDING = "pending", "Waiting for a moderator"
    APPROVED = "approved", "Approved: shown on the story"
    DECLINED = "declined", "Declined: not shown"


class ModeratedQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Moderation.APPROVED)


class Moderated(models.Model):
    """Held (pending) until a moderator approves it; `approved_at` is set once, on approval."""

    status = models.CharField(max_length=20, choices=Moderation.choices, default=Moderation.PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.story.url + f"#{self.anchor}"

    @property
    def is_approved(self):
        return self.status == Moderation.APPROVED

    def identifying_details(self):
        return find_identifying_details([("text", "Text", self.text)])

    @property
    def anchor(self):
        return f"{self.anchor_prefix}-{self.pk}"


class StoryUpdate(Moderated):
    """The teller's "what happened next", shown dated under the original story."""

    anchor_prefix = "update"

    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="ripple_updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_updates"
    )
    text = models.TextField("what happened next", max_length=UPDATE_MAX_LENGTH)

    class Meta:
        verbose_name = "story update"
        indexes = [models.Index(fields=["story", "status"])]

    def __str__(self):
        return f"Update to “{self.story.title}”"


class WhatITried(Moderated):
    """What a member tried because a story helped their practice.

    Shown with the member's name or, if they chose, without one. The row keeps its author even
    when anonymous: moderators need to know who wrote it, the member can see and delete it with
    their data, and deleting their account deletes it. The page never shows an anonymous one's
    author: its `shown_name` is a fixed phrase.
    """

    anchor_prefix = "tried"

    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="ripple_tried"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_tried"
    )
    text = models.TextField("what I tried", max_length=TRIED_MAX_LENGTH)
    anonymous = models.BooleanField("shown without my name", default=False)

    class Meta:
        verbose_name = "what I tried"
        verbose_name_plural = "what members tried"
        indexes = [models.Index(fields=["story", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "author"], name="ripples_tried_once_per_member"
            )
        ]

    def __str__(self):
        return f"What a member tried after “{self.story.title}”"

    @property
    def shown_name(self):
        if self.anonymous:
            return "A network member"
        return self.author.get_full_name() or "A network member"


class AskingChoice(models.Model):
    """A teller's choice to be asked "what happened next?" about their stories (off unless chosen)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ripples_asking_choice"
    )
    ask_me = models.BooleanField("ask me what happened next", default=False)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user}: {'asked' if self.ask_me else 'not asked'}"


class FollowUpAsked(models.Model):
    """A milestone at which a story's teller was asked: each story's milestone is asked once."""

    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="ripple_asks"
    )
    months = models.PositiveSmallIntegerField(choices=[(m, f"{m} months") for m in MILESTONES])
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "months"], name="ripples_asked_once")
        ]

    def __str__(self):
        return f"{self.story} at {self.months} months"
