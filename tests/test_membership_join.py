"""The newcomer's path: the join form, the confirmation link, the coordinators' queue."""

import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from wagtail.models import Site

from network_site.membership.models import (
    ConsentRecord,
    JoinRequest,
    MembershipSettings,
    User,
)
from tests.factories.membership import (
    CoordinatorFactory,
    JoinRequestFactory,
    MemberFactory,
    join_form_data,
)

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/")


def confirmation_link(message):
    return CONFIRM_LINK.search(message.body).group(0)


def ask_to_join(client, **overrides):
    return client.post(reverse("membership:join"), join_form_data(**overrides))


def test_join_page_says_what_the_network_is_and_shows_the_form(client, home_page):
    response = client.get(reverse("membership:join"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "meet four times a year" in html
    for name in ("full_name", "email", "sector", "council_area", "hopes", "agree_privacy"):
        assert f'name="{name}"' in html
    assert "Outside Scotland" in html
    assert "Unpaid carer or person with lived experience" in html


def test_join_is_linked_from_the_header_and_the_home_page(client, home_page):
    html = client.get("/").content.decode()
    join_url = reverse("membership:join")
    assert html.count(f'href="{join_url}"') >= 3  # two navigation lists and the home page block
    assert f'href="{reverse("account_login")}"' in html


def test_a_request_makes_an_inactive_account_and_sends_a_confirmation_link(
    client, home_page, mailoutbox
):
    response = ask_to_join(client)

    assert response.status_code == 302
    assert response.url == reverse("membership:join_sent")
    user = User.objects.get(email="rona.macleod@example.org")
    assert not user.is_active
    assert not user.groups.exists()
    join_request = user.join_request
    assert join_request.status == JoinRequest.Status.UNCONFIRMED
    assert join_request.privacy_notice_version == "2026-11"
    assert not EmailAddress.objects.get(user=user).verified
    purposes = set(ConsentRecord.objects.filter(user=user).values_list("purpose", flat=True))
    assert purposes == {"privacy_notice", "directory"}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["rona.macleod@example.org"]
    assert confirmation_link(mailoutbox[0])
    assert "_auth_user_id" not in client.session


def test_confirming_puts_the_request_in_the_queue_and_says_what_happens_next(
    client, home_page, mailoutbox
):
    coordinator = CoordinatorFactory()
    ask_to_join(client)
    link = confirmation_link(mailoutbox[0])

    assert "Confirm" in client.get(link).content.decode()
    response = client.post(link, follow=True)

    assert response.redirect_chain[-1][0] == reverse("membership:join_received")
    assert "What happens next" in response.content.decode()
    join_request = JoinRequest.objects.get(email="rona.macleod@example.org")
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.confirmed_at is not None
    assert "_auth_user_id" not in client.session
    digest = mailoutbox[-1]
    assert digest.to == [coordinator.email]
    assert "Rona Macleod" in digest.body
    assert "/admin/joinrequest/" in digest.body


def test_an_unconfirmed_request_is_not_in_the_queue(client, home_page):
    ask_to_join(client)
    assert not JoinRequest.objects.awaiting_decision().exists()


def test_confirmation_links_expire(client, home_page, mailoutbox, settings):
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
    four_days_ago = time.time() - 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=four_days_ago):
        ask_to_join(client)
    link = confirmation_link(mailoutbox[0])

    response = client.post(link)

    assert (
        response.status_code == 404
        or "has expired or has already been used" in response.content.decode()
    )
    assert JoinRequest.objects.get().status == JoinRequest.Status.UNCONFIRMED


def test_coordinators_get_at_most_one_digest_a_day(client, home_page, mailoutbox):
    CoordinatorFactory()
    for number in range(3):
        client.cookies.clear()
        ask_to_join(client, email=f"person{number}@example.net", full_name=f"Person {number}")
    links = [confirmation_link(message) for message in mailoutbox]
    for link in links:
        client.post(link)

    digests = [m for m in mailoutbox if "to join the network" in m.subject]
    assert len(digests) == 1
    assert JoinRequest.objects.filter(coordinators_notified_at__isnull=True).count() == 2


def test_digest_interval_is_a_setting(client, home_page, mailoutbox, settings):
    settings.MEMBERSHIP_DIGEST_INTERVAL_HOURS = 0
    CoordinatorFactory()
    for number in range(2):
        ask_to_join(client, email=f"person{number}@example.net")
    for link in [confirmation_link(message) for message in mailoutbox]:
        client.post(link)
    assert len([m for m in mailoutbox if "to join the network" in m.subject]) == 2


def test_approve_automatically_setting(client, home_page, mailoutbox):
    coordinator = CoordinatorFactory()
    site_settings = MembershipSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.approve_automatically is False
    site_settings.approve_automatically = True
    site_settings.save()
    ask_to_join(client)

    client.post(confirmation_link(mailoutbox[0]))

    user = User.objects.get(email="rona.macleod@example.org")
    assert user.is_active
    assert user.join_request.status == JoinRequest.Status.APPROVED
    subjects = {tuple(m.to): m.subject for m in mailoutbox[1:]}
    assert "Welcome" in subjects[("rona.macleod@example.org",)]
    assert "approved automatically" in subjects[(coordinator.email,)]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": "x" * 101}, "full_name", "at most 100 characters"),
        ({"email": "not-an-address"}, "email", "like name@example.org"),
        ({"agree_privacy": None}, "agree_privacy", "Agree to the privacy notice"),
        ({"hopes": "<script>alert(1)</script>"}, "hopes", "without HTML"),
        ({"role": "<b>boss</b>"}, "role", "without HTML"),
        ({"sector": "pirates"}, "sector", "Select a valid choice"),
        ({"council_area": ""}, "council_area", "Choose your council area"),
        ({"password2": "something-else-entirely"}, "password2", "do not match"),
        ({"password1": "abc", "password2": "abc"}, "password1", "too short"),
        ({"password1": " " * 12, "password2": " " * 12}, "password1", "only spaces"),
        ({"password1": "x7" * 101, "password2": "x7" * 101}, "password1", "at most 200"),
        ({"email": "rona@[192.0.2.1]"}, "email", "with a domain name"),
        ({"email": "rona@192.0.2.1"}, "email", "with a domain name"),
        ({"full_name": "Rona\nBcc: all@example.org"}, "full_name", "on one line"),
        ({"role": "Link\tworker"}, "role", "on one line"),
        ({"full_name": "   "}, "full_name", "Enter your full name"),
        ({"hopes": "Nul\x00byte"}, "hopes", "Null characters are not allowed"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(
    client, home_page, mailoutbox, overrides, field, message
):
    response = ask_to_join(client, **overrides)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="ds_error-summary"' in html
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not User.objects.exists()
    assert not JoinRequest.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert mailoutbox == []


def answer_for(client, email):
    response = ask_to_join(client, email=email)
    assert response.status_code == 302
    page = client.get(response.url)
    return response.url, page.content.decode()


@pytest.mark.parametrize(
    ("existing", "told"),
    [
        (
            lambda: JoinRequestFactory(user__email="rona.macleod@example.org"),
            "with the network's coordinators",
        ),
        (
            lambda: JoinRequestFactory(
                user__email="rona.macleod@example.org", status=JoinRequest.Status.DECLINED
            ),
            "was not able to accept an earlier request",
        ),
        (lambda: MemberFactory(email="rona.macleod@example.org"), "already has an account"),
    ],
)
def test_a_known_address_gets_the_same_page_and_its_owner_the_truth_by_email(
    client, home_page, mailoutbox, existing, told
):
    fresh_url, fresh_page = answer_for(client, "someone.new@example.org")
    mailoutbox.clear()
    existing()
    users_before = User.objects.count()

    known_url, known_page = answer_for(client, "Rona.MacLeod@Example.org")

    assert (known_url, known_page) == (fresh_url, fresh_page)
    assert User.objects.count() == users_before
    assert [message.to for message in mailoutbox] == [["rona.macleod@example.org"]]
    assert told in mailoutbox[0].body
    assert "\n" not in mailoutbox[0].subject


def test_an_unconfirmed_address_gets_its_confirmation_link_again(
    client, home_page, mailoutbox, monkeypatch
):
    ask_to_join(client, email="rona.macleod@example.org")
    # One confirmation mail an hour to an address (tests/test_accounts_abuse.py): an hour on.
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3601)
    ask_to_join(client, email="rona.macleod@example.org")
    assert User.objects.count() == 1
    assert len(mailoutbox) == 2
    assert confirmation_link(mailoutbox[1])


def test_the_honeypot_looks_like_success_and_keeps_nothing(client, home_page, mailoutbox):
    response = ask_to_join(client, website="http://spam.example.com")
    assert response.status_code == 302
    assert not User.objects.exists()
    assert mailoutbox == []


def test_join_requests_are_rate_limited(client, home_page, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for number in range(2):
        ask_to_join(client, email=f"person{number}@example.net")
    response = ask_to_join(client, email="person9@example.net")
    assert response.status_code == 429
    assert User.objects.count() == 2
