"""What the notifications keep about a person, for 'download my data'."""

from portal.accounts.gdpr import iso, register

from .models import EmailOptOut, Notification


@register("notifications")
def notifications_data(user):
    return {
        "notifications": [
            {
                "title": title,
                "kind": kind,
                "created_at": iso(created),
                "read_at": iso(read),
            }
            for title, kind, created, read in Notification.objects.filter(
                recipient=user
            ).values_list("title", "kind", "created_at", "read_at")
        ],
        "e_mails_stopped": sorted(
            EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
    }
