"""What happens to a join request: created, confirmed, approved or declined, and finally purged."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import Page, Site

from network_site.core.mail import send_email
from network_site.core.roles import MEMBER, assign_role, users_with_permission
from network_site.core.site_address import absolute_url, page_url

from .models import ConsentRecord, JoinRequest, MemberProfile, MembershipSettings, User


class DecisionError(Exception):
    """The request is not waiting for a decision (already decided, or not yet confirmed)."""


def may_mail_address(request: HttpRequest, email: str) -> bool:
    """At most one confirmation mail to an address an hour (ACCOUNT_RATE_LIMITS["confirm_email"],
    per address), however often a form is sent: the join form and allauth's change of address
    count in the same place, so neither can be used to flood someone's inbox."""
    return ratelimit.consume(request, action="confirm_email", key=email.lower())


def create_join_request(request: HttpRequest, data: Mapping[str, Any]) -> JoinRequest:
    """An inactive account, its unconfirmed address, the request and its consents; then the
    confirmation email. `data` is a JoinForm's cleaned_data."""
    notice_version = settings.PRIVACY_NOTICE_VERSION
    with transaction.atomic():
        user = User(
            username=f"member-{uuid.uuid4().hex[:16]}",
            email=data["email"],
            first_name=data["full_name"],
            is_active=False,
        )
        user.set_password(data["password1"])
        user.save()
        email_address = EmailAddress.objects.create(
            user=user, email=data["email"], primary=True, verified=False
        )
        join_request = JoinRequest.objects.create(
            user=user,
            full_name=data["full_name"],
            email=data["email"],
            organisation=data["organisation"],
            role=data["role"],
            sector=data["sector"],
            council_area=data["council_area"],
            hopes=data["hopes"],
            heard_from=data["heard_from"],
            privacy_notice_version=notice_version,
            wants_directory_listing=data["wants_directory_listing"],
            wants_meetings_mailing=data["wants_meetings_mailing"],
        )
        purposes = [ConsentRecord.Purpose.PRIVACY_NOTICE]
        if data["wants_directory_listing"]:
            purposes.append(ConsentRecord.Purpose.DIRECTORY)
        if data["wants_meetings_mailing"]:
            purposes.append(ConsentRecord.Purpose.MEETINGS_MAILING)
        for purpose in purposes:
            ConsentRecord.objects.create(user=user, purpose=purpose, notice_version=notice_version)
    if may_mail_address(request, email_address.email):
        email_address.send_confirmation(request, signup=True)
    return join_request


def tell_owner_of_repeat_request(request: HttpRequest, user: User, password: str) -> None:
    """Someone asked to join with an address that already has an account or a request. The page
    they see is the usual one; the address's owner is told by email what is true."""
    # As long as a new request would take, so the answer's timing says nothing either.
    make_password(password)
    if not may_mail_address(request, user.email):
        return
    join_request = getattr(user, "join_request", None)
    status = join_request.status if join_request is not None else JoinRequest.Status.APPROVED
    if status == JoinRequest.Status.UNCONFIRMED:
        # The confirmation email again: the way forward for someone who lost the first.
        email_address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        if email_address is not None:
            email_address.send_confirmation(request, signup=True)
            return
    send_email(
        "membership/address_in_use",
        [user.email],
        {
            "status": status,
            "join_request": join_request,
            "reply_within_days": settings.MEMBERSHIP_REPLY_WITHIN_DAYS,
            "sign_in_url": absolute_url(reverse("account_login")),
            "reset_url": absolute_url(reverse("account_reset_password")),
            "contact_email": contact_email(),
        },
    )


def confirm_join_request(request: HttpRequest | None, user: User) -> JoinRequest | None:
    """Called once the address is confirmed: the request joins the coordinators' queue, or is
    approved at once when the site says so."""
    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update()
            .filter(user=user, status=JoinRequest.Status.UNCONFIRMED)
            .first()
        )
        if join_request is None:
            return None
        join_request.status = JoinRequest.Status.PENDING
        join_request.confirmed_at = timezone.now()
        join_request.save(update_fields=["status", "confirmed_at"])

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site and MembershipSettings.for_site(site).approve_automatically:
        approve(join_request, decided_by=None, message="")
        tell_coordinators_of_automatic_approval(join_request)
    else:
        send_coordinator_digest()
    return join_request


