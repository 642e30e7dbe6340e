"""Every mailing (meeting announcements and reminders, the digest) carries the one-click
unsubscribe headers of RFC 8058, and the link in them works for a mail program's POST: no cookie,
no CSRF token. A second visit says the member is already unsubscribed."""

import re
from datetime import time, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone

from events.times import uk_datetime, uk_today
from network_site.membership.models import MemberProfile
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

HEADER_LINK = re.compile(r"^<(http://testserver(/email/unsubscribe/[^/\s]+/))>$")
# Templates named by the mailings this module sends; a new mailing template must be added here.
MAILING_TEMPLATES = {
    "events/meeting_announced",
    "events/meeting_mailing_reminder",
    "events/_mailing_footer",
    "membership/digest",
}


def subscriber(email):
    member = make_member(email, first_name="Ailsa")
    member.date_joined = timezone.now() - timedelta(days=365)
    member.save()
    MemberProfile.objects.create(
        user=member, receives_meetings_mailing=True, digest_frequency="weekly"
    )
    return member


@pytest.fixture
def every_mailing(home_page, settings):
    """One member on both mailings, and one message of each kind sent to them."""
    settings.EVENTS_MAILING_REMINDER_DAYS = 7
    member = subscriber("ailsa@example.org")
    meetings = MeetingIndexPageFactory(parent=home_page)
    day = uk_today() + timedelta(days=7)
    meeting = MeetingPageFactory(
        parent=meetings,
        slug="soon",
        title="Soon meeting",
        starts_at=uk_datetime(day, time(10)),
        ends_at=uk_datetime(day, time(12)),
    )
    meeting.unpublish()
    library = ResourceIndexPageFactory(parent=home_page)
    guide = ResourcePageFactory(parent=library, title="A fresh guide")
    type(guide).objects.filter(pk=guide.pk).update(
        first_published_at=timezone.now() - timedelta(days=1)
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        meeting.save_revision().publish()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_meeting_reminders", stdout=StringIO())
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_digests", stdout=StringIO())
    return member


def test_every_mailing_template_is_sent_here():
    """So that a new mailing cannot skip the headers unnoticed."""
    emails = Path(settings.BASE_DIR) / "templates" / "emails"
    naming_unsubscribe = {
        str(path.relative_to(emails).with_suffix(""))
        for path in emails.rglob("*")
        if path.is_file() and "unsubscribe_url" in path.read_text()
    }
    assert naming_unsubscribe <= MAILING_TEMPLATES


def test_every_mailing_carries_the_one_click_headers(every_mailing):
    subjects = [message.subject for message in mail.outbox]
    assert len(mail.outbox) == 3, subjects
    for message in mail.outbox:
        headers = message.extra_headers
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", message.subject
        assert HEADER_LINK.match(headers["List-Unsubscribe"]), message.subject
        # The message carries the one link it names in its text.
        assert HEADER_LINK.match(headers["List-Unsubscribe"]).group(1) in message.body


def test_a_mail_programs_one_click_post_unsubscribes(every_mailing):
    # A mail provider's POST: no session, no CSRF cookie, the RFC's body.
    mail_program = Client(enforce_csrf_checks=True)
    for message in mail.outbox:
        path = HEADER_LINK.match(message.extra_headers["List-Unsubscribe"]).group(2)
        response = mail_program.post(
            path,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200, message.subject
    profile = MemberProfile.objects.get(user=every_mailing)
    assert not profile.receives_meetings_mailing
    assert profile.digest_frequency == "none"


def test_a_second_visit_says_already_unsubscribed(every_mailing, client):
    path = HEADER_LINK.match(mail.outbox[0].extra_headers["List-Unsubscribe"]).group(2)
    assert "Stop these emails?" in client.get(path).content.decode()
    assert "You are unsubscribed" in client.post(path).content.decode()

    for second in (client.get(path), client.post(path)):
        page = second.content.decode()
        assert second.status_code == 200
        assert "You are already unsubscribed" in page
        assert "Stop these emails?" not in page and "<form" not in page.split("<main")[-1]
