"""Membership's demo content: a coordinator, members and pending requests, loaded once here."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from network_site.membership import demo as membership_demo
from network_site.membership.access import is_member
from network_site.membership.models import JoinRequest, User
from tests.factories.membership import authenticator_code

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
    # Staff sign in with a second step: the demo's authenticator app is set up already.
    client.post(
        reverse("mfa_authenticate"), {"code": authenticator_code(settings.DEMO_TOTP_SECRET)}
    )
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_make_run_prints_each_demo_staff_accounts_second_step_and_it_works(
    demo_content, client, settings
):
    output = io.StringIO()
    call_command("show_demo_accounts", stdout=output)
    printed = output.getvalue()

    steps = re.findall(r"authenticator app secret (\S+), or a recovery code: (\S+)", printed)
    assert [secret for secret, _code in steps] == [settings.DEMO_TOTP_SECRET] * 2
    assert printed.index("admin@example.org") < printed.index(steps[0][1])
    assert printed.index("coordinator@example.org") < printed.index(steps[1][1])
    # Members have no second step to print.
    assert len(re.findall("second step", printed)) == 2
    # The printed recovery code signs the coordinator in (once).
    client.post(
        reverse("account_login"),
        {"login": "coordinator@example.org", "password": settings.DEMO_COORDINATOR_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": steps[1][1]})
    coordinator = User.objects.get(email="coordinator@example.org")
    assert client.session["_auth_user_id"] == str(coordinator.pk)
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
