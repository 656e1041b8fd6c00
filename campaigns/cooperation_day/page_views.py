"""What Cooperation Day's pages show: an edition's timeline, its map and the filtered list of
its events (the landing page shows the current edition)."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from campaigns.page_views import CampaignEditionView, CampaignLandingView
from portal.core.query import query_data, query_page

from . import selectors
from .forms import EventFilterForm


def event_filter_form(params, edition) -> EventFilterForm:
    """The map's filters bound to `params`, offering what the edition's events have; the
    page and the GeoJSON and calendar feeds read their filters through it."""
    return EventFilterForm(params or None, **selectors.filter_choices(edition))


def map_settings() -> dict:
    """What the map script needs; handed over with json_script."""
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "outlineUrl": static("geo/countries.geojson"),
    }


def edition_events_context(request, edition) -> dict:
    """Timeline, filters, the matching events as a paged list, and the addresses of the map
    data and calendar feeds for the same filters."""
    form = event_filter_form(query_data(request), edition)
    filters = form.filters()
    events = selectors.published_events(edition=edition, filters=filters)
    feed_params = query_data(request)
    feed_params.pop("page", None)
    feed_params["edition"] = str(edition.year)
    query = feed_params.urlencode()
    return {
        "edition": edition,
        "timeline": selectors.edition_timeline(edition),
        "filter_form": form,
        "filtered": bool(filters),
        "near_place": filters.get("place"),
        "events": selectors.event_list_page(events, page=query_page(request)),
        "geojson_url": f"{reverse('cooperation_day:events_geojson')}?{query}",
        "ics_url": f"{reverse('cooperation_day:events_ics')}?{query}",
        "map_settings": map_settings(),
        "registration_open": edition.registration_is_open(),
    }


class EditionView(CampaignEditionView):
    def edition_context(self, edition):
        return edition_events_context(self.request, edition)


class LandingView(CampaignLandingView, EditionView):
    editions = selectors
