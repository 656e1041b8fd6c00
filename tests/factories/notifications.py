"""Notifications written in bulk, as a busy reader's centre holds them."""

from django.utils import timezone

from portal.notifications.models import Notification


def grow_notifications(reader, actor, total: int, *, half_read: bool = False) -> None:
    """Top `reader`'s notifications up to `total` replies by `actor`, "Thread 0" onwards
    (every other one read if `half_read`). Written in bulk: no signal, so the caller says
    what changed (`unread_changed`) as the services do."""
    existing = Notification.objects.filter(recipient=reader).count()
    Notification.objects.bulk_create(
        Notification(
            recipient=reader,
            kind=Notification.Kind.REPLY,
            verb=Notification.Verb.REPLIED,
            actor=actor,
            target=f"Thread {number}",
            url="/community/",
            read_at=timezone.now() if half_read and not number % 2 else None,
        )
        for number in range(existing, total)
    )
