"""What the notifications keep about a person, for 'download my data', and what deleting an
account changes in other people's notifications."""

from django.db.models import Q

from portal.accounts.gdpr import iso, names_of, register, register_erasure, without_names

from .models import FORMER_MEMBER, EmailOptOut, Notification
from .services import unread_changed


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
    unread_changed(users=[user])
    Notification.objects.filter(actor=user).update(excerpt="", had_actor=True)
    former = str(FORMER_MEMBER)
    naming = Q()
    for name in names_of(user):
        naming |= Q(excerpt__icontains=name) | Q(legacy_title__icontains=name)
    changed = []
    for notification in Notification.objects.exclude(recipient=user).filter(naming):
        notification.excerpt = without_names(notification.excerpt, user=user, replacement=former)
        notification.legacy_title = without_names(
            notification.legacy_title, user=user, replacement=former
        )
        changed.append(notification)
    Notification.objects.bulk_update(changed, ["excerpt", "legacy_title"], batch_size=500)
