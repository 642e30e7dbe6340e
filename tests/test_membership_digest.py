"""The weekly or monthly digest of new stories and resources, sent as a background task."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from network_site.membership.digest import queue_due_digests
from network_site.membership.models import MemberProfile
from tests.factories.membership import MemberFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


def member_wanting(frequency, email, sent_days_ago=None):
    member = MemberFactory(email=email, username=email, first_name=email.split("@")[0].title())
    member.date_joined = timezone.now() - timedelta(days=365)
    member.save()
    MemberProfile.objects.create(
        user=member,
        digest_frequency=frequency,
        digest_sent_at=(
            timezone.now() - timedelta(days=sent_days_ago) if sent_days_ago is not None else None
        ),
    )
    return member


def published(page, days_ago):
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - timedelta(days=days_ago)
    )
    return page


def run():
    output = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_digests", stdout=output)
    return output.getvalue()


def test_due_members_get_what_is_new_since_their_last_digest(home_page, library):
    weekly = member_wanting("weekly", "weekly@example.org", sent_days_ago=8)
    member_wanting("weekly", "recent@example.org", sent_days_ago=2)
    member_wanting("monthly", "monthly@example.org", sent_days_ago=20)
    member_wanting("none", "none@example.org")
    published(ResourcePageFactory(parent=library, title="A fresh guide"), days_ago=3)
    published(ResourcePageFactory(parent=library, title="An older guide"), days_ago=10)
    stories = make_story_index(home_page)
    published(StoryPageFactory(parent=stories, title="A new story"), days_ago=1)

    assert "Queued 1 digest." in run()

    [digest] = mail.outbox
    assert digest.to == [weekly.email]
    assert digest.subject.startswith("New on the Personal Outcomes Network since")
    assert "A fresh guide" in digest.body and "A new story" in digest.body
    assert "An older guide" not in digest.body
    assert "http://testserver/" in digest.body
    assert re.search(r"http://testserver/email/unsubscribe/[^/\s]+/", digest.body)
    html = digest.alternatives[0][0]
    assert "Stop the digest" in html and "A fresh guide" in html

    # Run again the same day: nobody gets a second one.
    assert "Queued 0 digests." in run()
    assert len(mail.outbox) == 1


def test_a_first_monthly_digest_covers_the_last_month(home_page, library):
    member_wanting("monthly", "monthly@example.org")
    published(ResourcePageFactory(parent=library, title="Within the month"), days_ago=25)
    published(ResourcePageFactory(parent=library, title="Long ago"), days_ago=45)
    run()
    [digest] = mail.outbox
    assert "Within the month" in digest.body and "Long ago" not in digest.body


def test_nothing_new_means_no_email_but_the_period_starts_again(home_page, library):
    member = member_wanting("weekly", "weekly@example.org", sent_days_ago=8)
    published(ResourcePageFactory(parent=library, title="Old news"), days_ago=30)
    assert "Queued 1 digest." in run()
    assert mail.outbox == []
    assert MemberProfile.objects.get(user=member).digest_sent_at > timezone.now() - timedelta(
        minutes=1
    )


def test_deactivated_members_and_non_members_get_none(home_page, library):
    gone = member_wanting("weekly", "gone@example.org")
    gone.is_active = False
    gone.save()
    published(ResourcePageFactory(parent=library), days_ago=1)
    assert queue_due_digests() == 0
