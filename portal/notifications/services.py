from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from portal.core.links import site_base_url

from .tasks import send_email


def email_enqueue(*, message: EmailMessage) -> None:
    """Send a composed e-mail from the task worker once the current transaction commits."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
        )
    payload = {
        "subject": str(message.subject),
        "body": str(message.body),
        "to": [str(address) for address in message.to],
        "from_email": message.from_email,
        "html": str(html),
        # Text attachments only (calendar files): the task queue stores its arguments as JSON.
        "attachments": [
            [filename, str(content), mimetype]
            for filename, content, mimetype in message.attachments
        ],
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))


def email_from_templates(
    *, template: str, to: list[str], context: dict, attachments: tuple = ()
) -> None:
    """Compose `<template>_subject.txt` and `<template>_message.txt` and send after commit.

    `attachments` holds (filename, text, mimetype) triples."""
    context = {"base_url": site_base_url(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    email_enqueue(message=message)
