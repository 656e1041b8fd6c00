"""Notifications about a space are shown and e-mailed only to people who may read it now."""

from portal.notifications.scopes import register

from . import access
from .services import SCOPE, VISIBLE_SCOPE


@register(SCOPE)
def readable_spaces(users) -> dict[int, set[int]]:
    return {user_id: viewer.readable_ids() for user_id, viewer in access.for_users(users).items()}


@register(VISIBLE_SCOPE)
def visible_spaces(users) -> dict[int, set[int]]:
    return {user_id: viewer.visible_ids() for user_id, viewer in access.for_users(users).items()}
