"""Every message the account library can send or show (mail, page, flash message) reads as the
site's own: none of allauth's stock English, no Title Case labels, no bare host name.

allauth's stock phrases are read from its own message catalogue, so a new allauth string that
reaches a visitor is caught without this test naming it."""

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.template.loader import get_template, render_to_string
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.factories.membership import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

ALLAUTH = Path(allauth.__file__).parent
# allauth's apps whose templates hold mail or flash messages (those the site installs are checked).
ALLAUTH_APPS = ["account", "mfa", "socialaccount", "usersessions"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{\w*\}")
TITLE_CASE_WORD = re.compile(r"^[A-Z][a-z]+$")
# Plain phrases the site chose for itself that happen to begin one of allauth's sentences.
SITE_ALSO_SAYS = {"Enter your password"}
SITE_HOST = "testserver"  # settings.SITE_URL in tests is http://testserver


def catalogue_strings():
    text = (ALLAUTH / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    for entry in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.MULTILINE):
        yield "".join(re.findall(r'"(.*)"', entry)).replace('\\"', '"').replace("\\n", " ")


def stock_phrases():
    """allauth's strings, cut at their placeholders: each piece of three words or more, and each
    Title Case label of two words or more ("Remember Me")."""
    phrases = set()
    for string in catalogue_strings():
        for piece in PLACEHOLDER.split(html.unescape(string)):
            words = piece.split()
            phrase = " ".join(words).strip(" .,:;!?()")
            if len(phrase.split()) >= 3 or (
                len(words) >= 2 and all(TITLE_CASE_WORD.match(word) for word in phrase.split())
            ):
                phrases.add(phrase)
    return phrases - SITE_ALSO_SAYS


STOCK = stock_phrases()


def text_of(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def stock_in(text):
    text = " ".join(text.split())
    return sorted(phrase for phrase in STOCK if phrase in text)


def bare_host_in(text):
    """The site's host name where it is not part of a link."""
    return [match.start() for match in re.finditer(rf"(?<!://){SITE_HOST}", text)]


def installed(app):
    return f"allauth.{app}" in settings.INSTALLED_APPS


def allauth_templates(kind, suffix):
    for app in ALLAUTH_APPS:
        folder = ALLAUTH / "templates" / app / kind
        if installed(app) and folder.is_dir():
            yield from sorted(f"{app}/{kind}/{path.name}" for path in folder.glob(f"*{suffix}"))


def test_the_catalogue_is_read():
    # A change in allauth's layout must not make this module check nothing.
    assert {"Remember Me", "New Password", "Thank you for using"} <= STOCK


@pytest.fixture
def member(home_page):
    return MemberFactory(first_name="Fiona", email="fiona@example.org")


def every_mail_context(member):
    """Everything any of allauth's mail templates asks for."""
    return {
        "user": member,
        "email": member.email,
        "username": member.username,
        "activate_url": "http://testserver/accounts/confirm-email/key/",
        "password_reset_url": "http://testserver/accounts/password/reset/key/1-key/",
        "signup_url": "http://testserver/accounts/signup/",
        "code": "ABC123",
        "key": "key",
        "from_email": "old@example.org",
        "to_email": member.email,
        "deleted_email": "old@example.org",
        "ip": "192.0.2.10",
        "user_agent": "Firefox",
        "timestamp": datetime(2026, 12, 8, 9, 30, tzinfo=UTC),
        "provider": "a provider",
        "account": "an account",
    }


@pytest.mark.parametrize(
    "subject_template", list(allauth_templates("email", "_subject.txt")), ids=lambda name: name
)
def test_every_allauth_mail_is_in_the_sites_words(subject_template, member, rf):
    prefix = subject_template.removesuffix("_subject.txt")
    adapter = get_adapter(rf.get("/"))
    adapter.send_mail(prefix, member.email, every_mail_context(member))

    [message] = mail.outbox
    for part in (message.subject, message.body, text_of(message.alternatives[0][0])):
        assert stock_in(part) == [], prefix
    # The HTML part names the host only as a link's text.
    assert bare_host_in(message.subject + message.body) == [], prefix
    # A subject is a sentence, not Title Case.
    words = message.subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX).split()
    assert not all(TITLE_CASE_WORD.match(word) for word in words[:2]), message.subject
    assert message.body.rstrip().endswith("http://testserver/"), prefix


@pytest.mark.parametrize(
    "template", list(allauth_templates("messages", ".txt")), ids=lambda name: name
)
def test_every_allauth_flash_message_is_in_the_sites_words(template, member):
    assert not get_template(template).origin.name.startswith(str(ALLAUTH)), template
    text = render_to_string(template, {"user": member, "email": member.email, "phone": "0"})
    assert text.strip()
    assert stock_in(text) == [], template


def test_the_password_reset_mail_is_the_sites_own(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})

    [message] = mail.outbox
    assert message.subject == "Personal Outcomes Network: Choose a new password"
    assert re.search(r"http://testserver/accounts/password/reset/key/\S+/", message.body)
    assert stock_in(message.body) == [] and bare_host_in(message.body) == []
    assert message.body.startswith("Hello Fiona,")


def test_a_reset_for_an_unknown_address_points_to_the_join_form(client, home_page):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    [message] = mail.outbox
    assert "http://testserver/join/" in message.body
    assert stock_in(message.body) == [] and bare_host_in(message.body) == []


def flash_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_signing_in_and_out_flash_the_sites_words(client, member):
    signed_in = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    signed_out = client.post(reverse("account_logout"))

    said = flash_messages(signed_in) + flash_messages(signed_out)
    assert said and all(stock_in(text) == [] for text in said), said


def simple_account_urls():
    """Every allauth page address that takes no argument."""
    resolver = get_resolver()
    names = set()

    def walk(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            elif isinstance(entry, URLPattern) and (entry.name or "").startswith("account_"):
                names.add(entry.name)

    walk(resolver.url_patterns)
    urls = []
    for name in sorted(names):
        try:
            urls.append(reverse(name))
        except NoReverseMatch:  # it needs an argument (a key in a link)
            continue
    return urls


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_every_account_page_is_in_the_sites_words(client, member, signed_in):
    if signed_in:
        client.force_login(member)
    checked = 0
    for url in simple_account_urls():
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        assert stock_in(text_of(page)) == [], url
        # Labels and hints too: allauth puts its stock text in placeholders.
        assert stock_in(" ".join(re.findall(r'(?:placeholder|aria-label)="([^"]*)"', page))) == []
        checked += 1
    assert checked >= 5


def test_a_failed_sign_in_says_so_in_the_sites_words(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    page = text_of(response.content.decode())
    assert "The email address or the password is not right" in page
    assert stock_in(page) == []
