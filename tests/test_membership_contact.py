"""Members write to each other through the directory: by email, neither address shown, rate
limited, and the recipient can turn it off."""

import pytest
from django.core import mail
from django.urls import reverse

from network_site.membership.models import MemberProfile
from tests.factories.membership import (
    MemberFactory,
    MemberProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def listed(name, email, **fields):
    return MemberProfileFactory(
        user=MemberFactory(first_name=name, email=email, username=email), **fields
    )


@pytest.fixture
def sender(client, home_page):
    profile = listed("Sam Sender", "sam@example.org")
    client.force_login(profile.user)
    return profile


@pytest.fixture
def recipient(home_page):
    return listed("Rita Recipient", "rita@example.org")


def contact_url(profile):
    return reverse("membership:contact", args=[profile.pk])


def test_a_member_sends_a_message_without_either_address_shown(client, sender, recipient):
    directory = client.get(reverse("membership:directory")).content.decode()
    assert contact_url(recipient) in directory
    assert contact_url(sender) not in directory  # never yourself
    form_page = client.get(contact_url(recipient)).content.decode()
    assert "rita@example.org" not in form_page

    response = client.post(contact_url(recipient), {"message": "Could we talk about carers?"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["rita@example.org"]
    assert "sam@example.org" not in message.body and "sam@example.org" not in str(message.reply_to)
    assert "Sam Sender" in message.subject
    assert "Could we talk about carers?" in message.body
    assert f"http://testserver{contact_url(sender)}" in message.body
    assert "http://testserver/account/" in message.body
    assert "Could we talk about carers?" in message.alternatives[0][0]


def test_a_sender_who_hides_their_name_stays_anonymous(client, sender, recipient):
    MemberProfile.objects.filter(pk=sender.pk).update(show_name=False)
    client.post(contact_url(recipient), {"message": "Hello"})
    assert "Sam Sender" not in mail.outbox[0].body
    assert "A network member" in mail.outbox[0].subject


def test_a_sender_who_turned_contact_off_cannot_be_answered(client, sender, recipient):
    MemberProfile.objects.filter(pk=sender.pk).update(accepts_contact=False)
    client.post(contact_url(recipient), {"message": "Hello"})
    assert "cannot answer through the site" in mail.outbox[0].body
    assert contact_url(sender) not in mail.outbox[0].body


def test_a_recipient_who_turned_contact_off_cannot_be_written_to(client, sender, recipient):
    MemberProfile.objects.filter(pk=recipient.pk).update(accepts_contact=False)
    assert (
        contact_url(recipient) not in client.get(reverse("membership:directory")).content.decode()
    )
    assert client.get(contact_url(recipient)).status_code == 404
    assert client.post(contact_url(recipient), {"message": "Hello"}).status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize(
    "who",
    ["unlisted", "deactivated", "self", "missing"],
)
def test_nobody_outside_the_directory_can_be_written_to(client, sender, who):
    if who == "unlisted":
        target = listed("Ursula", "u@example.org", listed_in_directory=False).pk
    elif who == "deactivated":
        gone = listed("Gone", "g@example.org")
        gone.user.is_active = False
        gone.user.save()
        target = gone.pk
    elif who == "self":
        target = sender.pk
    else:
        target = 999999
    url = reverse("membership:contact", args=[target])
    assert client.post(url, {"message": "Hello"}).status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("", "Write your message"),
        ("   ", "Write your message"),
        ("x" * 2001, "at most 2000 characters"),
        ("<a href='http://spam'>win</a>", "without HTML"),
    ],
)
def test_bad_messages_are_refused_and_nothing_is_sent(client, sender, recipient, message, error):
    response = client.post(contact_url(recipient), {"message": message})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert mail.outbox == []


def test_messages_are_rate_limited(client, sender, recipient):
    for _ in range(2):
        assert client.post(contact_url(recipient), {"message": "Hello"}).status_code == 302
    response = client.post(contact_url(recipient), {"message": "Hello again"})
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert len(mail.outbox) == 2


def test_visitors_and_non_members_cannot_write(client, recipient):
    response = client.post(contact_url(recipient), {"message": "Hello"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.post(contact_url(recipient), {"message": "Hello"}).status_code == 403
    assert mail.outbox == []


def test_the_account_page_turns_contact_off(client, sender):
    client.post(
        reverse("membership:account"),
        {"full_name": "Sam Sender", "digest_frequency": "none", "listed_in_directory": "on"},
    )
    assert not MemberProfile.objects.get(pk=sender.pk).accepts_contact
