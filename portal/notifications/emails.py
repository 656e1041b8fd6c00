"""E-mails composed from templates; notification e-mails and digests are composed in the
task worker from what is stored, at the moment they are sent."""

import re

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.links import absolute_url, site_base_url

from .models import EmailOptOut, Notification

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
SUBJECT_WHITESPACE = re.compile(r"[ \t\r\n]+")

# Kinds a person sets up themselves: their e-mails say where to change what they are about.
MANAGED_AT = {
    Notification.Kind.ALERTS: (
        "hub_alerts:alert_list",
        _("Change or delete your saved searches:"),
    ),
}


def _managing_links(kinds) -> list[dict]:
    return [
        {"label": MANAGED_AT[kind][1], "url": absolute_url(reverse(MANAGED_AT[kind][0]))}
        for kind in dict.fromkeys(kinds)
        if kind in MANAGED_AT
    ]


def unsubscribe_token(*, user, kind: str) -> str:
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def one_line(text: str) -> str:
    """A subject on one line. Only line breaks and ASCII spaces fold: the no-break spaces a
    language's typography puts before a colon (French) stay."""
    return SUBJECT_WHITESPACE.sub(" ", text).strip(" ")


def message_from_templates(
    *, template: str, to: list[str], context: dict, attachments: tuple = (), headers=None
) -> EmailMultiAlternatives:
    """`<template>_subject.txt` and `<template>_message.txt` rendered with `context`.

    `attachments` holds (filename, text, mimetype) triples."""
    context = {"base_url": site_base_url(), **context}
    subject = one_line(render_to_string(f"{template}_subject.txt", context))
    body = render_to_string(f"{template}_message.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def _with_unsubscribe(*, template, user, kind, context) -> EmailMultiAlternatives:
    unsubscribe = absolute_url(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])
    )
    return message_from_templates(
        template=template,
        to=[user.email],
        context={"unsubscribe_url": unsubscribe, **context},
        # RFC 8058: mail clients offer their own one-click button and POST to it.
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def notification_message(notification) -> EmailMultiAlternatives:
    """`notification` comes with its recipient and actor."""
    return _with_unsubscribe(
        template="notifications/email/notification",
        user=notification.recipient,
        kind=notification.kind,
        context={
            "title": notification.title,
            "excerpt": notification.excerpt,
            "url": absolute_url(notification.url),
            "recipient": notification.recipient,
            "managing_links": _managing_links([notification.kind]),
        },
    )


def digest_message(*, user, frequency: str, notifications) -> EmailMultiAlternatives:
    return _with_unsubscribe(
        template="notifications/email/digest",
        user=user,
        kind=EmailOptOut.DIGEST,
        context={
            "recipient": user,
            "frequency": frequency,
            "items": [
                {
                    "title": item.title,
                    "excerpt": item.excerpt,
                    "url": absolute_url(item.url),
                    "created_at": item.created_at,
                }
                for item in notifications
            ],
            "centre_url": absolute_url(reverse("notifications:centre")),
            "managing_links": _managing_links(item.kind for item in notifications),
        },
    )
