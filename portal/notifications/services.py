from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from portal.accounts import roles
from portal.accounts.models import Profile, User
from portal.core.versions import Version, content_version, person_changed, person_version

from .emails import UNSUBSCRIBE_SALT, message_from_templates, unsubscribe_token
from .models import EmailOptOut, Notification
from .scopes import is_visible, visible_scopes
from .sealing import seal
from .tasks import send_digest_email, send_email, send_notification_email

__all__ = ["UNSUBSCRIBE_SALT", "unsubscribe_token"]


def email_enqueue(*, message: EmailMessage) -> None:
    """Send a composed e-mail from the task worker once the current transaction commits.
    It waits in the queue sealed: the queue keeps no address, text or link in the clear."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
        )
    sealed = seal(
        {
            "subject": str(message.subject),
            "body": str(message.body),
            "to": [str(address) for address in message.to],
            "from_email": message.from_email,
            "html": str(html),
            "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
            # Text attachments only (calendar files).
            "attachments": [
                [filename, str(content), mimetype]
                for filename, content, mimetype in message.attachments
            ],
        }
    )
    transaction.on_commit(lambda: send_email.enqueue(sealed=sealed))


def email_from_templates(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str,
    attachments: tuple = (),
    headers=None,
) -> None:
    """Compose `<template>_subject.txt` and `<template>_message.txt` in `language` (the
    recipient's: `language_of(user)`) and send after commit. Links in `context` are built
    under `translation.override(language)` by the caller.

    `attachments` holds (filename, text, mimetype) triples."""
    email_enqueue(
        message=message_from_templates(
            template=template,
            to=to,
            context=context,
            language=language,
            attachments=attachments,
            headers=headers,
        )
    )


# In-app notifications and their e-mails -------------------------------------------------


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


@dataclass(frozen=True)
class Notice:
    """One notification for `notify_each`: what happened, for whom."""

    recipient: object
    verb: str
    target: str
    url: str
    detail: str = ""
    excerpt: str = ""


def notify(
    *,
    recipients,
    kind: str,
    verb: str,
    target: str,
    url: str,
    detail: str = "",
    excerpt: str = "",
    actor=None,
    scope: tuple[str, int] | None = None,
) -> list[Notification]:
    """Record a notification for each recipient; e-mail it now to those who want e-mails
    straight away, and leave it for the digest of those who want daily or weekly ones.
    Callers pass only recipients allowed to see `scope` now. Nobody's name goes into what is
    stored: the sentence is made from `verb`, `target` and the actor's current name."""
    recipients = list({user.pk: user for user in recipients}.values())
    notices = [
        Notice(recipient=user, verb=verb, target=target, url=url, detail=detail, excerpt=excerpt)
        for user in recipients
    ]
    return notify_each(kind=kind, notices=notices, actor=actor, scope=scope)


def notify_each(
    *, kind: str, notices: list[Notice], actor=None, scope: tuple[str, int] | None = None
) -> list[Notification]:
    """`notify` for notifications of one kind that differ from one recipient to the next
    (what each person's saved searches found): everyone's e-mail preferences are read once
    and every notification is inserted at once, however many there are."""
    if not notices:
        return []
    ids = list({notice.recipient.pk for notice in notices})
    frequencies = _frequencies(ids)
    opted_out = _opted_out(ids)
    now = timezone.now()
    scope_type, scope_id = scope or ("", None)
    created, immediate_ones = [], []
    for notice in notices:
        user = notice.recipient
        frequency = frequencies[user.pk]
        wants_email = frequency != Profile.EmailFrequency.NEVER and (user.pk, kind) not in opted_out
        immediate = wants_email and frequency == Profile.EmailFrequency.IMMEDIATELY
        notification = Notification(
            recipient=user,
            kind=kind,
            actor=actor,
            had_actor=actor is not None,
            verb=notice.verb,
            target=notice.target[:300],
            detail=notice.detail[:500],
            excerpt=notice.excerpt[:500],
            url=notice.url,
            scope_type=scope_type,
            scope_id=scope_id,
            emailed_at=now if immediate else None,
            email_pending=wants_email and not immediate,
        )
        created.append(notification)
        if immediate:
            immediate_ones.append(notification)
    created = Notification.objects.bulk_create(created)
    unread_changed(users=[notice.recipient for notice in notices])
    for notification in immediate_ones:
        transaction.on_commit(
            lambda pk=notification.pk: send_notification_email.enqueue(notification_id=pk)
        )
    return created


# A person's unread notifications counted by scope, kept between requests: the header of every
# page shows the count. Whatever creates, reads or deletes notifications calls `unread_changed`.
UNREAD_SECONDS = 24 * 60 * 60


def _unread_key(user) -> str:
    return _unread_key_of(user.pk)


def _unread_key_of(user_id) -> str:
    # By id alone, so that it is fetched with the person's row: deleting an account forgets
    # its count (apps.py), so an id given again never finds the old one.
    return f"unread-notifications:{user_id}"


roles.fetched_with_person(_unread_key_of)


def _unread_by_scope(user) -> list[tuple[str, int | None, int]]:
    key = _unread_key(user)
    counts = roles.found_with_person(key)
    if counts is None:
        counts = cache.get(key)
    if counts is None:
        counts = list(
            Notification.objects.filter(recipient=user, read_at__isnull=True)
            .values_list("scope_type", "scope_id")
            .annotate(count=Count("pk"))
            .order_by()
        )
        cache.set(key, counts, UNREAD_SECONDS)
    return counts


def unread_count(user) -> int:
    """How many unread notifications `user` may still see. What they may see is asked afresh
    (it changes with memberships), and only when some unread notification has a scope."""
    counts = _unread_by_scope(user)
    unscoped = sum(count for scope_type, _id, count in counts if not scope_type)
    if all(not scope_type for scope_type, _id, _count in counts):
        return unscoped
    scopes = roles.kept_with_identity(
        user, _visible_scopes_name(), lambda: visible_scopes([user])[user.pk]
    )
    return unscoped + sum(
        count
        for scope_type, scope_id, count in counts
        if scope_type and scope_id in scopes.get(scope_type, ())
    )


def _visible_scopes_name() -> str:
    # What a person may see changes with their identity (memberships included) or with the
    # content (a space's rules), the two versions this is kept under.
    return f"visible-notification-scopes:{content_version()}"


# The header's count asks it on every page of someone with an unread notification in a scope.
roles.asked_on_every_page(_visible_scopes_name)


def unread_changed(*, users) -> None:
    """Forget the unread counts of these people, and their notification centres kept for them
    (`centre_versions`): now, and again once the transaction commits, so that a request
    reading the count meanwhile cannot keep the old one."""
    keys = list({_unread_key(user) for user in users})
    if not keys:
        return
    roles.forget_found(keys)
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
    person_changed(NOTIFICATIONS, [user.pk for user in users])


NOTIFICATIONS = "notifications"
roles.version_fetched_with_person(partial(person_version, NOTIFICATIONS))
# The sentences name each actor as they are called now, and an erased account's notifications
# read "a former member": any account renamed or deleted changes other people's centres.
NAMES_VERSION = Version("people-names-version", while_unreachable=None)


def centre_versions(request) -> tuple:
    """What the notification centre kept for its reader (portal.core.cache.kept_for_person)
    shows besides published content and their identity (memberships decide which spaces'
    notifications show): their notifications, created, read or deleted (`unread_changed`),
    and everyone's names."""
    return (person_version(NOTIFICATIONS, request.user.pk).current(), NAMES_VERSION.current())


def mark_read(*, user, notification_ids=None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    marked = unread.update(read_at=timezone.now())
    if marked:
        unread_changed(users=[user])
    return marked


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
    for notification in (
        Notification.objects.filter(
            recipient__in=recipients,
            email_pending=True,
            created_at__gt=now - DIGEST_PERIODS[frequency],
            created_at__lte=now,
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    ):
        if is_visible(notification, scopes[notification.recipient_id]):
            waiting[notification.recipient_id].append(notification)
    return [(user, waiting[user.pk]) for user in recipients if waiting[user.pk]]


def digests_send(*, frequency: str, now=None) -> int:
    """E-mail each digest, then take everything waiting for people on `frequency` off the
    queue: what was sent, and what is too old or no longer visible to them."""
    now = now or timezone.now()
    digests = digests_build(frequency=frequency, now=now)
    for user, notifications in digests:
        ids = [item.pk for item in notifications]
        transaction.on_commit(
            lambda user_id=user.pk, ids=ids: send_digest_email.enqueue(
                user_id=user_id, frequency=frequency, notification_ids=ids
            )
        )
    Notification.objects.filter(
        recipient__in=_people_on(frequency), email_pending=True, created_at__lte=now
    ).update(email_pending=False, emailed_at=now)
    return len(digests)
