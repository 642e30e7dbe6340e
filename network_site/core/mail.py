"""The one way the site sends mail.

Each message is three templates under templates/emails/: `<name>_subject.txt` (one line of plain
text), `<name>.txt` and `<name>.html` (which extends emails/base.html). `send_email` renders them at
once, while the objects they name are at hand, and queues one `deliver_email` task after the
current transaction commits: a rolled-back change sends nothing, and a slow or refusing mail server
never slows or loses a request. The task retries with growing delays (EMAIL_RETRY_DELAYS).
Mail that other packages send through Django goes the same way (QueuedEmailBackend).

Each message gets its Message-ID when it is queued, and the task records it (HandedOverEmail) as
soon as the mail server accepts the message: a task run again (its worker was killed before it
could mark the task done, and the task went back to the queue) does not send it twice. Log lines
name the task and the recipients' domains, never their addresses.
"""

import base64
import logging
import smtplib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .log_context import current_task_id
from .models import HandedOverEmail
from .operations import TASK_OUTCOME_KEY
from .site_address import site_domain, site_url

logger = logging.getLogger(__name__)

# The mailer that talks to the mail server; "default" is QueuedEmailBackend, which feeds the task.
DELIVERY_MAILER = "delivery"
# The template engine for plain text (subjects and text bodies): nothing is HTML-escaped there.
PLAIN_TEXT_ENGINE = "plain_text"

# An attachment as callers give it: (filename, content, mimetype).
Attachment = tuple[str, str | bytes, str]
# A message as the task stores it (JSON): subject, text, html, to, reply_to, attachments, ...
QueuedMessage = dict[str, Any]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def one_line(text: str) -> str:
    """A subject is one line: line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def base_context() -> dict[str, str]:
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": site_url(),
        "site_domain": site_domain(),
    }


def render_email(template: str, context: Mapping[str, Any] | None = None) -> RenderedEmail:
    context = {**base_context(), **(context or {})}
    return RenderedEmail(
        subject=one_line(
            render_to_string(f"emails/{template}_subject.txt", context, using=PLAIN_TEXT_ENGINE)
        ),
        text=render_to_string(f"emails/{template}.txt", context, using=PLAIN_TEXT_ENGINE),
        html=render_to_string(f"emails/{template}.html", context),
    )


def render_text_email(
    subject_template: str, text_template: str, context: Mapping[str, Any]
) -> RenderedEmail:
    """A message from another package's plain-text templates (allauth's), its text shown in the
    site's look for the HTML part."""
    context = {**base_context(), **context}
    text = render_to_string(text_template, context, using=PLAIN_TEXT_ENGINE).strip()
    return RenderedEmail(
        subject=one_line(render_to_string(subject_template, context, using=PLAIN_TEXT_ENGINE)),
        text=text,
        html=render_to_string("emails/text_in_site_look.html", {**context, "text": text}),
    )


def send_email(
    template: str,
    to: Iterable[str],
    context: Mapping[str, Any] | None = None,
    *,
    attachments: Iterable[Attachment] = (),
    reply_to: Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Renders the message `template` and sends it to the addresses `to` once the transaction
    commits. `attachments` are (filename, content, mimetype) triples; `headers` are extra mail
    headers (List-Unsubscribe on mailings)."""
    queue_email(
        render_email(template, context),
        to,
        attachments=attachments,
        reply_to=reply_to,
        headers=headers,
    )


def queue_email(
    message: RenderedEmail,
    to: Iterable[str],
    *,
    attachments: Iterable[Attachment] = (),
    reply_to: Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Queues an already rendered message (allauth renders its own; everything else calls
    `send_email`)."""
    enqueue_after_commit(
        {
            "subject": message.subject,
            "text": message.text,
            "html": message.html,
            "to": list(to),
            "reply_to": list(reply_to or []),
            "headers": dict(headers or {}),
            "attachments": [encode_attachment(*attachment) for attachment in attachments],
        }
    )


def enqueue_after_commit(message: QueuedMessage) -> None:
    message = {**message, "message_id": make_msgid(domain=site_domain())}
    transaction.on_commit(partial(deliver_email.enqueue, message=message))


def encode_attachment(filename: str, content: str | bytes, mimetype: str) -> dict[str, str]:
    # Task arguments are stored as JSON, so the bytes travel as base64.
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "content": base64.b64encode(content).decode("ascii"),
        "mimetype": mimetype,
    }


