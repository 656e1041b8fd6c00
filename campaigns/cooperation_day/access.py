"""Who may do what with Cooperation Day events."""

from django.db.models import Q

from portal.accounts import roles

from .models import CampaignModerator, Event


def _moderator(user):
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_campaign_moderator"):
        user._campaign_moderator = (
            CampaignModerator.objects.filter(user=user).prefetch_related("programmes").first()
        )
    return user._campaign_moderator


def is_campaign_team(user) -> bool:
    """Site staff and campaign moderators: the moderation queue and the campaign dashboard."""
    return roles.is_site_staff(user) or _moderator(user) is not None


def may_moderate_event(user, event) -> bool:
    """Site staff, and campaign moderators whose countries and programmes (if limited) cover
    the event. A cross-border event is in scope when any of its countries is."""
    if roles.is_site_staff(user):
        return True
    moderator = _moderator(user)
    if moderator is None:
        return False
    countries = {country.code for country in moderator.countries}
    if countries and not countries & {country.code for country in event.countries}:
        return False
    programme_ids = {programme.pk for programme in moderator.programmes.all()}
    return not programme_ids or event.programme_id in programme_ids


def moderation_scope(user) -> Q | None:
    """The events `user` may moderate, as a filter; None when they may moderate none."""
    if roles.is_site_staff(user):
        return Q()
    moderator = _moderator(user)
    if moderator is None:
        return None
    scope = Q()
    codes = [country.code for country in moderator.countries]
    if codes:
        scope &= Event.in_any_country(*codes)
    programme_ids = [programme.pk for programme in moderator.programmes.all()]
    if programme_ids:
        scope &= Q(programme_id__in=programme_ids)
    return scope


def may_preview_event(user, event) -> bool:
    """An unpublished event is seen by its organiser and the moderators of its scope only."""
    if event.is_public:
        return True
    return getattr(user, "pk", None) == event.organiser_id or may_moderate_event(user, event)


def may_see_attendees(user, event) -> bool:
    """Only the organiser: attendees gave their name and e-mail to them, nobody else."""
    return getattr(user, "pk", None) == event.organiser_id
