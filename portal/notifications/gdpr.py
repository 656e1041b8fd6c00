"""What the notifications keep about a person, for 'download my data', and what deleting an
account changes in other people's notifications."""

import re

from portal.accounts.gdpr import iso, register, register_erasure

from .models import FORMER_MEMBER, EmailOptOut, Notification


@register("notifications")
def notifications_data(user):
    return {
        "notifications": [
            {
                "title": notification.title,
                "kind": notification.kind,
                "created_at": iso(notification.created_at),
                "read_at": iso(notification.read_at),
            }
            for notification in Notification.objects.filter(recipient=user).select_related("actor")
        ],
        "e_mails_stopped": sorted(
            EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
    }


@register_erasure("notifications")
def notifications_erase(user):
    """The person's own notifications go with the account. In other people's, what they did
    is then told as done by a former member (`actor` becomes null, `had_actor` stays); their
    words quoted as excerpts go, and their name goes from excerpts and old sentences."""
    Notification.objects.filter(actor=user).update(excerpt="", had_actor=True)
    name = user.display_name
    former = str(FORMER_MEMBER)
    changed = []
    for notification in Notification.objects.exclude(recipient=user).filter(
        excerpt__icontains=name
    ) | Notification.objects.exclude(recipient=user).filter(legacy_title__icontains=name):
        notification.excerpt = _replaced(notification.excerpt, name, former)
        notification.legacy_title = _replaced(notification.legacy_title, name, former)
        changed.append(notification)
    Notification.objects.bulk_update(changed, ["excerpt", "legacy_title"], batch_size=500)


def _replaced(text: str, name: str, replacement: str) -> str:
    return re.sub(re.escape(name), lambda _match: replacement, text, flags=re.IGNORECASE)
