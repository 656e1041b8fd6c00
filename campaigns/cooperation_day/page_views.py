"""What Cooperation Day's pages show: an edition's timeline, its map and the filtered list of
its events (the landing page shows the current edition)."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import ngettext

from campaigns.page_views import CampaignEditionView, CampaignLandingView
from portal.core.query import query_data, query_page

from . import feeds, selectors
from .forms import EventFilterForm
from .places import MAX_LABEL_ZOOM


def event_filter_form(params, edition) -> EventFilterForm:
    """The map's filters bound to `params`, offering what the edition's events have; the
    page and the GeoJSON and calendar feeds read their filters through it."""
    return EventFilterForm(params or None, **selectors.filter_choices(edition))


# Without tiles the map is country outlines and place names: closer than the zoom at which the
# last names appear they no longer tell a visitor where they are. Tiles carry their own detail
# down to street level.
MAX_ZOOM_WITHOUT_TILES = MAX_LABEL_ZOOM
MAX_ZOOM_WITH_TILES = 18

# Plural rules of every language the portal speaks give a count from 200 up the same form as
# 100 + count % 100, so these many forms name any count.
PLURAL_TABLE_SIZE = 200


def plural_table(forms) -> dict:
    """A count's wording for the browser, in the page's language: `forms(n)` is an ngettext
    call with `%(count)s` left in. The browser picks `texts[index[n]]` for n below
    PLURAL_TABLE_SIZE and `texts[index[100 + n % 100]]` above."""
    texts: list[str] = []
    index = []
    for count in range(PLURAL_TABLE_SIZE):
        text = forms(count)
        if text not in texts:
            texts.append(text)
        index.append(texts.index(text))
    return {"texts": texts, "index": index}


def map_settings() -> dict:
    """What the map script needs; handed over with json_script."""
    tiles = bool(settings.MAP_TILE_URL)
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "outlineUrl": static("geo/countries.geojson"),
        "markerIcons": {
            "iconUrl": static("vendor/leaflet/images/marker-icon.png"),
            "iconRetinaUrl": static("vendor/leaflet/images/marker-icon-2x.png"),
            "shadowUrl": static("vendor/leaflet/images/marker-shadow.png"),
        },
        "maxZoom": MAX_ZOOM_WITH_TILES if tiles else MAX_ZOOM_WITHOUT_TILES,
        # Tiles name their places; the outlines need our own labels.
        "labelsUrl": "" if tiles else static("geo/place-labels.json"),
        "clusterZoomIn": plural_table(
            lambda n: ngettext("%(count)s event, zoom in", "%(count)s events, zoom in", n)
        ),
        "clusterSpread": plural_table(
            lambda n: ngettext(
                "%(count)s event at this place, show it",
                "%(count)s events at this place, show them",
                n,
            )
        ),
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
        "calendar_most_events": feeds.CALENDAR_MOST_EVENTS,
        "map_settings": map_settings(),
        "registration_open": edition.registration_is_open(),
    }


class EditionView(CampaignEditionView):
    def edition_context(self, edition):
        return edition_events_context(self.request, edition)


class LandingView(CampaignLandingView, EditionView):
    editions = selectors
