"""Conversations: members' responses (and replies) on pages, and questions to the network (and
their answers). One model holds all four kinds, so that moderation, flags, rate limits, editing and
the personal-data register work the same way for each."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from network_site.core import contributions

# An author may change their words for this long after posting.
EDIT_WINDOW = timedelta(minutes=30)
# A member's first contributions wait for a moderator (trust, as Discourse grants it).
FIRST_HELD = 3


class ConversationSettings(models.Model):
    """Per-page settings for responses: kept here so that pages of every kind can have them
    without a field on the pages themselves."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="conversation_settings"
    )
    responses_open = models.BooleanField(
        default=True, help_text="Members may respond to this page while this is ticked."
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page's conversation setting"
        verbose_name_plural = "pages' conversation settings"

    def __str__(self):
        state = "open" if self.responses_open else "closed"
        return f"Responses {state}: {self.page.title}"


class ContributionTheme(TaggedItemBase):
    content_object = models.ForeignKey(
        "conversations.Contribution", on_delete=models.CASCADE, related_name="theme_items"
    )


class ContributionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=Contribution.Status.VISIBLE)

    def questions(self):
        return self.filter(kind=contributions.QUESTION)


class Contribution(models.Model):
    class Status(models.TextChoices):
        HELD = "held", "Waiting for a moderator"
        VISIBLE = "visible", "Visible to members"
        HIDDEN = "hidden", "Hidden"
        DELETED = "deleted", "Deleted by its author"

    class HeldBecause(models.TextChoices):
        NOT_HELD = "", "Not held"
        NEW_MEMBER = "new-member", "One of a new member's first contributions"
        IDENTIFYING = "identifying", "May identify someone"

    KINDS = [
        (contributions.RESPONSE, "Response"),
        (contributions.REPLY, "Reply"),
        (contributions.QUESTION, "Question"),
        (contributions.ANSWER, "Answer"),
    ]

    kind = models.CharField(max_length=20, choices=KINDS)
    # What a response or reply is about; questions and answers have none.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversation_contributions",
    )
    # A reply's response, an answer's question.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    # None once the author has deleted their account and chose to leave their words: "a former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversation_contributions",
    )
    title = models.CharField(max_length=150, blank=True)
    text = models.TextField()
    # For a meeting: whether it was asked before (for the agenda) or after (following the notes).
    before_meeting = models.BooleanField(null=True, blank=True)
    sectors = models.ManyToManyField("core.Sector", blank=True, related_name="+")
    themes = TaggableManager(through=ContributionTheme, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    held_because = models.CharField(
        max_length=20, choices=HeldBecause.choices, default="", blank=True
    )
    identifying_warnings = models.TextField(blank=True)
    hidden_reason = models.TextField(blank=True)
    accepted_answer = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # When members first saw it; set once, so contribution_published is sent once.
    published_at = models.DateTimeField(null=True, blank=True)
    # A question's last answer or change, for "unanswered" and the order of the index.
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["page", "kind", "status", "created_at"]),
            models.Index(fields=["kind", "status", "last_activity_at"]),
        ]
        permissions = [("moderate_contribution", "Can moderate conversations")]

    def __str__(self):
        if self.title:
            return self.title
        words = self.text.split()
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")

    def get_absolute_url(self):
        from django.urls import reverse

        if self.kind == contributions.QUESTION:
            return reverse("conversations:question", args=[self.pk])
        if self.kind == contributions.ANSWER:
            return reverse("conversations:question", args=[self.parent_id]) + f"#c{self.pk}"
        return reverse("conversations:page", args=[self.page_id]) + f"#c{self.pk}"

    @property
    def is_top_level(self):
        return self.kind in (contributions.RESPONSE, contributions.QUESTION)

    def can_be_edited_by(self, user, now=None):
        now = now or timezone.now()
        return (
            self.author_id == user.pk
            and self.status in (self.Status.HELD, self.Status.VISIBLE)
            and now - self.created_at <= EDIT_WINDOW
        )

    @property
    def is_edited(self):
        return self.edited_at is not None


class Flag(models.Model):
    class Reason(models.TextChoices):
        IDENTIFYING = "identifying", "It could identify someone"
        UNKIND = "unkind", "It is unkind"
        OFF_TOPIC = "off-topic", "It is off-topic"
        SPAM = "spam", "It is spam"

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_flags"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator has acted on the flag (approved, hidden or restored its contribution).
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "flagged_by"], name="one_flag_per_member"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.contribution}"


class MeToo(models.Model):
    """A member who has the same question."""

    question = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="me_toos")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_me_toos"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_me_too_per_member")
        ]

    def __str__(self):
        return f"Me too: {self.question}"


class ErasureChoice(models.Model):
    """What the member wants done with their contributions when they delete their account."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_erasure"
    )
    keep_words = models.BooleanField(default=False)

    def __str__(self):
        return "Keep as a former member" if self.keep_words else "Remove"
