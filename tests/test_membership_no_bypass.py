"""Approval cannot be bypassed: each way to a session, tried by a person who is not approved;
and each who is refused is told what is true of their account."""

import re

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


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def page_title(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.parametrize(
    "status, title, says",
    [
        (
            JoinRequest.Status.UNCONFIRMED,
            "Confirm your email address first",
            "Use that link first",
        ),
        (
            JoinRequest.Status.PENDING,
            "Your request is waiting for a coordinator",
            "your request is with the network",
        ),
        (
            JoinRequest.Status.DECLINED,
            "Your request to join was declined",
            "Your account was not opened",
        ),
    ],
)
def test_sign_in_before_approval_is_refused_with_what_is_true(
    client, home_page, status, title, says
):
    join_request = JoinRequestFactory(status=status)
    response = sign_in(client, join_request.email)
    assert not signed_in(client)
    assert page_title(response) == title
    assert says in response.content.decode()


def test_a_deactivated_member_is_told_the_account_is_deactivated(client, home_page):
    member = MemberFactory(is_active=False)
    JoinRequestFactory(user=member, email=member.email, status=JoinRequest.Status.APPROVED)
    response = sign_in(client, member.email)
    assert not signed_in(client)
    assert page_title(response) == "Your account is deactivated"
    text = response.content.decode()
    assert "confirm" not in text.lower() and "approv" not in text.lower()


def test_each_refusal_names_its_own_state_and_only_after_the_right_password(client, home_page):
    people = {
        "unconfirmed": JoinRequestFactory(status=JoinRequest.Status.UNCONFIRMED).user,
        "pending": JoinRequestFactory(status=JoinRequest.Status.PENDING).user,
        "declined": JoinRequestFactory(status=JoinRequest.Status.DECLINED).user,
        "deactivated": MemberFactory(is_active=False),
        "no role": UserFactory(is_active=True),
    }
    titles = {}
    for state, user in people.items():
        titles[state] = page_title(sign_in(client, user.email))
        # With a wrong password nobody learns anything about the account.
        wrong = sign_in(client, user.email, "not-the-password-at-all")
        assert wrong.status_code == 200 and "is not right" in wrong.content.decode()
    assert len(set(titles.values())) == len(people), titles


def test_a_deleted_account_is_told_it_no_longer_exists(client, home_page):
    response = sign_in(client, "deleted-long-ago@example.org")
    assert not signed_in(client)
    assert "If you deleted your account, it no longer exists" in response.content.decode()


def test_an_active_account_outside_the_members_group_is_refused(client, home_page):
    # For example an account a script made active by mistake, never approved.
    stray = UserFactory(is_active=True)
    response = sign_in(client, stray.email)
    assert not signed_in(client)
    assert page_title(response) == "Your account has no access at present"


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
