from collections import defaultdict
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Profile, User
from portal.core.links import absolute_url, site_base_url

from .models import EmailOptOut, Notification
from .scopes import is_visible, visible_condition, visible_scopes
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
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        # Text attachments only (calendar files): the task queue stores its arguments as JSON.
        "attachments": [
            [filename, str(content), mimetype]
            for filename, content, mimetype in message.attachments
        ],
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))


def email_from_templates(
    *, template: str, to: list[str], context: dict, attachments: tuple = (), headers=None
) -> None:
    """Compose `<template>_subject.txt` and `<template>_message.txt` and send after commit.

    `attachments` holds (filename, text, mimetype) triples."""
    context = {"base_url": site_base_url(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    email_enqueue(message=message)


# In-app notifications and their e-mails -------------------------------------------------

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(*, user, kind: str) -> str:
    return signing.dumps({"user": user.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_target(token: str):
    """(user id, kind) a token was made for, or None when it is forged or garbled. Tokens do
    not expire: an old e-mail's link must keep working."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["user"]), str(data["kind"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def opt_out(*, user, kind: str) -> None:
    EmailOptOut.objects.get_or_create(user=user, kind=kind)


def opt_in(*, user, kind: str) -> None:
    EmailOptOut.objects.filter(user=user, kind=kind).delete()


def _frequencies(user_ids) -> dict[int, str]:
    frequencies = dict(
        Profile.objects.filter(user_id__in=user_ids).values_list("user_id", "email_frequency")
    )
    return {pk: frequencies.get(pk, Profile.EmailFrequency.DAILY) for pk in user_ids}


def _opted_out(user_ids) -> set[tuple[int, str]]:
    return set(EmailOptOut.objects.filter(user_id__in=user_ids).values_list("user_id", "kind"))


def _email_with_unsubscribe(*, template, user, kind, context) -> None:
    unsubscribe = absolute_url(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])
    )
    email_from_templates(
        template=template,
        to=[user.email],
        context={"unsubscribe_url": unsubscribe, **context},
        # RFC 8058: mail clients offer their own one-click button and POST to it.
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def notify(
    *,
    recipients,
    kind: str,
    title: str,
    url: str,
    excerpt: str = "",
    actor=None,
    scope: tuple[str, int] | None = None,
) -> list[Notification]:
    """Record a notification for each recipient; e-mail it now to those who want e-mails
    straight away, and leave it for the digest of those who want daily or weekly ones.
    Callers pass only recipients allowed to see `scope` now."""
    recipients = list({user.pk: user for user in recipients}.values())
    if not recipients:
        return []
    ids = [user.pk for user in recipients]
    frequencies = _frequencies(ids)
    opted_out = _opted_out(ids)
    now = timezone.now()
    scope_type, scope_id = scope or ("", None)
    created = []
    for user in recipients:
        frequency = frequencies[user.pk]
        wants_email = frequency != Profile.EmailFrequency.NEVER and (user.pk, kind) not in opted_out
        immediate = wants_email and frequency == Profile.EmailFrequency.IMMEDIATELY
        created.append(
            Notification(
                recipient=user,
                kind=kind,
                actor=actor,
                title=title[:300],
                excerpt=excerpt[:500],
                url=url,
                scope_type=scope_type,
                scope_id=scope_id,
                emailed_at=now if immediate else None,
                email_pending=wants_email and not immediate,
            )
        )
        if immediate:
            _email_with_unsubscribe(
                template="notifications/email/notification",
                user=user,
                kind=kind,
                context={
                    "title": title,
                    "excerpt": excerpt,
                    "url": absolute_url(url),
                    "recipient": user,
                },
            )
    return Notification.objects.bulk_create(created)


def unread_count(user) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if not unread.exists():
        return 0  # most pages, for most people: no need to ask what they may see
    scopes = visible_scopes([user])[user.pk]
    return unread.filter(visible_condition(scopes)).count()


def mark_read(*, user, notification_ids=None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


DIGEST_PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def _people_on(frequency: str):
    chose = Q(profile__email_frequency=frequency)
    if frequency == Profile.EmailFrequency.DAILY:
        # People without a profile row have the default, which is the daily digest.
        chose |= Q(profile__isnull=True)
    return User.objects.filter(chose)


def digests_build(*, frequency: str, now=None) -> list[tuple[object, list[Notification]]]:
    """(recipient, notifications) for every person on `frequency` with notifications waiting
    from the period and still visible to them, oldest first."""
    now = now or timezone.now()
    waiting_ids = Notification.objects.filter(email_pending=True).values("recipient_id")
    recipients = list(
        _people_on(frequency)
        .filter(is_active=True, pk__in=waiting_ids)
        .exclude(email_opt_outs__kind=EmailOptOut.DIGEST)
        .order_by("pk")
    )
    if not recipients:
        return []
    scopes = visible_scopes(recipients)
    waiting = defaultdict(list)
    for notification in Notification.objects.filter(
        recipient__in=recipients,
        email_pending=True,
        created_at__gt=now - DIGEST_PERIODS[frequency],
        created_at__lte=now,
    ).order_by("created_at", "pk"):
        if is_visible(notification, scopes[notification.recipient_id]):
            waiting[notification.recipient_id].append(notification)
    return [(user, waiting[user.pk]) for user in recipients if waiting[user.pk]]


def digests_send(*, frequency: str, now=None) -> int:
    """E-mail each digest, then take everything waiting for people on `frequency` off the
    queue: what was sent, and what is too old or no longer visible to them."""
    now = now or timezone.now()
    digests = digests_build(frequency=frequency, now=now)
    centre_url = absolute_url(reverse("notifications:centre"))
    for user, notifications in digests:
        _email_with_unsubscribe(
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
                "centre_url": centre_url,
            },
        )
    Notification.objects.filter(
        recipient__in=_people_on(frequency), email_pending=True, created_at__lte=now
    ).update(email_pending=False, emailed_at=now)
    return len(digests)
