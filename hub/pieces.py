"""The personal pieces of the hub's shared pages (portal.core.personal): the listings' "save
this search" button, and the links to publish or edit shown to those who publish."""

from django.template.loader import render_to_string

from portal.core.personal import piece

from . import access
from .alerts.selectors import saved_state


@piece("hub_save_search", same_for_visitors=True)
def save_search(request, *, kind: str, query: str, next_url: str) -> str:
    """A listing's button to be told of new results: a link to sign in for visitors, the form
    for signed-in people, or where they find the search they already saved."""
    user = request.user
    return render_to_string(
        "hub/alerts/save_search.html",
        {
            "kind": kind,
            "query": query,
            "next": next_url,
            "signed_in": user.is_authenticated,
            "saved": saved_state(user, kind, query),
        },
        request=request,
    )


@piece("hub_publishers_only", same_for_visitors=True)
def publishers_only(request, *, shared: str) -> str:
    """The block (a "publish" button) for people who publish for some programme."""
    return shared if access.may_publish(request.user) else ""


@piece("hub_publishers_for_only", same_for_visitors=True)
def publishers_for_only(request, *, programme: int, shared: str) -> str:
    """The block (an "edit" link) for people who publish for `programme`; 0 names no
    programme (a vacancy of another body), which only those who publish everywhere edit."""
    return shared if access.may_publish_for(request.user, int(programme)) else ""
