"""The account menu of every page's header, with its unread count, and what a programme's page
shows its admins (portal.core.personal)."""

from django.template.loader import render_to_string

from portal.core.personal import piece
from portal.notifications.services import unread_count

from . import roles


@piece("account_menu", same_for_visitors=True)
def account_menu(request) -> str:
    user = request.user
    signed_in = user.is_authenticated
    return render_to_string(
        "components/account_menu.html",
        {
            "user": user,
            "request": request,
            "unread_notifications": unread_count(user) if signed_in else 0,
            "may_edit_site": signed_in and roles.may_edit_site(user),
        },
        request=request,
    )


@piece("programme_admins_only", same_for_visitors=True)
def programme_admins_only(request, *, programme: int, shared: str) -> str:
    """The block (the link to handle affiliation requests) for the admins of `programme`."""
    return shared if roles.is_programme_admin(request.user, int(programme)) else ""
