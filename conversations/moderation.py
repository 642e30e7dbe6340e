"""What happens to a contribution: posted (held or shown), flagged, approved, hidden, restored.

Each moderator action is written to Wagtail's audit log; a contribution that becomes visible to
members for the first time sends `contribution_published` once, after the transaction commits.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from network_site.core import contributions
from network_site.core.mail import send_email
from network_site.core.site_address import absolute_url
from stories.identifying import find_identifying_details

from .models import FIRST_HELD, Contribution, Flag

MODERATE_PERMISSION = "conversations.moderate_contribution"
HIDE_AFTER_FLAGS = 2

APPROVED = "conversations.approve"
HIDDEN = "conversations.hide"
RESTORED = "conversations.restore"
HIDDEN_BY_FLAGS = "conversations.hide_by_flags"
LOG_ACTIONS = {
    APPROVED: ("Approve contribution", "Approved"),
    HIDDEN: ("Hide contribution", "Hidden"),
    RESTORED: ("Restore contribution", "Restored"),
    HIDDEN_BY_FLAGS: ("Hide contribution after flags", "Hidden after two flags"),
}


def log_title(contribution):
    """The audit log names a contribution by kind and number, never by a member's words (which
    erasure may remove)."""
    return f"{contribution.get_kind_display()} {contribution.pk}"


def identifying_warnings(title, text):
    details = find_identifying_details([("title", "Title", title), ("text", "Your words", text)])
    return [detail.message for detail in details]


def is_trusted(author):
    """Trusted once FIRST_HELD of their contributions have been shown to members."""
    return (
        Contribution.objects.filter(author=author, published_at__isnull=False).count() >= FIRST_HELD
    )


def what_it_is_about(contribution):
    """(about, reply_to, themes, sectors) for the contribution_published signal."""
    if contribution.kind == contributions.QUESTION:
        return (
            contribution.page,
            None,
            list(contribution.themes.values_list("slug", flat=True)),
            list(contribution.sectors.all()),
        )
    parent = contribution.parent
    if contribution.kind == contributions.ANSWER:
        return (
            parent,
            parent.author,
            list(parent.themes.values_list("slug", flat=True)),
            list(parent.sectors.all()),
        )
    page = contribution.page.specific
    themes = []
    for name in ("tags", "themes", "topics"):
        manager = getattr(page, name, None)
        if manager is not None and hasattr(manager, "values_list"):
            themes = list(manager.values_list("slug", flat=True))
            break
    sectors = list(page.sectors.all()) if hasattr(page, "sectors") else []
    reply_to = parent.author if parent is not None else None
    return page, reply_to, themes, sectors


def send_published(contribution):
    about, reply_to, themes, sectors = what_it_is_about(contribution)
    contributions.contribution_published.send(
        sender=Contribution,
        kind=contribution.kind,
        item=contribution,
        author=contribution.author,
        about=about,
        reply_to=reply_to,
        themes=themes,
        sectors=sectors,
    )


def show(contribution):
    """Visible to members; the first time, members are told (once, after commit)."""
    contribution.status = Contribution.Status.VISIBLE
    contribution.held_because = Contribution.HeldBecause.NOT_HELD
    first_time = contribution.published_at is None
    if first_time:
        contribution.published_at = timezone.now()
    contribution.save()
    touch_question(contribution)
    if first_time and contribution.author is not None:
        transaction.on_commit(partial(send_published, contribution))


def touch_question(contribution):
    question = contribution.parent if contribution.kind == contributions.ANSWER else contribution
    if question is not None and question.kind == contributions.QUESTION:
        Contribution.objects.filter(pk=question.pk).update(
            last_activity_at=timezone.now(), changed_at=timezone.now()
        )


@transaction.atomic
def post(contribution, *, themes=(), sectors=()):
    """Saves a new contribution: held for a moderator (a new member's first ones, or one that may
    identify someone), else shown at once. Returns it."""
    warnings = identifying_warnings(contribution.title, contribution.text)
    contribution.identifying_warnings = "\n".join(warnings)
    if warnings:
        contribution.held_because = Contribution.HeldBecause.IDENTIFYING
    elif not is_trusted(contribution.author):
        contribution.held_because = Contribution.HeldBecause.NEW_MEMBER
    contribution.status = Contribution.Status.HELD
    contribution.save()
    if themes:
        contribution.themes.set(list(themes))
    if sectors:
        contribution.sectors.set(list(sectors))
    if contribution.held_because:
        alert_moderators(contribution)
    else:
        show(contribution)
    return contribution


@transaction.atomic
def edit(contribution, *, title, text):
    contribution.title = title
    contribution.text = text
    contribution.edited_at = timezone.now()
    warnings = identifying_warnings(title, text)
    contribution.identifying_warnings = "\n".join(warnings)
    if warnings and contribution.status == Contribution.Status.VISIBLE:
        contribution.status = Contribution.Status.HELD
        contribution.held_because = Contribution.HeldBecause.IDENTIFYING
        contribution.save()
        alert_moderators(contribution)
        return
    contribution.save()


@transaction.atomic
def delete_by_author(contribution):
    """The words go; a top-level contribution with replies or answers stays as "deleted" so that
    the conversation still reads in order."""
    if contribution.children.exists():
        contribution.status = Contribution.Status.DELETED
        contribution.text = ""
        contribution.title = contribution.title if contribution.is_top_level else ""
        contribution.identifying_warnings = ""
        contribution.author = None
        contribution.save()
        contribution.themes.clear()
    else:
        contribution.delete()


def moderators():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    permission = Q(
        groups__permissions__codename="moderate_contribution",
        groups__permissions__content_type__app_label="conversations",
    )
    return users.filter(permission | Q(is_superuser=True)).distinct().order_by("pk")


def alert_moderators(contribution):
    context = {
        "contribution": contribution,
        "warnings": contribution.identifying_warnings.splitlines(),
        "queue_url": absolute_url(reverse("conversations_admin:queue")),
    }
    for moderator in moderators():
        if moderator.pk == contribution.author_id:
            continue
        send_email(
            "conversations/held_for_moderation",
            [moderator.email],
            {**context, "moderator": moderator},
        )


def resolve_flags(contribution):
    contribution.flags.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())


@transaction.atomic
def approve(contribution, moderator):
    resolve_flags(contribution)
    show(contribution)
    log(contribution, APPROVED, title=log_title(contribution), user=moderator)


@transaction.atomic
def hide(contribution, moderator, reason):
    contribution.status = Contribution.Status.HIDDEN
    contribution.hidden_reason = reason
    contribution.save()
    resolve_flags(contribution)
    log(
        contribution, HIDDEN, title=log_title(contribution), user=moderator, data={"reason": reason}
    )
    if contribution.author is not None and contribution.author.email:
        send_email(
            "conversations/hidden",
            [contribution.author.email],
            {
                "author": contribution.author,
                "contribution": contribution,
                "reason": reason,
                "url": absolute_url(contribution.get_absolute_url()),
            },
        )


@transaction.atomic
def restore(contribution, moderator):
    contribution.hidden_reason = ""
    resolve_flags(contribution)
    show(contribution)
    log(contribution, RESTORED, title=log_title(contribution), user=moderator)


@transaction.atomic
def flag(contribution, member, reason):
    """Records a member's flag (one each); hides the contribution after HIDE_AFTER_FLAGS."""
    Flag.objects.get_or_create(
        contribution=contribution, flagged_by=member, defaults={"reason": reason}
    )
    open_flags = contribution.flags.filter(resolved_at__isnull=True).count()
    if open_flags >= HIDE_AFTER_FLAGS and contribution.status == Contribution.Status.VISIBLE:
        contribution.status = Contribution.Status.HIDDEN
        contribution.hidden_reason = "Hidden until a moderator has looked: members flagged it."
        contribution.save()
        log(contribution, HIDDEN_BY_FLAGS, title=log_title(contribution), user=None)
