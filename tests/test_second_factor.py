"""Two-step sign-in: staff must have a second factor before the admin or members' details answer
them; members may turn it on; recovery codes and the lost-device path work; demo staff come with
their authenticator set up."""

import io
import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from network_site.core.roles import ADMINISTRATOR, COORDINATOR, EDITOR, MODERATOR
from network_site.membership.second_factor import (
    set_up_authenticator_app,
    unused_recovery_codes,
)
from tests.factories.membership import (
    PASSWORD,
    TEST_TOTP_SECRET,
    MemberFactory,
    authenticator_code,
    make_staff,
)
from tests.test_permission_matrix import CASES

pytestmark = pytest.mark.django_db

STAFF_ROLES = [MODERATOR, COORDINATOR, EDITOR, ADMINISTRATOR]
SET_UP_PAGE = "/accounts/2fa/"


def guarded_urls():
    """Every URL in the permission matrix under the admin or the members' pages (those that
    need no object from the matrix's site)."""
    return sorted(
        {
            case.url
            for case in CASES
            if case.url.startswith(("/admin/", "/members/")) and "{" not in case.url
        }
    )


def sign_in_with_password(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def confirm_password(client):
    """allauth asks for the password again before any change to two-step sign-in."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def secret_on_page(html):
    return re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', html).group(1)


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda role: role.group)
def test_staff_without_a_second_factor_reach_no_admin_or_members_page(
    client, home_page, role, staff_without_second_factor
):
    urls = guarded_urls()
    assert "/admin/" in urls and "/members/" in urls
    client.force_login(make_staff(role))
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, SET_UP_PAGE), url
    # The rest of the site, and setting up the second step, still answer.
    assert client.get("/").status_code == 200
    assert client.get(SET_UP_PAGE).status_code == 200


def test_a_superuser_without_a_second_factor_is_sent_to_set_one_up(
    client, home_page, django_user_model, staff_without_second_factor
):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    assert client.get("/admin/").headers["Location"] == SET_UP_PAGE


def test_members_are_not_asked_for_a_second_factor(client, home_page):
    client.force_login(MemberFactory())
    assert client.get("/members/").status_code == 200
    assert client.get(reverse("membership:account")).status_code == 200


def test_new_staff_set_up_an_authenticator_app_then_reach_the_admin(
    client, home_page, staff_without_second_factor
):
    coordinator = make_staff(COORDINATOR)
    sign_in_with_password(client, coordinator.email)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [(SET_UP_PAGE, 302)]
    assert "Set up two-step sign-in before you use the admin" in response.content.decode()

    assert client.get(reverse("mfa_activate_totp")).status_code == 302
    confirm_password(client)
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200
    secret = secret_on_page(activate.content.decode())
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and "Error:" in wrong.content.decode()
    assert not Authenticator.objects.filter(user=coordinator).exists()

    client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})

    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert len(unused_recovery_codes(coordinator)) == 10
    assert client.get("/admin/").status_code == 200


def test_staff_with_a_factor_must_give_it_at_sign_in(client, home_page):
    editor = make_staff(EDITOR)
    response = sign_in_with_password(client, editor.email)
    assert response.headers["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Your second step" in page

    refused = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": authenticator_code()})
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, home_page):
    editor = make_staff(EDITOR)
    code = authenticator_code()
    sign_in_with_password(client, editor.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))

    sign_in_with_password(client, editor.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" not in client.session


def test_lost_device_a_recovery_code_signs_in_once_then_a_new_app_is_set_up(client, home_page):
    """The lost-device path: a recovery code in place of the app's code, then the old app turned
    off and a new one set up, all by the person themselves."""
    moderator = make_staff(MODERATOR)
    [first_code, *_] = unused_recovery_codes(moderator)

    sign_in_with_password(client, moderator.email)
    client.post(reverse("mfa_authenticate"), {"code": first_code})
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert first_code not in unused_recovery_codes(moderator)
    assert len(unused_recovery_codes(moderator)) == 9

    # Signed in with a recovery code: the old app can be turned off and a new one set up.
    confirm_password(client)
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=moderator, type="totp").exists()
    assert client.get("/admin/").headers["Location"] == SET_UP_PAGE
    secret = secret_on_page(client.get(reverse("mfa_activate_totp")).content.decode())
    assert secret != TEST_TOTP_SECRET
    client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    assert client.get("/admin/").status_code == 200

    # The used recovery code does not work a second time.
    client.post(reverse("account_logout"))
    sign_in_with_password(client, moderator.email)
    client.post(reverse("mfa_authenticate"), {"code": first_code})
    assert "_auth_user_id" not in client.session


def test_lost_device_and_no_codes_an_operator_removes_the_second_step(
    client, home_page, staff_without_second_factor
):
    editor = make_staff(EDITOR)
    set_up_authenticator_app(editor, TEST_TOTP_SECRET)
    output = io.StringIO()

    call_command("remove_second_factor", editor.email.upper(), stdout=output)

    assert not Authenticator.objects.filter(user=editor).exists()
    assert editor.email in output.getvalue()
    # Signing in is by password again, and the admin asks for a new second step.
    sign_in_with_password(client, editor.email)
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").headers["Location"] == SET_UP_PAGE


def test_removing_the_second_step_of_an_unknown_address_says_so(home_page):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No account"):
        call_command("remove_second_factor", "nobody@example.org", stdout=io.StringIO())


def test_a_member_may_turn_on_two_step_sign_in(client, home_page):
    member = MemberFactory()
    sign_in_with_password(client, member.email)
    assert "Two-step sign-in" in client.get(reverse("membership:account")).content.decode()
    confirm_password(client)
    secret = secret_on_page(client.get(reverse("mfa_activate_totp")).content.decode())
    client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    client.post(reverse("account_logout"))

    response = sign_in_with_password(client, member.email)

    assert response.headers["Location"] == reverse("mfa_authenticate")


def test_the_recovery_codes_page_lists_them_and_the_download_is_plain_text(client, home_page):
    editor = make_staff(EDITOR)
    sign_in_with_password(client, editor.email)
    client.post(reverse("mfa_authenticate"), {"code": authenticator_code()})
    confirm_password(client)
    codes = unused_recovery_codes(editor)

    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    download = client.get(reverse("mfa_download_recovery_codes"))

    assert all(code in page for code in codes)
    assert download["Content-Type"].startswith("text/plain")
    assert all(code in download.content.decode() for code in codes)
    assert "Personal Outcomes Network" in download.content.decode()


def test_the_data_download_names_second_factors_but_never_their_secrets(client, home_page):
    member = MemberFactory()
    client.force_login(member)
    set_up_authenticator_app(member, TEST_TOTP_SECRET)
    response = client.post(reverse("membership:download_my_data"))
    data = json.loads(response.content)
    assert {entry["type"] for entry in data["second_factors"]} == {"totp", "recovery_codes"}
    assert TEST_TOTP_SECRET not in json.dumps(data)
