"""The one way to send mail: three templates, one task, after the commit, retried when refused."""

import re
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from network_site.core.mail import deliver_email, render_email, send_email
from stories.models import StoryPage
from tests.factories.membership import (
    join_form_data,
)
from tests.factories.stories import make_member, make_story_index

REPOSITORY = Path(settings.BASE_DIR)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def free_port():
    """A local port with nothing listening on it: connecting there is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def story(home_page):
    make_story_index(home_page)
    return StoryPage(title="Tea & toast\nat the day centre", draft_title="Tea & toast")


def test_subject_is_one_plain_line_and_html_is_escaped(story):
    teller = make_member("teller@example.org", first_name="Morag")

    message = render_email(
        "stories/story_approved",
        {"story": story, "teller": teller, "story_url": "http://testserver/stories/tea/"},
    )

    assert message.subject == "Your story “Tea & toast at the day centre” is published"
    assert "&amp;" not in message.text and "Tea & toast" in message.text
    assert "Tea &amp; toast" in message.html
    assert 'href="http://testserver/stories/tea/"' in message.html
    assert message.html.lstrip().startswith("<!doctype html>")


@pytest.mark.django_db
def test_mail_waits_for_the_commit_and_is_not_sent_when_rolled_back(
    story, django_capture_on_commit_callbacks
):
    teller = make_member("teller@example.org")
    context = {"story": story, "teller": teller, "story_url": "http://testserver/stories/tea/"}

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        send_email("stories/story_approved", [teller.email], context)
        assert mail.outbox == []
    assert len(callbacks) == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        send_email("stories/story_approved", [teller.email], context)
        raise RuntimeError("the change fails")
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_email("stories/story_approved", [teller.email], context, reply_to=["mod@example.org"])
    (sent,) = mail.outbox
    assert sent.to == [teller.email] and sent.reply_to == ["mod@example.org"]
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    (html, mimetype) = sent.alternatives[0]
    assert mimetype == "text/html" and "Tea &amp; toast" in html


@pytest.mark.django_db
def test_attachments_travel_through_the_task(story):
    teller = make_member("teller@example.org")
    send_email(
        "stories/story_approved",
        [teller.email],
        {"story": story, "teller": teller, "story_url": "http://testserver/"},
        attachments=[("meeting.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    (sent,) = mail.outbox
    (filename, content, mimetype) = sent.attachments[0]
    assert filename == "meeting.ics" and "BEGIN:VCALENDAR" in str(content)
    assert mimetype.startswith("text/calendar")


def refused_message():
    return {
        "subject": "Hello",
        "text": "Hello",
        "html": "<p>Hello</p>",
        "to": ["someone@example.org"],
    }


@pytest.mark.django_db
def test_a_refused_connection_is_tried_again_later_with_growing_delays(settings):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = {
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    settings.EMAIL_RETRY_DELAYS = [60, 600]

    deliver_email.call(message=refused_message())
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    first_delay = (retry.run_after - retry.enqueued_at).total_seconds()
    assert 55 <= first_delay <= 65

    DBTaskResult.objects.all().delete()
    deliver_email.call(message=refused_message(), attempt=2)
    retry = DBTaskResult.objects.get()
    assert 595 <= (retry.run_after - retry.enqueued_at).total_seconds() <= 605

    # After the last delay it gives up, and the worker records the failure.
    DBTaskResult.objects.all().delete()
    with pytest.raises(ConnectionRefusedError):
        deliver_email.call(message=refused_message(), attempt=3)
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_the_database_worker_runs_the_queued_mail(settings):
    settings.TASKS = DATABASE_TASKS
    send_email(
        "stories/story_approved",
        ["teller@example.org"],
        {
            "story": {"title": "Tea & toast"},
            "teller": {"first_name": "Morag", "get_username": "morag"},
            "story_url": "http://testserver/",
        },
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    # The worker's own loop needs transactions of its own (tests/test_worker_process.py runs
    # it as a process); here it runs the one task it would claim.
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
    )
    queued = DBTaskResult.objects.ready().get()
    queued.claim(worker.worker_id)
    worker.run_task(queued)

    assert [message.to for message in mail.outbox] == [["teller@example.org"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_no_app_sends_mail_its_own_way():
    """Only core/mail.py builds and sends messages; apps call `send_email` with a template."""
    sources = [
        path
        for folder in (
            "network_site",
            "stories",
            "events",
            "resources",
            "mapping",
            "plain_language",
            "easy_read",
        )
        for path in (REPOSITORY / folder).rglob("*.py")
        if path != REPOSITORY / "network_site" / "core" / "mail.py"
    ]
    assert sources
    sending = re.compile(
        r"(?<!def )\b(send_mail|send_mass_mail|EmailMessage|EmailMultiAlternatives)\("
    )
    offenders = [
        str(path.relative_to(REPOSITORY)) for path in sources if sending.search(path.read_text())
    ]
    assert offenders == []


def test_every_email_has_its_three_templates():
    folder = REPOSITORY / "templates" / "emails"
    bodies = {path.with_suffix("") for path in folder.rglob("*.txt") if "_subject" not in path.name}
    assert bodies
    for body in bodies:
        assert body.with_suffix(".html").exists(), f"{body}.html is missing"
        assert Path(f"{body}_subject.txt").exists(), f"{body}_subject.txt is missing"


@pytest.mark.django_db
def test_allauths_emails_go_the_same_way_with_the_sites_name_and_address(
    client, home_page, settings
):
    settings.SITE_URL = "https://network.example.org"
    client.post(reverse("membership:join"), join_form_data(email="newcomer@example.org"))

    (confirmation,) = mail.outbox
    assert confirmation.to == ["newcomer@example.org"]
    assert (
        confirmation.subject
        == "Personal Outcomes Network: Confirm your email address to ask to join"
    )
    assert "Personal Outcomes Network" in confirmation.body
    assert "https://network.example.org/accounts/confirm-email/" in confirmation.body
    assert "testserver" not in confirmation.body
    (html, mimetype) = confirmation.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://network.example.org/accounts/confirm-email/' in html


@pytest.mark.django_db
def test_mail_other_packages_send_goes_through_the_same_task(settings):
    """Wagtail's moderation notices and Django's error reports use Django's mail API: the
    "default" mailer queues them for the same task (tests make every mailer locmem, so this one
    is set back here)."""
    settings.MAILERS = {
        "default": {"BACKEND": "network_site.core.mail.QueuedEmailBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    settings.TASKS = DATABASE_TASKS
    message = EmailMultiAlternatives(
        "A page was\nsubmitted", "Text", to=["moderator@example.org"], cc=["copy@example.org"]
    )
    message.attach_alternative("<p>Text</p>", "text/html")

    assert message.send() == 1

    queued = DBTaskResult.objects.get()
    sent = queued.args_kwargs["kwargs"]["message"]
    assert sent["subject"] == "A page was submitted"
    assert sent["to"] == ["moderator@example.org"] and sent["cc"] == ["copy@example.org"]
    assert mail.outbox == []
    deliver_email.call(message=sent)
    (delivered,) = mail.outbox
    assert delivered.alternatives[0][0] == "<p>Text</p>"
