"""Coordinators in the admin: the members' list (search, filters, deactivate and reactivate with a
reason, CSV of what members agreed to share) and answering several join requests at once."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network_site.membership.models import JoinRequest, MemberProfile, MemberStatusChange
from tests.factories.membership import (
    PASSWORD,
    CoordinatorFactory,
    JoinRequestFactory,
    MemberFactory,
    MemberProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MEMBERS = "/admin/memberprofile/"


@pytest.fixture
def coordinator_client(client, home_page):
    coordinator = CoordinatorFactory(first_name="Cara Coordinator")
    client.force_login(coordinator)
    client.coordinator = coordinator
    return client


def profile(name, email, **fields):
    return MemberProfileFactory(
        user=MemberFactory(first_name=name, email=email, username=email), **fields
    )


@pytest.fixture
def people():
    return {
        "ann": profile(
            "Ann Nurse", "ann@example.org", sector="health", council_area="fife", role="Nurse"
        ),
        "bob": profile(
            "Bob Housing",
            "bob@example.org",
            sector="housing",
            council_area="angus",
            organisation="Tenants First",
            show_organisation=False,
        ),
        "cat": profile(
            "Cat Unlisted", "cat@example.org", sector="health", listed_in_directory=False
        ),
    }


def listing(client, query=""):
    """The names listed (not the page, whose sidebar names the coordinator signed in)."""
    response = client.get(MEMBERS + query)
    assert response.status_code == 200
    return [profile.user.get_full_name() for profile in response.context["object_list"]]


def test_coordinators_see_the_members_list(coordinator_client, people):
    page = listing(coordinator_client)
    for person in ("Ann Nurse", "Bob Housing", "Cat Unlisted"):
        assert person in page
    assert "Cara Coordinator" not in page  # not in the Members group


def test_search_and_filters(coordinator_client, people):
    assert "Bob Housing" not in listing(coordinator_client, "?q=nurse")
    assert "Ann Nurse" in listing(coordinator_client, "?q=nurse")
    by_sector = listing(coordinator_client, "?sector=health")
    assert "Ann Nurse" in by_sector and "Bob Housing" not in by_sector
    by_area = listing(coordinator_client, "?council_area=angus")
    assert "Bob Housing" in by_area and "Ann Nurse" not in by_area
    people["ann"].user.date_joined = timezone.now() - timedelta(days=400)
    people["ann"].user.save()
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    recent = listing(coordinator_client, f"?joined_from={since}")
    assert "Ann Nurse" not in recent and "Bob Housing" in recent


@pytest.mark.parametrize(
    "query",
    [
        "?sector=astronauts",
        "?role=999999",
        "?role=abc",
        "?joined_from=not-a-date",
        "?status=gone",
        "?q=%00%27%22<script>",
        "?p=-1",
    ],
)
def test_hostile_filters_never_fail(coordinator_client, people, query):
    assert coordinator_client.get(MEMBERS + query).status_code in (200, 404)


def test_role_filter(coordinator_client, people):
    from django.contrib.auth.models import Group

    moderators = Group.objects.get_or_create(name="Moderators")[0]
    people["bob"].user.groups.add(moderators)
    page = listing(coordinator_client, f"?role={moderators.pk}")
    assert "Bob Housing" in page and "Ann Nurse" not in page


def test_the_list_costs_the_same_queries_with_more_members(coordinator_client, people):
    def count():
        with CaptureQueriesContext(connection) as queries:
            listing(coordinator_client)
        return len(queries)

    count()
    few = count()
    for n in range(6):
        profile(f"Extra {n}", f"extra{n}@example.org")
    assert count() == few


def test_members_and_visitors_cannot_see_the_list(client, people):
    assert client.get(MEMBERS).status_code == 302
    client.force_login(people["ann"].user)
    assert client.get(MEMBERS).status_code in (302, 403)
    assert client.get(MEMBERS + "export.csv").status_code in (302, 403)
    assert client.get(MEMBERS + f"status/{people['bob'].pk}/").status_code in (302, 403)


def test_the_status_filter(coordinator_client, people):
    people["bob"].user.is_active = False
    people["bob"].user.save()
    assert listing(coordinator_client, "?status=deactivated") == ["Bob Housing"]
    assert "Bob Housing" not in listing(coordinator_client, "?status=active")


def test_deactivating_needs_a_reason_and_records_it(coordinator_client, people):
    url = MEMBERS + f"status/{people['bob'].pk}/"
    assert "Deactivate a member" in coordinator_client.get(url).content.decode()

    refused = coordinator_client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "Give the reason for the change" in refused.content.decode()
    assert MemberStatusChange.objects.count() == 0

    coordinator_client.post(url, {"reason": "Asked to leave the network"})
    bob = people["bob"].user
    bob.refresh_from_db()
    assert not bob.is_active
    change = MemberStatusChange.objects.get()
    assert (change.active, change.reason, change.changed_by) == (
        False,
        "Asked to leave the network",
        coordinator_client.coordinator,
    )
    # A deactivated member can no longer sign in.
    from django.test import Client

    other = Client()
    response = other.post("/accounts/login/", {"login": "bob@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in other.session
    assert response.status_code in (200, 302)

    coordinator_client.post(url, {"reason": "Came back"})
    bob.refresh_from_db()
    assert bob.is_active
    assert "Asked to leave the network" in coordinator_client.get(url).content.decode()
    assert "Bob Housing" in listing(coordinator_client, "?status=active")


def test_markup_in_a_reason_is_refused(coordinator_client, people):
    url = MEMBERS + f"status/{people['bob'].pk}/"
    response = coordinator_client.post(url, {"reason": "<b>bad</b>"})
    assert response.status_code == 400
    assert MemberStatusChange.objects.count() == 0


def test_the_csv_has_only_what_members_agreed_to_share(coordinator_client, people):
    response = coordinator_client.get(MEMBERS + "export.csv?sector=housing")

    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Name", "Role", "Organisation", "Council area", "Sector"]
    assert rows[1:] == [["Bob Housing", "Support worker", "", "Angus", "Housing"]]
    assert "@" not in text  # no email addresses

    everyone = coordinator_client.get(MEMBERS + "export.csv").content.decode()
    assert "Ann Nurse" in everyone and "Cat Unlisted" not in everyone


def test_the_csv_neutralises_formulas(coordinator_client):
    profile("=HYPERLINK(1)", "evil@example.org")
    text = coordinator_client.get(MEMBERS + "export.csv").content.decode()
    assert "'=HYPERLINK(1)" in text


def test_answering_several_join_requests_emails_each(coordinator_client):
    first = JoinRequestFactory(full_name="First Person")
    second = JoinRequestFactory(full_name="Second Person")
    untouched = JoinRequestFactory(full_name="Third Person")

    page = coordinator_client.get("/admin/joinrequest/answer-several/").content.decode()
    assert "First Person" in page and "Third Person" in page

    response = coordinator_client.post(
        "/admin/joinrequest/answer-several/",
        {"requests": [first.pk, second.pk], "decision": "approve", "message": "Welcome both."},
        follow=True,
    )

    assert "2 requests approved; each person has been emailed." in response.content.decode()
    for join_request in (first, second):
        join_request.refresh_from_db()
        assert join_request.status == JoinRequest.Status.APPROVED
    untouched.refresh_from_db()
    assert untouched.status == JoinRequest.Status.PENDING
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    assert all("Welcome both." in message.body for message in mail.outbox)


def test_declining_several_at_once(coordinator_client):
    requests = [JoinRequestFactory() for _ in range(3)]
    coordinator_client.post(
        "/admin/joinrequest/answer-several/",
        {"requests": [r.pk for r in requests], "decision": "decline"},
    )
    assert set(JoinRequest.objects.values_list("status", flat=True)) == {"declined"}
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "approve"},
        {"requests": ["abc"], "decision": "approve"},
        {"requests": ["999999"], "decision": "approve"},
        {"requests": ["ANSWERED"], "decision": "approve"},
        {"requests": ["PENDING"], "decision": "maybe"},
        {"requests": ["PENDING"], "decision": "approve", "message": "<script>x</script>"},
    ],
)
def test_bad_bulk_answers_change_nothing(coordinator_client, data):
    pending = JoinRequestFactory()
    answered = JoinRequestFactory(status=JoinRequest.Status.APPROVED)
    ids = {"PENDING": str(pending.pk), "ANSWERED": str(answered.pk)}
    data = {
        key: [ids.get(v, v) for v in value] if isinstance(value, list) else value
        for key, value in data.items()
    }

    response = coordinator_client.post("/admin/joinrequest/answer-several/", data)

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING
    assert mail.outbox == []


def test_only_those_who_decide_can_answer_several(client, home_page):
    client.force_login(UserFactory(is_staff=True))
    JoinRequestFactory()
    assert client.get("/admin/joinrequest/answer-several/").status_code in (302, 403)
    assert MemberProfile.objects.count() == 0
