from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import choices


class User(AbstractUser):
    """A person with an account. Email is how people sign in, so it is unique whatever its case."""

    email = models.EmailField("email address", max_length=254)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="membership_user_email_unique_ci"),
        ]
        # Held by the Members role (network_site/core/roles.py); `access.is_member` checks it.
        permissions = [("take_part", "Can take part in the network as a member")]

    def __str__(self):
        return self.get_full_name() or self.email or self.username


class JoinRequestQuerySet(models.QuerySet):
    def awaiting_decision(self):
        return self.filter(status=JoinRequest.Status.PENDING)


class JoinRequest(models.Model):
    """A newcomer's request to join. It reaches the coordinators once its address is confirmed."""

    # What the person told us, as coordinators read it and as the person downloads it.
    APPLICANT_FIELDS = (
        "full_name",
        "email",
        "organisation",
        "role",
        "sector",
        "council_area",
        "hopes",
        "heard_from",
        "privacy_notice_version",
        "wants_directory_listing",
        "wants_meetings_mailing",
    )

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Email not yet confirmed"
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_request"
    )
    full_name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=150)
    sector = models.ForeignKey(
        "core.Sector", on_delete=models.PROTECT, related_name="join_requests"
    )
    council_area = models.CharField(max_length=40, choices=choices.COUNCIL_AREAS)
    hopes = models.TextField("what they hope to get from the network", max_length=2000)
    heard_from = models.CharField("how they heard", max_length=300, blank=True)
    privacy_notice_version = models.CharField(max_length=40)
    wants_directory_listing = models.BooleanField(default=False)
    wants_meetings_mailing = models.BooleanField(default=False)

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.UNCONFIRMED, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    coordinators_notified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(blank=True, max_length=2000)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["confirmed_at", "created_at"]
        permissions = [("decide_joinrequest", "Can approve or decline join requests")]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"


class MemberProfile(models.Model):
    """What a member tells the network about themselves, and what the directory may show."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=150, blank=True)
    sector = models.ForeignKey(
        "core.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_profiles",
    )
    council_area = models.CharField(max_length=40, choices=choices.COUNCIL_AREAS, blank=True)
    bio = models.TextField("a short bio", max_length=1000, blank=True)
    listed_in_directory = models.BooleanField(default=False)
    show_name = models.BooleanField("show my name", default=True)
    show_organisation = models.BooleanField("show my organisation", default=True)
    show_role = models.BooleanField("show my role", default=True)
    show_area = models.BooleanField("show my council area", default=True)
    receives_meetings_mailing = models.BooleanField(default=False)
    digest_frequency = models.CharField(
        "a digest of new stories and resources",
        max_length=10,
        choices=choices.DIGEST_FREQUENCIES,
        default=choices.DIGEST_NONE,
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    accepts_contact = models.BooleanField(
        "let other members send me a message through the directory", default=True
    )
    # When the member last signed in before this session: "what is new since your last visit".
    last_visit_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("deactivate_member", "Can deactivate and reactivate members")]

    def __str__(self):
        return f"Profile of {self.user}"


class MemberStatusChange(models.Model):
    """A coordinator deactivated or reactivated a member's account, and said why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status_changes"
    )
    active = models.BooleanField(help_text="The account's state after the change.")
    reason = models.TextField(max_length=1000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.user} {'reactivated' if self.active else 'deactivated'}"


class ConsentRecord(models.Model):
    """One consent as it was given: append-only. The only later change allowed is its withdrawal."""

    class Purpose(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", "Agreement to the privacy notice"
        DIRECTORY = "directory", "Listing in the member directory"
        MEETINGS_MAILING = "meetings_mailing", "The meetings mailing"
        DIGEST = "digest", "The digest of new stories and resources"
        BRIEFING_QUOTES = "briefing_quotes", "Quoting a story in the network's briefings"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_records"
    )
    purpose = models.CharField(max_length=40, choices=Purpose.choices)
    notice_version = models.CharField(max_length=40)
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["given_at", "pk"]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.notice_version})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.get(pk=self.pk)
            unchanged = all(
                getattr(stored, name) == getattr(self, name)
                for name in ("user_id", "purpose", "notice_version", "given_at")
            )
            if not unchanged or stored.withdrawn_at is not None:
                raise ValidationError("Consent records are append-only: add a new record instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Consent records are append-only; they go only with the account.")

    def withdraw(self):
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_at"])


@register_setting(icon="group")
class MembershipSettings(BaseSiteSetting):
    approve_automatically = models.BooleanField(
        "approve automatically once the email is confirmed",
        default=False,
        help_text=(
            "For the network's self-organising mode: confirmed requests are approved at once "
            "and coordinators are told."
        ),
    )

    panels = [FieldPanel("approve_automatically")]

    class Meta:
        verbose_name = "membership settings"
