"""Coordinators answer requests in the Wagtail admin; approval makes a member who can sign in."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network_site.membership.access import is_member
from network_site.membership.models import JoinRequest, MemberProfile
from tests.factories.membership import (
    PASSWORD,
    CoordinatorFactory,
    JoinRequestFactory,
    MemberFactory,
    authenticator_code,
)

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def coordinator_client(client):
    coordinator = CoordinatorFactory()
    client.force_login(coordinator)
    client.coordinator = coordinator
    return client


def decide(client, join_request, decision, message=""):
    return client.post(
        reverse("joinrequest:decide", args=[join_request.pk]),
        {"decision": decision, "message": message},
    )


def test_the_queue_filters_by_status(coordinator_client, home_page):
    pending = JoinRequestFactory(full_name="Pending Person")
    JoinRequestFactory(full_name="Declined Person", status=JoinRequest.Status.DECLINED)
    JoinRequestFactory(full_name="Unconfirmed Person", status=JoinRequest.Status.UNCONFIRMED)

    html = coordinator_client.get(reverse("joinrequest:index") + "?status=pending").content.decode()

    assert "Pending Person" in html
    assert "Declined Person" not in html
    assert "Unconfirmed Person" not in html
    assert reverse("joinrequest:inspect", args=[pending.pk]) in html


def test_the_details_page_shows_the_request_and_the_decision_form(coordinator_client, home_page):
    join_request = JoinRequestFactory(hopes="To meet people who share this way of working.")
    html = coordinator_client.get(
        reverse("joinrequest:inspect", args=[join_request.pk])
    ).content.decode()
    assert "To meet people who share this way of working." in html
    assert 'value="approve"' in html and 'value="decline"' in html


def test_approving_activates_the_account_and_sends_a_welcome(coordinator_client, home_page):
    join_request = JoinRequestFactory(full_name="Isla Grant", wants_directory_listing=True)

    response = decide(coordinator_client, join_request, "approve", "Glad to have you.")

    assert response.status_code == 302
    join_request.refresh_from_db()
    user = join_request.user
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == coordinator_client.coordinator
    assert join_request.decision_message == "Glad to have you."
    assert user.is_active and is_member(user)
    assert MemberProfile.objects.get(user=user).listed_in_directory
    welcome = mail.outbox[-1]
    assert welcome.to == [join_request.email]
    assert "Glad to have you." in welcome.body
    assert "meetings are announced by email" in welcome.body  # no meeting published yet
    assert "booklet" in welcome.body and "story" in welcome.body


def test_the_approved_member_can_sign_in(client, coordinator_client, home_page):
    join_request = JoinRequestFactory()
    decide(coordinator_client, join_request, "approve")
    coordinator_client.logout()

    sign_in(client, join_request.email)

    assert signed_in_user_id(client) == str(join_request.user.pk)


def test_declining_sends_the_message_and_keeps_the_account_closed(
    client, coordinator_client, home_page
):
    join_request = JoinRequestFactory()

    decide(coordinator_client, join_request, "decline", "The network is for people in Scotland.")

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not join_request.user.is_active
    assert "The network is for people in Scotland." in mail.outbox[-1].body
    coordinator_client.logout()
    sign_in(client, join_request.email)
    assert signed_in_user_id(client) is None


def test_a_request_is_answered_only_once(coordinator_client, home_page):
    join_request = JoinRequestFactory()
    decide(coordinator_client, join_request, "approve")
    sent = len(mail.outbox)

    decide(coordinator_client, join_request, "decline")

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert len(mail.outbox) == sent


def test_an_unconfirmed_request_cannot_be_approved(coordinator_client, home_page):
    join_request = JoinRequestFactory(status=JoinRequest.Status.UNCONFIRMED)
    decide(coordinator_client, join_request, "approve")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.UNCONFIRMED
    assert not join_request.user.is_active


def test_a_bad_decision_is_refused_without_a_change(coordinator_client, home_page):
    join_request = JoinRequestFactory()
    decide(coordinator_client, join_request, "maybe", "<b>hi</b>")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_nobody_adds_or_edits_requests_in_the_admin(client, home_page, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client.force_login(admin)
    join_request = JoinRequestFactory()
    assert client.get(reverse("joinrequest:add")).status_code in (302, 403)
    assert client.get(reverse("joinrequest:edit", args=[join_request.pk])).status_code in (
        302,
        403,
    )


def test_dashboard_panel_shows_how_many_wait_and_the_oldest(coordinator_client, home_page):
    JoinRequestFactory(
        full_name="Oldest Person", confirmed_at=timezone.now() - timezone.timedelta(days=5)
    )
    JoinRequestFactory(full_name="Newer Person")
    html = coordinator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Join requests" in html
    assert "<strong>2</strong> requests waiting" in html
    assert "Oldest Person" in html


def test_members_never_reach_the_admin(client, home_page):
    member = MemberFactory()
    sign_in(client, member.email)
    assert signed_in_user_id(client) == str(member.pk)
    # One redirect to a plain "no access" page, not back and forth with the sign-in page.
    response = client.get(reverse("wagtailadmin_home"), follow=True)
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302)]
    assert response.status_code == 403
    page = response.content.decode()
    assert "You do not have access to the admin" in page
    assert 'href="/account/"' in page
    assert signed_in_user_id(client) == str(member.pk)
    assert not member.has_perm("wagtailadmin.access_admin")


def test_coordinators_reach_the_admin_but_not_other_staff_areas(client, home_page):
    coordinator = CoordinatorFactory()
    sign_in(client, coordinator.email)
    # Staff sign in with a second step (tests/conftest.py gives them an authenticator app).
    client.post(reverse("mfa_authenticate"), {"code": authenticator_code()})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("joinrequest:index")).status_code == 200
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302


def test_a_member_cannot_answer_requests(client, home_page):
    member = MemberFactory()
    client.force_login(member)
    join_request = JoinRequestFactory()
    decide(client, join_request, "approve")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_decisions_are_in_the_audit_log(coordinator_client, home_page):
    from wagtail.models import ModelLogEntry

    join_request = JoinRequestFactory()
    decide(coordinator_client, join_request, "decline")
    entry = ModelLogEntry.objects.get(action="membership.decline")
    assert entry.object_id == str(join_request.pk)
    assert entry.user_id == coordinator_client.coordinator.pk


def test_welcome_links_the_booklet_chosen_in_the_settings(coordinator_client, home_page):
    from wagtail.models import Site

    from network_site.core.models import NetworkSettings
    from tests.factories.core import StandardPageFactory

    # A slug that merely contains "booklet" is not enough: the booklet is chosen in the settings.
    StandardPageFactory(parent=home_page, slug="booklet-order-form")
    decide(coordinator_client, JoinRequestFactory(), "approve")
    assert "/booklet-order-form/" not in mail.outbox[-1].body

    booklet = StandardPageFactory(parent=home_page, slug="understanding-personal-outcomes")
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network_settings.booklet_page = booklet
    network_settings.save()
    decide(coordinator_client, JoinRequestFactory(), "approve")
    assert booklet.url in mail.outbox[-1].body

    booklet.unpublish()
    decide(coordinator_client, JoinRequestFactory(), "approve")
    assert booklet.url not in mail.outbox[-1].body


def count_queue_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("joinrequest:index") + "?status=pending")
    assert response.status_code == 200
    return len(queries)


def test_queue_query_count_does_not_grow_with_requests(coordinator_client, home_page):
    JoinRequestFactory.create_batch(2)
    count_queue_queries(coordinator_client)
    few = count_queue_queries(coordinator_client)
    JoinRequestFactory.create_batch(12)
    assert count_queue_queries(coordinator_client) == few


def test_welcome_names_the_next_meeting_once_one_is_published(coordinator_client, home_page):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory

    index = MeetingIndexPageFactory(parent=home_page)
    now = timezone.now()
    MeetingPageFactory(
        parent=index, title="Last spring's meeting", starts_at=now - timedelta(days=60)
    )
    MeetingPageFactory(parent=index, title="The winter meeting", starts_at=now + timedelta(days=20))
    MeetingPageFactory(
        parent=index, title="The spring meeting", starts_at=now + timedelta(days=110)
    )

    decide(coordinator_client, JoinRequestFactory(), "approve")

    welcome = mail.outbox[-1].body
    assert "Next meeting: The winter meeting" in welcome
    assert "spring" not in welcome
