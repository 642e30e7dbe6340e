"""The meetings mailing: an announcement when a meeting is published and a reminder before it, to
members who asked; one-click unsubscribe without signing in; the account page can change it."""

import re
from datetime import time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from events import booking as bookings
from events.times import uk_datetime, uk_today
from network_site.membership.models import ConsentRecord, MemberProfile
from network_site.membership.unsubscribe import DIGEST, MEETINGS, make_token
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db

UNSUBSCRIBE_LINK = re.compile(r"http://testserver(/email/unsubscribe/[^/\s]+/)")


@pytest.fixture
def index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


def subscriber(email, wants=True, **profile):
    member = make_member(email, first_name=email.split("@")[0].title())
    MemberProfile.objects.create(user=member, receives_meetings_mailing=wants, **profile)
    if wants:
        ConsentRecord.objects.create(
            user=member, purpose=ConsentRecord.Purpose.MEETINGS_MAILING, notice_version="2026-11"
        )
    return member


def publish(meeting):
    with TestCase.captureOnCommitCallbacks(execute=True):
        meeting.save_revision().publish()


def draft_meeting(index, **fields):
    meeting = MeetingPageFactory(parent=index, slug="autumn", title="Autumn meeting", **fields)
    meeting.unpublish()
    return meeting


def test_publishing_a_meeting_announces_it_once_to_the_mailing(index):
    subscriber("ailsa@example.org")
    subscriber("bruce@example.org", wants=False)
    lapsed = subscriber("lapsed@example.org")
    lapsed.is_active = False
    lapsed.save()
    meeting = draft_meeting(index)

    publish(meeting)

    assert [message.to for message in mail.outbox] == [["ailsa@example.org"]]
    announcement = mail.outbox[0]
    assert announcement.subject.startswith("New meeting: Autumn meeting")
    assert "http://testserver/meetings/autumn/" in announcement.body
    assert UNSUBSCRIBE_LINK.search(announcement.body)
    html = announcement.alternatives[0][0]
    assert "Stop these emails" in html and "http://testserver/account/" in html

    # Editing and publishing again announces nothing more.
    publish(meeting)
    assert len(mail.outbox) == 1


def test_a_past_meeting_is_never_announced(index):
    subscriber("ailsa@example.org")
    meeting = draft_meeting(index)
    meeting.starts_at = meeting.starts_at.replace(year=2020)
    meeting.ends_at = meeting.ends_at.replace(year=2020)
    meeting.save()
    publish(meeting)
    assert mail.outbox == []


def test_the_mailing_is_reminded_ahead_except_those_already_coming(index, settings):
    settings.EVENTS_MAILING_REMINDER_DAYS = 7
    day = uk_today() + timedelta(days=7)
    meeting = MeetingPageFactory(
        parent=index,
        slug="soon",
        title="Soon meeting",
        starts_at=uk_datetime(day, time(10)),
        ends_at=uk_datetime(day, time(12)),
    )
    subscriber("ailsa@example.org")
    coming = subscriber("coming@example.org")
    subscriber("bruce@example.org", wants=False)
    bookings.book(meeting.pk, coming)

    output = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_meeting_reminders", stdout=output)

    assert "Sent 1 reminder to the mailing." in output.getvalue()
    [reminder] = mail.outbox
    assert reminder.to == ["ailsa@example.org"]
    assert reminder.subject == "In 7 days: Soon meeting"
    assert UNSUBSCRIBE_LINK.search(reminder.body)

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_meeting_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_unsubscribe_link_asks_then_works_without_signing_in(client, index):
    member = subscriber("ailsa@example.org")
    publish(draft_meeting(index))
    path = UNSUBSCRIBE_LINK.search(mail.outbox[0].body).group(1)

    # A mail scanner following the link changes nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop these emails?" in page.content.decode()
    assert MemberProfile.objects.get(user=member).receives_meetings_mailing

    done = client.post(path)

    assert "You are unsubscribed" in done.content.decode()
    assert not MemberProfile.objects.get(user=member).receives_meetings_mailing
    consent = ConsentRecord.objects.get(user=member, purpose="meetings_mailing")
    assert consent.withdrawn_at is not None
    # A second click is harmless.
    assert client.post(path).status_code == 200


def test_the_digest_link_turns_off_only_the_digest(client):
    member = subscriber("ailsa@example.org", digest_frequency="weekly")
    client.post(f"/email/unsubscribe/{make_token(member, DIGEST)}/")
    profile = MemberProfile.objects.get(user=member)
    assert profile.digest_frequency == "none"
    assert profile.receives_meetings_mailing


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "<script>alert(1)</script>",
        "x" * 3000,
        # Signed for something else entirely.
        "eyJ1c2VyIjoxfQ:1vOkbc:abc",
    ],
)
def test_a_bad_unsubscribe_link_is_a_clear_404(client, token):
    response = client.post(f"/email/unsubscribe/{token}/")
    assert response.status_code == 404
    if "/" not in token:  # a slash never reaches the view: the site's own 404
        assert "This link does not work" in response.content.decode()


def test_a_link_for_a_deleted_account_is_a_clear_404(client):
    member = subscriber("gone@example.org")
    token = make_token(member, MEETINGS)
    member.delete()
    assert client.get(f"/email/unsubscribe/{token}/").status_code == 404


def test_the_account_page_turns_the_mailing_and_digest_on(client):
    member = subscriber("ailsa@example.org", wants=False)
    client.force_login(member)
    response = client.post(
        "/account/",
        {
            "full_name": "Ailsa",
            "receives_meetings_mailing": "on",
            "digest_frequency": "monthly",
            "accepts_contact": "on",
        },
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.receives_meetings_mailing and profile.digest_frequency == "monthly"
    assert set(
        ConsentRecord.objects.filter(user=member, withdrawn_at=None).values_list(
            "purpose", flat=True
        )
    ) == {"meetings_mailing", "digest"}


def test_the_account_page_refuses_an_unknown_digest_choice(client):
    member = subscriber("ailsa@example.org", wants=False)
    client.force_login(member)
    response = client.post("/account/", {"full_name": "Ailsa", "digest_frequency": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert MemberProfile.objects.get(user=member).digest_frequency == "none"
