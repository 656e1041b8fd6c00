"""The personal pieces of community pages (portal.core.personal)."""

from django.utils.html import format_html
from django.utils.translation import gettext

from portal.core.personal import piece

from . import access
from .models import Membership

_STANDINGS = {
    Membership.Status.ACTIVE: " · <strong>{}</strong>",
    Membership.Status.REQUESTED: " · {}",
    Membership.Status.INVITED: " · <strong>{}</strong>",
}


@piece("space_membership")
def space_membership(request, *, space_id: int) -> str:
    """Where the person stands in a space of the directory: a member, asked to join, invited.
    Asked for every space listed, so it reads their memberships once per request."""
    status = access.for_user(request.user).status(space_id)
    if status not in _STANDINGS:
        return ""
    words = {
        Membership.Status.ACTIVE: gettext("You are a member"),
        Membership.Status.REQUESTED: gettext("Request sent"),
        Membership.Status.INVITED: gettext("You are invited"),
    }[status]
    return format_html(_STANDINGS[status], words)
