"""Who may moderate Cooperation Day events and see their attendees."""

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


def is_campaign_moderator(user) -> bool:
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


def moderation_scope(user, events):
    """`events` narrowed to what `user` may moderate."""
    if roles.is_site_staff(user):
        return events
    moderator = _moderator(user)
    if moderator is None:
        return events.none()
    from django.db.models import Q

    countries = [country.code for country in moderator.countries]
    if countries:
        # CountryField(multiple=True) stores "AT,HU": match whole codes.
        in_country = Q()
        for code in countries:
            in_country |= (
                Q(countries=code)
                | Q(countries__startswith=f"{code},")
                | Q(countries__endswith=f",{code}")
                | Q(countries__contains=f",{code},")
            )
        events = events.filter(in_country)
    programme_ids = [programme.pk for programme in moderator.programmes.all()]
    if programme_ids:
        events = events.filter(programme_id__in=programme_ids)
    return events


def may_see_attendees(user, event) -> bool:
    """Only the organiser (and site staff) see who signed up."""
    return bool(getattr(user, "is_authenticated", False)) and (
        event.organiser_id == user.pk or roles.is_site_staff(user)
    )
