"""The personal pieces of an event's page (portal.core.personal)."""

from django.template.loader import render_to_string

from portal.accounts import roles
from portal.core.personal import piece

from . import access
from .forms import SignUpForm
from .models import Event
from .selectors import sign_up_state


def sign_up_panel(request, *, event_id: int, public_id: str, capacity: int, form=None) -> dict:
    """What the sign-up part of an event's page shows `request`'s person: the places left now,
    the place their address holds there (signed in, address confirmed), the form."""
    user = request.user
    email = user.email if user.is_authenticated and roles.has_verified_email(user) else ""
    return {
        "public_id": public_id,
        "form": form if form is not None else SignUpForm(),
        **sign_up_state(event_id=event_id, capacity=capacity or None, email=email),
    }


@piece("event_sign_up")
def event_sign_up(request, *, event: int, public_id: str, capacity: int) -> str:
    """An event's places left as of now, the person's own place, and the sign-up form."""
    return render_to_string(
        "cooperation_day/components/sign_up.html",
        {"sign_up": sign_up_panel(request, event_id=event, public_id=public_id, capacity=capacity)},
        request=request,
    )


@piece("event_links", same_for_visitors=True)
def event_links(request, *, event: int, organiser: int) -> str:
    """The way to "My events" for the event's organiser and to its review for a moderator of
    its scope; nothing for anyone else."""
    user = request.user
    if not user.is_authenticated:
        return ""
    is_organiser = user.pk == organiser
    # Moderators work in the admin: people who may not open it are no moderators, and are
    # told so from what their request has read already.
    may_moderate = (
        roles.may_edit_site(user)
        and access.is_campaign_team(user)
        and access.may_moderate_event(
            user, Event.objects.only("countries", "programme_id").get(pk=event)
        )
    )
    if not (is_organiser or may_moderate):
        return ""
    return render_to_string(
        "cooperation_day/components/event_links.html",
        {"event": event, "is_organiser": is_organiser, "may_moderate": may_moderate},
        request=request,
    )
