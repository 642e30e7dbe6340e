"""Every admin page that shows one record's details (Wagtail's inspect view) shows values a person
reads: never Python's True, False or None. The join-request page puts Approve and Decline first."""

import re

import pytest
from django.urls import reverse
from wagtail.admin.views.generic import InspectView

from network_site.core.inspect_view import ReadableInspectView
from network_site.membership.members_admin import member_viewset
from network_site.membership.models import MemberProfile
from network_site.membership.wagtail_hooks import join_request_viewset
from tests.factories.membership import CoordinatorFactory, JoinRequestFactory, MemberFactory

pytestmark = pytest.mark.django_db

RAW_VALUES = re.compile(r"<dd>\s*(True|False|None)\s*</dd>")


def test_every_site_inspect_view_is_readable():
    """A new viewset with an inspect view must use the readable one."""
    for viewset in (join_request_viewset, member_viewset):
        assert viewset.inspect_view_enabled
        assert issubclass(viewset.inspect_view_class, ReadableInspectView), viewset
        assert issubclass(ReadableInspectView, InspectView)


@pytest.fixture
def coordinator_client(client, home_page):
    client.force_login(CoordinatorFactory())
    return client


def test_a_pending_join_request_reads_as_words(coordinator_client):
    pending = JoinRequestFactory(
        wants_directory_listing=True, wants_meetings_mailing=False, heard_from=""
    )

    html = coordinator_client.get(
        reverse("joinrequest:inspect", args=[pending.pk])
    ).content.decode()

    assert RAW_VALUES.findall(html) == []
    assert re.search(r"<dt>Decided at</dt>\s*<dd>\s*Not decided yet\s*</dd>", html, re.I)
    assert re.search(r"<dd>\s*Yes\s*</dd>", html) and re.search(r"<dd>\s*No\s*</dd>", html)
    # Approve and Decline come before the sixteen fields of the request.
    assert html.index('value="approve"') < html.index("<dl>")


def test_a_members_details_read_as_words(coordinator_client):
    profile = MemberProfile.objects.create(
        user=MemberFactory(), listed_in_directory=False, organisation=""
    )

    html = coordinator_client.get(
        reverse("memberprofile:inspect", args=[profile.pk])
    ).content.decode()

    assert "<dl>" in html
    assert RAW_VALUES.findall(html) == []
