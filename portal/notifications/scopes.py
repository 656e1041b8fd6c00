"""What a notification's reader must still be allowed to see.

An app registers, for each scope type it uses, a function that answers for many readers at
once which scope ids each may see. The notification centre, the unread count and the digests
all filter through it, so a notification about a space someone has since lost never shows.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q

_resolvers: dict[str, Callable[[list], dict[int, set[int]]]] = {}


def register(scope_type: str):
    """Decorate `(users) -> {user id: visible scope ids}` as the resolver of `scope_type`. Its
    answer may change only with a person's identity or the content (the unread count keeps it
    with both, portal.accounts.roles.kept_with_identity)."""

    def decorator(function):
        _resolvers[scope_type] = function
        return function

    return decorator


def visible_scopes(users: Iterable) -> dict[int, dict[str, set[int]]]:
    """{user id: {scope type: visible ids}} for every registered scope type."""
    users = list(users)
    visible = {user.pk: {} for user in users}
    for scope_type, resolve in _resolvers.items():
        for user_id, ids in resolve(users).items():
            visible[user_id][scope_type] = ids
    return visible


def visible_condition(scopes: dict[str, set[int]]) -> Q:
    """Notifications without a scope, or whose scope is among `scopes`."""
    condition = Q(scope_type="")
    for scope_type, ids in scopes.items():
        if ids:
            condition |= Q(scope_type=scope_type, scope_id__in=ids)
    return condition


def is_visible(notification, scopes: dict[str, set[int]]) -> bool:
    if not notification.scope_type:
        return True
    return notification.scope_id in scopes.get(notification.scope_type, ())