class QueuedEmailBackend(BaseEmailBackend):
    """The "default" mailer: what other packages send (Wagtail's moderation notices, Django's
    error reports) goes through the same task, after the commit, with the same retries. The task
    hands each message to the "delivery" mailer, the real mail server."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for email in email_messages:
            html = next(
                (content for content, mimetype in email.alternatives if mimetype == "text/html"),
                "",
            )
            enqueue_after_commit(
                {
                    "subject": one_line(str(email.subject)),
                    "text": str(email.body),
                    "html": str(html),
                    "from_email": email.from_email,
                    "to": list(email.to),
                    "cc": list(email.cc),
                    "bcc": list(email.bcc),
                    "reply_to": list(email.reply_to),
                    "headers": dict(email.extra_headers),
                    "attachments": [
                        encode_attachment(*attachment) for attachment in email.attachments
                    ],
                }
            )
        return len(email_messages)


def is_temporary(error: OSError) -> bool:
    """Whether a later attempt may succeed: timeouts, refused connections and 4xx replies do;
    a 5xx reply (an address that does not exist, a message refused for good) does not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return True


def build_message(message: QueuedMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        from_email=message.get("from_email") or settings.DEFAULT_FROM_EMAIL,
        to=message["to"],
        cc=message.get("cc") or None,
        bcc=message.get("bcc") or None,
        reply_to=message.get("reply_to") or None,
        headers={
            **(message.get("headers") or {}),
            **({"Message-ID": message["message_id"]} if message.get("message_id") else {}),
        }
        or None,
    )
    if message.get("html"):
        email.attach_alternative(message["html"], "text/html")
    for attachment in message.get("attachments", ()):
        email.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return email


def recipient_domains(message: QueuedMessage) -> str:
    """Where a message goes, for the log: the recipients' domains, not their addresses."""
    addresses = [*message["to"], *(message.get("cc") or ()), *(message.get("bcc") or ())]
    return ",".join(sorted({address.rpartition("@")[2].strip("> ") for address in addresses}))


@task()
def deliver_email(*, message: QueuedMessage, attempt: int = 1) -> dict[str, str] | None:
    """Sends one message through the "delivery" mailer, once: a message the mail server has
    already accepted is not sent again. When the server refuses for now or does not answer, queues
    itself again after the next of EMAIL_RETRY_DELAYS (and says so instead of SUCCESSFUL)."""
    message_id = message.get("message_id")
    described = f"email task {current_task_id.get()} to {recipient_domains(message)}"
    if message_id and HandedOverEmail.objects.filter(message_id=message_id).exists():
        logger.warning(
            "Not sending %s again: the mail server already accepted %s", described, message_id
        )
        return None
    try:
        build_message(message).send(using=DELIVERY_MAILER)
    except OSError as error:  # smtplib's errors, refused connections and timeouts are all OSErrors
        return retry_later(error, message, attempt, described)
    if message_id:
        try:
            HandedOverEmail.objects.create(message_id=message_id)
        except IntegrityError:
            logger.warning("%s: %s was recorded as sent by another run", described, message_id)
    logger.info("Sent %s on attempt %d", described, attempt)
    return None


def prune_handed_over_emails(now=None) -> int:
    """Forgets the Message-IDs of messages sent longer ago than EMAIL_HANDED_OVER_KEPT_DAYS, when
    no task can run them again. Returns how many were forgotten."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EMAIL_HANDED_OVER_KEPT_DAYS)
    deleted, _ = HandedOverEmail.objects.filter(handed_over_at__lt=cutoff).delete()
    return deleted


def retry_later(
    error: OSError, message: QueuedMessage, attempt: int, described: str
) -> dict[str, str]:
    delays = settings.EMAIL_RETRY_DELAYS
    backend = deliver_email.get_backend()
    if not is_temporary(error) or attempt > len(delays) or not backend.supports_defer:
        logger.error("Giving up on %s after attempt %d: %s", described, attempt, error)
        raise error
    delay = delays[attempt - 1]
    retry = deliver_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        message=message, attempt=attempt + 1
    )
    logger.warning(
        "Not sent: %s, attempt %d (%s); trying again in %d s as task %s",
        described,
        attempt,
        error,
        delay,
        retry.id,
    )
    return {TASK_OUTCOME_KEY: f"RETRY QUEUED as task {retry.id}"}
