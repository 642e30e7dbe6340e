"""Approval cannot be bypassed: each way to a session, tried by a person who is not approved."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core import mail
from django.urls import reverse

from network_site.membership.models import JoinRequest, User
from tests.factories.membership import (
    PASSWORD,
    JoinRequestFactory,
    MemberFactory,
    UserFactory,
    join_form_data,
)

pytestmark = pytest.mark.django_db


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def pending_request(home_page):
    return JoinRequestFactory(user__email="waiting@example.org")


def test_allauth_sign_up_is_the_join_form(client, home_page):
    assert client.get("/accounts/signup/").url == reverse("membership:join")
    response = client.post(
        "/accounts/signup/",
        {"email": "sneaky@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code in (301, 302)
    assert not User.objects.exists()
    assert not signed_in(client)


def test_allauth_adapter_keeps_sign_up_closed(rf):
    from network_site.membership.adapter import NetworkAccountAdapter

    assert NetworkAccountAdapter().is_open_for_signup(rf.get("/")) is False


@pytest.mark.parametrize(
    "status",
    [JoinRequest.Status.UNCONFIRMED, JoinRequest.Status.PENDING, JoinRequest.Status.DECLINED],
)
def test_password_sign_in_is_refused_before_approval(client, home_page, status):
    join_request = JoinRequestFactory(status=status)
    response = client.post(
        reverse("account_login"), {"login": join_request.email, "password": PASSWORD}
    )
    assert not signed_in(client)
    assert response.url == reverse("account_inactive")
    assert "You cannot sign in yet" in client.get(response.url).content.decode()


def test_an_active_account_outside_the_members_group_is_refused(client, home_page):
    # For example an account a script made active by mistake, never approved.
    stray = UserFactory(is_active=True)
    response = client.post(reverse("account_login"), {"login": stray.email, "password": PASSWORD})
    assert not signed_in(client)
    assert response.url == reverse("account_inactive")


def test_confirming_the_email_does_not_sign_in(client, home_page):
    client.post(reverse("membership:join"), join_form_data())
    link = mail.outbox[0].body.split("/accounts/confirm-email/")[1].split("/")[0]
    client.post(reverse("account_confirm_email", args=[link]))
    assert EmailAddress.objects.get(email="rona.macleod@example.org").verified
    assert not signed_in(client)


def test_password_reset_gives_no_session_and_no_link_to_a_pending_person(client, pending_request):
    client.post(reverse("account_reset_password"), {"email": pending_request.email})
    assert not signed_in(client)
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)

    # Even with a valid reset key in hand, setting a password does not sign them in.
    user = pending_request.user
    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    set_password_url = client.get(url).url
    new_password = "another-long-passphrase-7"
    client.post(set_password_url, {"password1": new_password, "password2": new_password})
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert not signed_in(client)
    client.post(reverse("account_login"), {"login": user.email, "password": new_password})
    assert not signed_in(client)


def test_email_change_needs_a_session_first(client, pending_request):
    response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_wagtail_admin_login_goes_through_allauth(client, home_page, django_user_model):
    assert client.get("/admin/login/").url == reverse("account_login")
    pending = JoinRequestFactory(user__is_staff=True)
    response = client.post(
        "/admin/login/", {"username": pending.user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not signed_in(client)


def test_no_social_login_is_installed():
    assert not any(app.startswith("allauth.socialaccount") for app in settings.INSTALLED_APPS)


def test_repeated_failed_sign_ins_are_refused(client, home_page):
    member = MemberFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong-guess"})

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert not signed_in(client)
    assert "Too many tries to sign in" in response.content.decode()


def test_rate_limits_need_a_real_cache():
    backend = settings.CACHES["default"]["BACKEND"]
    assert "DummyCache" not in backend


def test_sign_out_is_a_post(client, home_page):
    member = MemberFactory()
    client.force_login(member)
    client.get(reverse("account_logout"))
    assert signed_in(client)
    client.post(reverse("account_logout"))
    assert not signed_in(client)


def test_wagtail_password_reset_is_switched_off(client, home_page):
    assert client.get("/admin/password_reset/").status_code == 404


def test_the_database_refuses_a_second_account_for_one_address(home_page):
    from django.db import IntegrityError, transaction

    UserFactory(email="one.person@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="copy", email="One.Person@Example.org")
