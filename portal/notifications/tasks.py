"""E-mails leave through these tasks. Their arguments are kept by the task queue (in the
database, in production), so they carry no address, text or link in the clear: notification
e-mails and digests are composed here from ids, and every other e-mail travels sealed (see
`sealing`); the queue's record of a sealed e-mail is removed once it is sent
(`signals.forget_sent_email`)."""

import logging

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from portal.accounts.models import User

from . import emails
from .models import Notification
from .sealing import Unreadable, unseal

logger = logging.getLogger(__name__)


@task()
def send_email(*, sealed: str) -> None:
    try:
        payload = unseal(sealed)
    except Unreadable:
        logger.warning("A queued e-mail could no longer be read (too old or another key).")
        return
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        headers=payload["headers"],
    )
    if payload["html"]:
        message.attach_alternative(payload["html"], "text/html")
    for filename, content, mimetype in payload["attachments"]:
        message.attach(filename, content, mimetype)
    message.send()


@task()
def send_notification_email(*, notification_id: int) -> None:
    notification = (
        Notification.objects.select_related("recipient__profile", "actor")
        .filter(pk=notification_id, recipient__is_active=True)
        .first()
    )
    if notification is not None:  # its recipient may have left since
        emails.notification_message(notification).send()


@task()
def send_digest_email(*, user_id: int, frequency: str, notification_ids: list[int]) -> None:
    user = User.objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids, recipient=user)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    if notifications:
        emails.digest_message(user=user, frequency=frequency, notifications=notifications).send()
