"""Who may moderate Cooperation Day events."""

from portal.accounts import roles


def _moderator(user):
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_campaign_moderator"):
        from .models import CampaignModerator

        user._campaign_moderator = (
            CampaignModerator.objects.filter(user=user).prefetch_related("programmes").first()
        )
    return user._campaign_moderator


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