def coordinator_emails() -> list[str]:
    return list(
        # Whoever answers join requests by role; a superuser account alone is not told.
        users_with_permission("membership.decide_joinrequest", include_superusers=False)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def send_coordinator_digest(now: datetime | None = None) -> int:
    """One email to the coordinators about requests confirmed since the last digest, at most one
    per MEMBERSHIP_DIGEST_INTERVAL_HOURS. Returns how many new requests it announced."""
    now = now or timezone.now()
    interval = timedelta(hours=settings.MEMBERSHIP_DIGEST_INTERVAL_HOURS)
    with transaction.atomic():
        new_requests = list(
            JoinRequest.objects.select_for_update(of=("self",))
            .awaiting_decision()
            .filter(coordinators_notified_at__isnull=True)
            .select_related("sector")
        )
        if not new_requests:
            return 0
        last_sent = JoinRequest.objects.aggregate(last=models.Max("coordinators_notified_at"))[
            "last"
        ]
        if last_sent is not None and now - last_sent < interval:
            return 0
        recipients = coordinator_emails()
        if not recipients:
            return 0
        JoinRequest.objects.filter(pk__in=[r.pk for r in new_requests]).update(
            coordinators_notified_at=now
        )
    send_email(
        "membership/coordinator_digest",
        recipients,
        {
            "new_requests": new_requests,
            "waiting_count": JoinRequest.objects.awaiting_decision().count(),
            "queue_url": absolute_url(reverse("joinrequest:index") + "?status=pending"),
        },
    )
    return len(new_requests)


def tell_coordinators_of_automatic_approval(join_request: JoinRequest) -> None:
    recipients = coordinator_emails()
    if recipients:
        send_email(
            "membership/coordinator_auto_approved",
            recipients,
            {
                "join_request": join_request,
                "request_url": absolute_url(reverse("joinrequest:inspect", args=[join_request.pk])),
            },
        )


def approve(
    join_request: JoinRequest, *, decided_by: User | None, message: str = ""
) -> JoinRequest:
    with transaction.atomic():
        join_request = _lock_pending(join_request)
        user = join_request.user
        user.is_active = True
        user.first_name = join_request.full_name
        user.save(update_fields=["is_active", "first_name"])
        assign_role(user, MEMBER)
        MemberProfile.objects.update_or_create(
            user=user,
            defaults={
                "organisation": join_request.organisation,
                "role": join_request.role,
                "sector": join_request.sector,
                "council_area": join_request.council_area,
                "listed_in_directory": join_request.wants_directory_listing,
                "receives_meetings_mailing": join_request.wants_meetings_mailing,
            },
        )
        _record_decision(join_request, JoinRequest.Status.APPROVED, decided_by, message)
    meeting, booklet = next_meeting(), booklet_page()
    send_email(
        "membership/welcome",
        [join_request.email],
        {
            "join_request": join_request,
            "next_meeting": meeting,
            "next_meeting_url": page_url(meeting) if meeting else "",
            "booklet_url": page_url(booklet) if booklet else "",
            "sign_in_url": absolute_url(reverse("account_login")),
            "home_url": absolute_url(reverse("membership:home")),
        },
    )
    return join_request


def decline(
    join_request: JoinRequest, *, decided_by: User | None, message: str = ""
) -> JoinRequest:
    with transaction.atomic():
        join_request = _lock_pending(join_request)
        _record_decision(join_request, JoinRequest.Status.DECLINED, decided_by, message)
    send_email(
        "membership/declined",
        [join_request.email],
        {"join_request": join_request, "contact_email": contact_email()},
    )
    return join_request


def _lock_pending(join_request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().select_related("user").get(pk=join_request.pk)
    if locked.status != JoinRequest.Status.PENDING:
        raise DecisionError(f"This request is {locked.get_status_display().lower()}.")
    return locked


def _record_decision(
    join_request: JoinRequest, status: str, decided_by: User | None, message: str
) -> None:
    join_request.status = status
    join_request.decided_at = timezone.now()
    join_request.decided_by = decided_by
    join_request.decision_message = message
    join_request.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
    action = "membership.approve" if status == JoinRequest.Status.APPROVED else "membership.decline"
    log(instance=join_request, action=action, user=decided_by)


def contact_email() -> str:
    from network_site.core.models import NetworkSettings

    site = Site.objects.filter(is_default_site=True).first()
    return NetworkSettings.for_site(site).contact_email if site else settings.DEFAULT_FROM_EMAIL


# The welcome email names the next meeting. Membership does not import the events app: events
# gives how to find it with this hook (a function giving the next public meeting, or None);
# without it the email says none is set.
NEXT_MEETING_HOOK = "register_next_meeting_finder"


def next_meeting() -> Page | None:
    finders = hooks.get_hooks(NEXT_MEETING_HOOK)
    return finders[-1]() if finders else None


def booklet_page() -> Page | None:
    """The awareness booklet chosen in Settings › Network settings, once it is live and public."""
    from network_site.core.models import NetworkSettings

    site = Site.objects.filter(is_default_site=True).first()
    booklet = NetworkSettings.for_site(site).booklet_page if site else None
    if booklet is None or not Page.objects.live().public().filter(pk=booklet.pk).exists():
        return None
    return booklet


def purge_expired_requests(now: datetime | None = None) -> int:
    """Deletes requests older than the retention period that never became a membership: declined
    (counted from the decision), left pending (from the confirmation) or never confirmed (from
    the request), with their never active accounts and every trace of them. Returns how many
    went."""
    from .erasure import forget_queued_work_about, words_about

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MEMBERSHIP_REQUEST_RETENTION_DAYS)
    expired = JoinRequest.objects.filter(
        models.Q(status=JoinRequest.Status.DECLINED, decided_at__lt=cutoff)
        | models.Q(status=JoinRequest.Status.PENDING, confirmed_at__lt=cutoff)
        | models.Q(status=JoinRequest.Status.UNCONFIRMED, created_at__lt=cutoff),
        user__is_active=False,
        user__is_staff=False,
        user__is_superuser=False,
    ).select_related("user")
    purged = list(expired)
    with transaction.atomic():
        for join_request in purged:
            forget_queued_work_about(words_about(join_request.user))
        User.objects.filter(pk__in=[request.user_id for request in purged]).delete()
        _relabel_history([request.pk for request in purged])
    return len(purged)


def _relabel_history(request_ids: Iterable[int]) -> None:
    """The admin's history names a purged request ("Full Name <address>"): it may not keep the
    person."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(JoinRequest),
        object_id__in=[str(pk) for pk in request_ids],
    ).update(label="A join request (its details deleted)", data={})
