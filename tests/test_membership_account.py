"""Members: my account, the directory, consents, my data and deleting the account."""

import json
import time

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network_site.core.roles import COORDINATOR, EDITOR, MODERATOR
from network_site.membership.models import ConsentRecord, JoinRequest, MemberProfile, User
from tests.factories.membership import (
    PASSWORD,
    JoinRequestFactory,
    MemberFactory,
    MemberProfileFactory,
    UserFactory,
    join_form_data,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(home_page):
    return MemberFactory(first_name="Fiona Stewart", email="fiona@example.org")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def profile_data(**overrides):
    data = {
        "full_name": "Fiona Stewart",
        "role": "Social worker",
        "organisation": "Angus Council",
        "sector": "social-care",
        "council_area": "angus",
        "bio": "I work with older people and their families.",
        "listed_in_directory": "on",
        "show_name": "on",
        "show_role": "on",
        "digest_frequency": "none",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    "url_name",
    [
        "membership:account",
        "membership:directory",
        "membership:delete_account",
    ],
)
def test_member_pages_are_for_members_only(client, home_page, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(UserFactory())  # signed in, never approved
    assert client.get(reverse(url_name)).status_code == 403


def test_header_shows_my_account_and_a_sign_out_form_when_signed_in(member_client):
    html = member_client.get("/").content.decode()
    assert reverse("membership:account") in html
    assert f'method="post" action="{reverse("account_logout")}"' in html
    assert reverse("membership:join") not in html


def test_my_account_saves_the_profile_and_records_consents(member_client, member):
    response = member_client.post(reverse("membership:account"), profile_data())

    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert profile.role == "Social worker" and profile.listed_in_directory
    assert not profile.show_organisation
    directory_consent = ConsentRecord.objects.get(user=member, purpose="directory")
    assert directory_consent.withdrawn_at is None

    member_client.post(reverse("membership:account"), profile_data(listed_in_directory=None))

    directory_consent.refresh_from_db()
    assert directory_consent.withdrawn_at is not None
    member_client.post(reverse("membership:account"), profile_data())
    assert ConsentRecord.objects.filter(user=member, purpose="directory").count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"bio": "<a href='x'>me</a>"}, "bio"),
        ({"role": "r" * 151}, "role"),
        ({"sector": "unknown"}, "sector"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_my_account_bad_input_saves_nothing(member_client, member, overrides, field):
    response = member_client.post(reverse("membership:account"), profile_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="ds_error-summary"' in html and f'id="id_{field}_error"' in html
    assert MemberProfile.objects.get(user=member).role == ""
    assert not ConsentRecord.objects.filter(user=member).exists()


def test_consent_records_are_append_only(member):
    from django.core.exceptions import ValidationError

    record = ConsentRecord.objects.create(user=member, purpose="mailing", notice_version="1")
    record.notice_version = "2"
    with pytest.raises(ValidationError):
        record.save()
    record.refresh_from_db()
    with pytest.raises(ValidationError):
        record.delete()
    record.withdraw()
    with pytest.raises(ValidationError):
        record.withdraw()
    assert ConsentRecord.objects.filter(pk=record.pk).exists()


def listed(count, **profile_fields):
    return [MemberProfileFactory(**profile_fields) for _ in range(count)]


def test_directory_lists_only_members_who_opted_in_and_only_what_they_show(member_client):
    shown = MemberProfileFactory(user__first_name="Shown Person", organisation="Shown Org")
    MemberProfileFactory(
        user__first_name="Hidden Name",
        organisation="Hidden Org",
        show_name=False,
        show_organisation=False,
    )
    MemberProfileFactory(user__first_name="Not Listed", listed_in_directory=False)
    MemberProfileFactory(user=UserFactory(first_name="Not A Member"))

    html = member_client.get(reverse("membership:directory")).content.decode()

    assert "Shown Person" in html and "Shown Org" in html
    assert "Hidden Name" not in html and "Hidden Org" not in html
    assert "Not Listed" not in html and "Not A Member" not in html
    assert shown.user.email not in html


def test_directory_filters_by_sector_and_area(member_client):
    MemberProfileFactory(user__first_name="Fife Housing", sector="housing", council_area="fife")
    MemberProfileFactory(user__first_name="Fife Health", sector="health", council_area="fife")
    MemberProfileFactory(user__first_name="Moray Housing", sector="housing", council_area="moray")

    html = member_client.get(
        reverse("membership:directory"), {"sector": "housing", "area": "fife"}
    ).content.decode()

    assert "Fife Housing" in html
    assert "Fife Health" not in html and "Moray Housing" not in html


@pytest.mark.parametrize(
    "query", [{"sector": "pirates"}, {"area": "atlantis"}, {"page": "abc"}, {"page": "-3"}]
)
def test_directory_bad_filters_get_a_message_not_a_500(member_client, query):
    response = member_client.get(reverse("membership:directory"), query)
    assert response.status_code == 400
    assert 'class="ds_error-summary"' in response.content.decode()


def test_directory_paginates(member_client):
    listed(25)
    first = member_client.get(reverse("membership:directory")).content.decode()
    second = member_client.get(reverse("membership:directory"), {"page": 2}).content.decode()
    assert first.count("membership-directory__entry") == 20
    assert second.count("membership-directory__entry") == 5
    far = member_client.get(reverse("membership:directory"), {"page": 99})
    assert far.status_code == 200


def count_directory_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("membership:directory"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.usefixtures("content_cache_off")
def test_directory_query_count_does_not_grow_with_members(member_client):
    listed(2)
    count_directory_queries(member_client)  # the first request fills per-process caches (site)
    few = count_directory_queries(member_client)
    listed(15)
    many = count_directory_queries(member_client)
    assert few == many


def test_my_data_download_holds_everything_about_me(member_client, member):
    JoinRequestFactory(user=member, email=member.email, full_name="Fiona Stewart")
    MemberProfileFactory(user=member, listed_in_directory=False)
    ConsentRecord.objects.create(user=member, purpose="privacy_notice", notice_version="2026-11")

    response = member_client.post(reverse("membership:download_my_data"))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "fiona@example.org"
    assert data["account"]["groups"] == ["Members"]
    assert data["join_request"]["full_name"] == "Fiona Stewart"
    assert data["consents"][0]["purpose"] == "privacy_notice"
    assert data["consents"][0]["given_at"]
    assert data["profile"]["listed_in_directory"] is False
    assert data["email_addresses"] == [
        {"email": "fiona@example.org", "verified": True, "primary": True}
    ]


@pytest.mark.parametrize("role", [EDITOR, MODERATOR, COORDINATOR])
def test_staff_who_are_not_members_download_their_data_too(client, home_page, role):
    person = make_staff(role, first_name="Sam Staff", email="sam@example.org")
    client.force_login(person)

    # Reached by clicking, from the admin's account page.
    account_page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert f'href="{reverse("membership:my_data")}"' in account_page
    page = client.get(reverse("membership:my_data"))
    assert page.status_code == 200
    assert reverse("membership:delete_account") not in page.content.decode()
    response = client.post(reverse("membership:download_my_data"))

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["account"]["email"] == "sam@example.org"
    assert data["account"]["groups"] == [role.group]


def test_my_data_download_is_a_post(member_client):
    assert member_client.get(reverse("membership:download_my_data")).status_code == 405


def test_deleting_the_account_needs_the_password(member_client, member):
    response = member_client.post(reverse("membership:delete_account"), {"password": "wrong"})
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_deleting_the_account_erases_it_and_signs_out(member_client, member):
    JoinRequestFactory(user=member, email=member.email)
    response = member_client.post(reverse("membership:delete_account"), {"password": PASSWORD})
    assert response.url == reverse("membership:account_deleted")
    assert not type(member).objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in member_client.session


def test_changing_email_is_confirmed_again(member_client, member, mailoutbox):
    response = member_client.post(
        reverse("account_email"), {"email": "fiona.new@example.org", "action_add": ""}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "fiona@example.org"  # unchanged until the new address is confirmed
    link = mailoutbox[-1].body.split("/accounts/confirm-email/")[1].split("/")[0]

    response = member_client.post(reverse("account_confirm_email", args=[link]))

    assert response.url == reverse("membership:account")
    member.refresh_from_db()
    assert member.email == "fiona.new@example.org"


def address_state():
    """Every account's address and every address row: what a change of address may touch."""
    return (
        sorted(User.objects.values_list("pk", "email")),
        sorted(EmailAddress.objects.values_list("user_id", "email", "verified", "primary")),
        sorted(JoinRequest.objects.values_list("user_id", "email", "status")),
    )


@pytest.mark.parametrize(
    "holder",
    ["member", "unconfirmed request", "pending request", "declined request", "confirmed row"],
)
def test_an_address_someone_else_holds_is_refused_with_a_clear_message(
    member_client, member, mailoutbox, holder
):
    if holder == "member":
        MemberFactory(email="taken@example.org")
    elif holder == "confirmed row":
        # A second, confirmed address of another account.
        EmailAddress.objects.create(user=MemberFactory(), email="taken@example.org", verified=True)
    else:
        status = holder.split()[0]
        JoinRequestFactory(user__email="taken@example.org", status=status)
    before = address_state()

    response = member_client.post(
        reverse("account_email"), {"email": "TAKEN@example.org", "action_add": ""}
    )

    assert response.status_code == 200
    assert "belongs to another account or to a request to join" in response.content.decode()
    assert address_state() == before
    assert not [m for m in mailoutbox if "/accounts/confirm-email/" in m.body]


def test_confirming_an_address_taken_meanwhile_changes_nothing(member_client, member, mailoutbox):
    """The address was free when asked for; by the time its link is opened a join request has
    it. Confirming changes neither account, says why, and never answers 500."""
    member_client.post(reverse("account_email"), {"email": "new@example.org", "action_add": ""})
    key = mailoutbox[-1].body.split("/accounts/confirm-email/")[1].split("/")[0]
    JoinRequestFactory(user__email="New@example.org", status="unconfirmed")
    before = address_state()

    # Opened by whoever reads that inbox: signed out, and signed in as the member.
    for opener in (client_signed_out(), member_client):
        response = opener.post(reverse("account_confirm_email", args=[key]), follow=True)
        assert response.status_code == 200
        assert "Nothing has changed" in response.content.decode()
        assert address_state() == before


def test_a_members_unconfirmed_change_does_not_block_a_newcomer(
    member_client, member, mailoutbox, monkeypatch
):
    member_client.post(reverse("account_email"), {"email": "wanted@example.org", "action_add": ""})
    # One confirmation mail an hour to an address (tests/test_accounts_abuse.py): an hour on.
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3601)
    newcomer = client_signed_out()
    newcomer.post(
        reverse("membership:join"),
        join_form_data(email="wanted@example.org", full_name="Wendy Wanted"),
    )
    link = mailoutbox[-1].body.split("/accounts/confirm-email/")[1].split("/")[0]

    newcomer.post(reverse("account_confirm_email", args=[link]))

    assert JoinRequest.objects.get(email="wanted@example.org").status == "pending"


def client_signed_out():
    from django.test import Client

    return Client()


def test_a_clash_found_only_on_saving_undoes_every_part_of_the_confirmation(
    member_client, member, mailoutbox, monkeypatch
):
    """Two requests racing for one address: the database's unique constraint is the last word,
    and the change of address is undone as a whole."""
    from network_site.membership import forms

    member_client.post(reverse("account_email"), {"email": "race@example.org", "action_add": ""})
    key = mailoutbox[-1].body.split("/accounts/confirm-email/")[1].split("/")[0]
    rival = UserFactory(email="race@example.org", is_active=False)
    EmailAddress.objects.filter(user=rival).delete()
    before = address_state()
    # As if the rival's account had been made between the check and the save.
    monkeypatch.setattr(forms, "address_held_by_another", lambda email, user: False)

    response = member_client.post(reverse("account_confirm_email", args=[key]))

    assert response.status_code == 302
    assert address_state() == before
    member.refresh_from_db()
    assert member.email == "fiona@example.org"


def test_a_member_can_reset_their_password(client, member, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert "/accounts/password/reset/key/" in mailoutbox[-1].body
