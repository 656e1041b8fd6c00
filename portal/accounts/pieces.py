"""The account menu of every page's header, with its unread count, and what a programme's page
shows its admins (portal.core.personal)."""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.core.personal import piece
from portal.notifications.services import unread_count

from . import roles

# A signed-in person's menu differs from anyone else's in the same language only by their name,
# their unread count and their CSRF token: it is rendered once per process for each language
# and variant with these marks in their place, and each request fills them in.
_NAME_MARK = "portal-account-menu-name"
_COUNT_MARK = "portal-account-menu-count"
_CSRF_MARK = "portal-account-menu-csrf"
_signed_in_menus: dict[tuple[str, bool, bool], str] = {}


class _Someone:
    is_authenticated = True
    display_name = _NAME_MARK


def _signed_in_menu(request, *, count: int, may_edit_site: bool) -> str:
    variant = (get_language(), bool(count), may_edit_site)
    menu = _signed_in_menus.get(variant)
    if menu is None:
        menu = _signed_in_menus[variant] = render_to_string(
            "components/account_menu.html",
            {
                "user": _Someone(),
                "unread_notifications": _COUNT_MARK if count else 0,
                "may_edit_site": may_edit_site,
                "csrf_token": _CSRF_MARK,
            },
        )
    filled = (
        menu.replace(_NAME_MARK, conditional_escape(request.user.display_name))
        .replace(_COUNT_MARK, localize(count))
        .replace(_CSRF_MARK, get_token(request))
    )
    return mark_safe(filled)  # noqa: S308 - the template's output, each part filled in escaped


@piece("account_menu", same_for_visitors=True)
def account_menu(request) -> str:
    user = request.user
    if user.is_authenticated:
        return _signed_in_menu(
            request, count=unread_count(user), may_edit_site=roles.may_edit_site(user)
        )
    return render_to_string("components/account_menu.html", {"user": user}, request=request)


@piece("programme_admins_only", same_for_visitors=True)
def programme_admins_only(request, *, programme: int, shared: str) -> str:
    """The block (the link to handle affiliation requests) for the admins of `programme`."""
    return shared if roles.is_programme_admin(request.user, int(programme)) else ""
