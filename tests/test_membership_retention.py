"""Declined requests are deleted after the retention period; the digest command catches up."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from network_site.membership.models import ConsentRecord, JoinRequest, User
from tests.factories.membership import (
    CoordinatorFactory,
    JoinRequestFactory,
    MemberFactory,
)

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_purge_deletes_old_declined_pending_and_unconfirmed_requests_only(settings):
    settings.MEMBERSHIP_REQUEST_RETENTION_DAYS = 90
    old_declined = JoinRequestFactory(status=JoinRequest.Status.DECLINED, decided_at=days_ago(91))
    ConsentRecord.objects.create(
        user=old_declined.user, purpose="privacy_notice", notice_version="1"
    )
    recent_declined = JoinRequestFactory(
        status=JoinRequest.Status.DECLINED, decided_at=days_ago(89)
    )
    old_unconfirmed = JoinRequestFactory(
        status=JoinRequest.Status.UNCONFIRMED, created_at=days_ago(91), confirmed_at=None
    )
    old_pending = JoinRequestFactory(confirmed_at=days_ago(91), created_at=days_ago(200))
    recent_pending = JoinRequestFactory(confirmed_at=days_ago(89), created_at=days_ago(200))
    member = MemberFactory()

    call_command("purge_join_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    remaining = set(JoinRequest.objects.values_list("pk", flat=True))
    assert remaining == {recent_declined.pk, recent_pending.pk}
    gone = [old_declined.user_id, old_unconfirmed.user_id, old_pending.user_id]
    assert not User.objects.filter(pk__in=gone).exists()
    assert not EmailAddress.objects.filter(user_id=old_declined.user_id).exists()
    assert not ConsentRecord.objects.filter(user_id=old_declined.user_id).exists()
    assert User.objects.filter(pk=member.pk).exists()


def test_retention_period_is_a_setting(settings):
    settings.MEMBERSHIP_REQUEST_RETENTION_DAYS = 10
    JoinRequestFactory(status=JoinRequest.Status.DECLINED, decided_at=days_ago(11))
    call_command("purge_join_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not JoinRequest.objects.exists()


def test_digest_command_sends_what_waits_once_the_interval_has_passed(settings):
    CoordinatorFactory(email="coordinator@example.org")
    JoinRequestFactory(coordinators_notified_at=days_ago(2), full_name="Already Told")
    JoinRequestFactory(full_name="Not Yet Told")

    call_command("send_join_request_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1
    assert "Not Yet Told" in mail.outbox[0].body
    assert "Already Told" not in mail.outbox[0].body
    assert "2 requests are waiting" in mail.outbox[0].body

    JoinRequestFactory(full_name="Later Still")
    call_command("send_join_request_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # a second digest waits for the next day
