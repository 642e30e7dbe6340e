"""Bookings in the personal-data register: in the member's download, gone when they leave."""

import json

import pytest
from django.core import mail
from django.db import transaction

from events import booking as bookings
from events.models import Booking
from network_site.membership import personal_data
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(home_page):
    index = MeetingIndexPageFactory(parent=home_page)
    return MeetingPageFactory(parent=index, slug="spring", title="Spring meeting", capacity=1)


def test_bookings_are_registered():
    assert Booking in personal_data.covered_models()
    assert "meeting_bookings" in {source.key for source in personal_data.sources()}


def test_a_members_download_includes_their_bookings_only(meeting):
    member = make_member()
    bookings.book(meeting.pk, member, ["dietary"], "Gluten free")
    bookings.book(meeting.pk, make_member("other@example.org"), ["bsl"])

    exported = personal_data.export_for(member)["meeting_bookings"]

    assert json.loads(json.dumps(exported)) == exported  # it serialises as JSON
    assert len(exported) == 1
    assert exported[0]["meeting"] == "Spring meeting"
    assert exported[0]["status"] == "Coming"
    assert exported[0]["access_needs"] == ["Dietary needs"]
    assert exported[0]["access_needs_details"] == "Gluten free"
    assert exported[0]["starts_at"] == meeting.starts_at.isoformat()


def test_erasing_a_member_deletes_their_bookings_and_passes_their_place_on(
    meeting, django_capture_on_commit_callbacks
):
    leaving = make_member("leaving@example.org")
    next_in_line = make_member("next@example.org")
    bookings.book(meeting.pk, leaving, ["bsl"])
    bookings.book(meeting.pk, next_in_line)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        personal_data.erase_for(leaving)

    assert not Booking.objects.filter(member=leaving).exists()
    assert Booking.objects.get(member=next_in_line).status == Booking.Status.OFFERED
    assert [message.to for message in mail.outbox] == [["next@example.org"]]
