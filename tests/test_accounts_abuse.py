"""What an attacker tries with the account forms: mail to someone else's inbox as often as asked,
with words of their own in it; addresses no mail could reach; and sign-in guessing from behind the
reverse proxy that every visitor shares."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from network_site.membership.models import JoinRequest, MemberProfile, User
from tests.factories.membership import PASSWORD, MemberFactory, join_form_data

pytestmark = pytest.mark.django_db

AN_HOUR = 60 * 60


@pytest.fixture
def an_hour_later(monkeypatch):
    """Moves the clock the rate limits read past the hour."""

    def move_on():
        now = time.time()
        monkeypatch.setattr(time, "time", lambda: now + AN_HOUR + 1)

    return move_on


def ask_to_join(client, **overrides):
    return client.post(reverse("membership:join"), join_form_data(**overrides))


def mail_to(mailoutbox, address):
    return [message for message in mailoutbox if address in message.to]


# One confirmation mail per address per hour.


def test_the_join_form_mails_an_address_once_an_hour_however_often_it_is_sent(
    client, home_page, mailoutbox, an_hour_later
):
    for _attempt in range(5):
        response = ask_to_join(client, email="rona@example.org")
        assert response.status_code == 302  # the same answer every time: nothing to learn
    assert len(mail_to(mailoutbox, "rona@example.org")) == 1
    assert User.objects.filter(email="rona@example.org").count() == 1

    an_hour_later()
    ask_to_join(client, email="rona@example.org")
    assert len(mail_to(mailoutbox, "rona@example.org")) == 2


def test_the_count_is_per_address_whatever_its_capitals(client, home_page, mailoutbox):
    ask_to_join(client, email="rona@example.org")
    ask_to_join(client, email="RONA@Example.org")
    assert len(mailoutbox) == 1


def test_other_addresses_are_not_held_back(client, home_page, mailoutbox):
    ask_to_join(client, email="rona@example.org")
    ask_to_join(client, email="isla@example.org")
    assert len(mail_to(mailoutbox, "isla@example.org")) == 1


def test_a_members_address_typed_into_the_join_form_mails_its_owner_once_an_hour(
    client, home_page, mailoutbox, an_hour_later
):
    MemberFactory(email="fiona@example.org")
    for _attempt in range(4):
        ask_to_join(client, email="fiona@example.org")
    assert len(mail_to(mailoutbox, "fiona@example.org")) == 1
    an_hour_later()
    ask_to_join(client, email="fiona@example.org")
    assert len(mail_to(mailoutbox, "fiona@example.org")) == 2


def test_the_change_email_form_mails_a_new_address_once_an_hour(
    client, home_page, mailoutbox, an_hour_later
):
    client.force_login(MemberFactory(email="fiona@example.org"))
    client.post(reverse("account_email"), {"email": "target@example.net", "action_add": ""})
    # "Send the link again", as often as asked.
    resend = {"email": "target@example.net", "action_send": ""}
    for _attempt in range(3):
        client.post(reverse("account_email"), resend)
    assert len(mail_to(mailoutbox, "target@example.net")) == 1
    an_hour_later()
    client.post(reverse("account_email"), resend)
    assert len(mail_to(mailoutbox, "target@example.net")) == 2


def test_the_join_form_and_the_change_email_form_share_one_count(client, home_page, mailoutbox):
    ask_to_join(client, email="target@example.net")
    member_client = Client()
    member_client.force_login(MemberFactory())
    member_client.post(reverse("account_email"), {"email": "target@example.net", "action_add": ""})
    assert len(mail_to(mailoutbox, "target@example.net")) == 1


# Names are names.

HOSTILE_NAMES = {
    "a web address": "Win a prize at https://example.com/claim",
    "a bare domain": "Ann visit prizes.example.com",
    "www": "Ann www.example",
    "an email address": "ann@example.org",
    "a newline": "Ann\nSmith",
    "a carriage return": "Ann\rBcc: victim@example.org",
    "a line separator": "Ann\u2028Smith",
    "a paragraph separator": "Ann\u2029Smith",
    "a right-to-left override": "Ann\u202eSmith",
    "a zero-width space": "Ann\u200bSmith",
    "a tab": "Ann\tSmith",
    "no letters": "12345 !!!",
    "markup": "<b>Ann</b>",
    "a paragraph": "Ann " * 30,
}
FINE_NAMES = [
    "Zoë O'Neil",
    "Mary-Jane Smith",
    "J. R. Macdonald",
    "Dr Ann Smith",
    "李小龍",
    "Ó Súilleabháin",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_the_join_form_refuses_a_name_that_is_not_a_name_and_keeps_nothing(
    client, home_page, mailoutbox, name
):
    response = ask_to_join(client, full_name=name)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_full_name_error"' in html or "full_name" in html
    assert response.context["form"].errors["full_name"]
    assert not User.objects.exists() and not JoinRequest.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("name", FINE_NAMES)
def test_the_join_form_takes_names_from_many_languages(client, home_page, mailoutbox, name):
    response = ask_to_join(client, full_name=name)
    assert response.status_code == 302
    assert JoinRequest.objects.get().full_name == name


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_the_account_page_refuses_a_name_that_is_not_a_name(client, home_page, name):
    member = MemberFactory(first_name="Fiona Stewart")
    profile = MemberProfile.objects.create(user=member)
    client.force_login(member)
    response = client.post(
        reverse("membership:account"),
        {
            "full_name": name,
            "role": "Social worker",
            "council_area": "highland",
            "digest_frequency": "never",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["full_name"]
    member.refresh_from_db()
    profile.refresh_from_db()
    assert member.get_full_name() == "Fiona Stewart"


# Addresses need a domain with a dot.

UNREACHABLE_ADDRESSES = ["ann@localhost", "ann@intranet", "ann@localhost."]


@pytest.mark.parametrize("address", UNREACHABLE_ADDRESSES)
def test_the_join_form_refuses_an_address_without_a_dotted_domain(
    client, home_page, mailoutbox, address
):
    response = ask_to_join(client, email=address)
    assert response.status_code == 400
    assert response.context["form"].errors["email"]
    assert not User.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("address", UNREACHABLE_ADDRESSES)
def test_the_change_email_form_refuses_an_address_without_a_dotted_domain(
    client, home_page, mailoutbox, address
):
    member = MemberFactory()
    client.force_login(member)
    response = client.post(reverse("account_email"), {"email": address, "action_add": ""})
    assert response.context["form"].errors["email"]
    assert not EmailAddress.objects.filter(email__iexact=address).exists()
    assert mailoutbox == []


def test_localhost_gets_a_message_that_says_what_is_missing(client, home_page):
    """Django's own check lets `ann@localhost` through; the site's says why it cannot."""
    response = ask_to_join(client, email="ann@localhost")
    assert "full domain name" in response.content.decode()
    client.force_login(MemberFactory())
    response = client.post(reverse("account_email"), {"email": "ann@localhost", "action_add": ""})
    assert "full domain name" in response.content.decode()


# Sign-in guessing behind the reverse proxy.


def sign_in(client, email, password, client_address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="127.0.0.1",  # the reverse proxy
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_failed_sign_ins_count_the_client_the_proxy_names_not_the_proxy(
    client, home_page, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    for guess in range(3):
        sign_in(client, f"guess{guess}@example.org", "wrong-guess", "203.0.113.9")
    refused = sign_in(client, "guess9@example.org", "wrong-guess", "203.0.113.9")
    assert "Too many" in refused.content.decode()

    # Someone else behind the same proxy still signs in.
    member = MemberFactory()
    other = Client()
    sign_in(other, member.email, PASSWORD, "198.51.100.7")
    assert other.session["_auth_user_id"] == str(member.pk)


def test_the_proxy_appends_the_real_client_so_a_forged_header_does_not_help(
    client, home_page, settings
):
    """The guesser sends X-Forwarded-For of their own; the proxy appends the address it was
    reached from, and only that last entry counts."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    for guess in range(3):
        sign_in(client, f"guess{guess}@example.org", "wrong", f"10.0.0.{guess}, 203.0.113.9")
    refused = sign_in(client, "guess9@example.org", "wrong", "10.0.0.99, 203.0.113.9")
    assert "Too many" in refused.content.decode()


def test_with_no_proxy_configured_the_header_is_ignored(client, home_page, settings):
    """TRUSTED_PROXY_COUNT=0 (the development default): anyone could write the header, so the
    connection's own address counts."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    for guess in range(3):
        sign_in(client, f"guess{guess}@example.org", "wrong", f"203.0.113.{guess}")
    refused = sign_in(client, "guess9@example.org", "wrong", "203.0.113.99")
    assert "Too many" in refused.content.decode()
