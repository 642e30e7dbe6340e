"""Account pages in the site's words, and the right message when an emailed link was already used."""

import re

import pytest
from django.urls import reverse

from tests.factories.membership import MemberFactory
from tests.test_membership_join import ask_to_join, confirmation_link

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+/")


def heading(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def test_a_confirmation_link_used_twice_says_the_address_is_already_confirmed(
    client, home_page, mailoutbox
):
    ask_to_join(client)
    link = confirmation_link(mailoutbox[0])
    assert heading(client.get(link)) == "Confirm your email address"
    client.post(link)

    again = client.get(link)

    assert heading(again) == "Your email address is already confirmed"
    assert "This link has been used already" in again.content.decode()
    assert "<form" not in again.content.decode().split('id="main-content"')[1]


def test_a_broken_confirmation_link_says_what_to_do(client, home_page):
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert heading(response) == "This link has expired or has already been used"
    assert reverse("membership:join") in response.content.decode()


def test_a_password_reset_link_works_once(client, home_page, mailoutbox):
    member = MemberFactory(email="member@example.org", username="member@example.org")
    page = client.get(reverse("account_reset_password"))
    assert heading(page) == "Reset your password"
    assert "Send me a link" in page.content.decode()
    done = client.post(reverse("account_reset_password"), {"email": member.email}, follow=True)
    assert heading(done) == "Check your email"

    link = RESET_LINK.search(mailoutbox[-1].body).group(0)
    form_page = client.get(link, follow=True)
    assert heading(form_page) == "Choose a new password"
    new_password = "a-new-long-password-42"
    saved = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
        follow=True,
    )
    assert heading(saved) == "Your password is changed"

    again = client.get(link, follow=True)

    assert heading(again) == "This link has expired or has already been used"
    assert reverse("account_reset_password") in again.content.decode()


def test_a_password_reset_for_an_unknown_address_gives_nothing_away(client, home_page):
    response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True
    )
    assert heading(response) == "Check your email"
    assert "If that address belongs to an account" in response.content.decode()


def test_a_bad_email_for_a_reset_is_explained(client, home_page, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Error: Reset your password" in html
    assert "ds_error-summary" in html or "ds_question--error" in html
    assert mailoutbox == []
