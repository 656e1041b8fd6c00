from django.utils.functional import SimpleLazyObject

from .services import unread_count


def unread_notifications(request):
    """The unread count in the header, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}

    def count():
        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(count)}
