"""Development mail: each message one readable .eml file, its links whole."""

import re
from email import message_from_bytes, policy
from io import StringIO

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command

from network_site.core.eml_backend import EmlFileBackend

LONG_LINK = "http://127.0.0.1:8000/accounts/confirm-email/" + "MjA" * 40 + "/"


def test_each_message_is_one_eml_file_with_its_links_unbroken(tmp_path):
    backend = EmlFileBackend(file_path=tmp_path / "sent-mail")
    messages = []
    for subject in ["Confirm your email address", "Welcome to the network"]:
        message = EmailMultiAlternatives(
            subject, f"Open this link:\n{LONG_LINK}\n", to=["newcomer@example.org"]
        )
        message.attach_alternative(f'<p><a href="{LONG_LINK}">Confirm</a></p>', "text/html")
        messages.append(message)

    assert backend.send_messages(messages) == 2

    files = sorted((tmp_path / "sent-mail").glob("*.eml"))
    assert len(files) == 2
    raw = files[0].read_bytes()
    # A person opening the file in a text editor can copy the link as it is.
    assert LONG_LINK.encode() in raw
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["To"] == "newcomer@example.org"
    assert {part.get_content_type() for part in parsed.walk()} >= {"text/plain", "text/html"}
    subjects = {
        message_from_bytes(path.read_bytes(), policy=policy.default)["Subject"] for path in files
    }
    assert subjects == {"Confirm your email address", "Welcome to the network"}


@pytest.mark.django_db  # each staff account's second step is read from the database
def test_make_run_ends_with_the_demo_accounts_and_the_mail_folder(settings):
    settings.MAILERS = {
        **settings.MAILERS,
        "delivery": {
            "BACKEND": "network_site.core.eml_backend.EmlFileBackend",
            "OPTIONS": {"file_path": "sent-mail"},
        },
    }
    output = StringIO()
    call_command("show_demo_accounts", stdout=output)

    printed = output.getvalue()
    assert re.search(rf"admin@example\.org +password: {settings.DEMO_ADMIN_PASSWORD}", printed)
    assert "coordinator@example.org" in printed
    assert "written to sent-mail/" in printed
