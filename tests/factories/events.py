from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from events.models import MeetingIndexPage, MeetingPage
from tests.factories.membership import MemberFactory


class MeetingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Quarterly meetings"
    slug = "meetings"
    introduction = "When the network meets."

    class Meta:
        model = MeetingIndexPage


class MeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Network meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    introduction = "What we will talk about."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(
        lambda meeting: meeting.starts_at + timedelta(hours=2, minutes=30)
    )
    format = MeetingPage.Format.HYBRID
    venue_name = "Riverside Community Centre"
    address = "10 Water Lane\nPerth"
    joining_link = factory.Sequence(lambda n: f"https://meet.example.org/secret-room-{n}")

    class Meta:
        model = MeetingPage


def make_member(email="member@example.org", **fields):
    """An active user in the "Members" group, which is all membership means to other apps."""
    return MemberFactory(username=email, email=email, **fields)
