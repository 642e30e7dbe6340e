"""Membership's demo content: a coordinator, members and pending requests, loaded once here."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from network_site.membership import demo as membership_demo
from network_site.membership.access import is_member
from network_site.membership.models import JoinRequest, User

pytestmark = pytest.mark.django_db

DEMO_APPS = ["membership"]


def test_demo_content_adds_a_coordinator_members_and_pending_requests(
    demo_content, client, settings
):
    call_command("load_demo_content", "--app", "membership", stdout=io.StringIO())
    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.has_perm("membership.decide_joinrequest")
    assert not is_member(coordinator)
    assert is_member(User.objects.get(email="morag.campbell@example.org"))
    assert JoinRequest.objects.awaiting_decision().count() == 3
    admin = User.objects.get(username="admin")
    assert admin.emailaddress_set.get().verified
    client.post(
        reverse("account_login"),
        {"login": "admin@example.org", "password": settings.DEMO_ADMIN_PASSWORD},
    )
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_member_in_an_unknown_sector_stops_the_demo_naming_the_file(tmp_path, monkeypatch):
    broken = tmp_path / "members.yaml"
    broken.write_text(
        membership_demo.MEMBERS.read_text().replace("sector: housing", "sector: shipping")
    )
    monkeypatch.setattr(membership_demo, "MEMBERS", broken)
    users_before = sorted(User.objects.values_list("email", flat=True))
    with pytest.raises(CommandError, match=rf"{broken}: member 2: no shipping \(known: "):
        call_command("load_demo_content", "--app", "membership", stdout=io.StringIO())
    assert sorted(User.objects.values_list("email", flat=True)) == users_before
