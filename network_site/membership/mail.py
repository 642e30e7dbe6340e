"""The membership emails: each rendered from templates/emails/membership/ and queued as a task."""

from django.template.loader import render_to_string

from .tasks import send_email


def send_templated(template_name, to, context, reply_to=None):
    """Renders `<template_name>_subject.txt` and `<template_name>.txt` and queues the message."""
    subject = render_to_string(f"emails/membership/{template_name}_subject.txt", context)
    body = render_to_string(f"emails/membership/{template_name}.txt", context)
    send_email.enqueue(
        subject=" ".join(subject.split()),
        body=body,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
    )
