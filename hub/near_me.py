"""Interreg near me (`/near-me/`): a visitor picks a place, typed or from the browser, and
sees the NUTS 3 region it lies in, the programmes whose area covers it, and what the parts of
the portal register as nearby (`sections.register_nearby_section`): upcoming Cooperation Day
events and projects with partners nearby here, open calls from the calls part.

The page works without JavaScript (a GET form, `?place=`); with it, the field suggests towns
from the bundled gazetteer and "Use my location" sends `?lat=&lon=`, rounded to about a
kilometre so no one's exact position is kept in an address or a log. Anonymous answers for a
typed place are shared through the page cache; answers for a browser position are not.
"""

import math
from dataclasses import dataclass

from django import forms
from django.db.models import Q, Subquery
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from campaigns.cooperation_day import selectors as cooperation_day
from campaigns.cooperation_day.page_views import map_settings
from campaigns.cooperation_day.places import place_find
from portal.core import cache
from portal.core.forms import PortalForm
from portal.core.query import query_data, query_text

from . import nuts, sections
from .models import Partner, Project

EVENTS_RADIUS_KM = 50
EVENTS_SHOWN = 8
PARTNERS_RADIUS_KM = 30
PROJECTS_SHOWN = 6
# Two decimals of a degree: about a kilometre.
POSITION_DECIMALS = 2

PLACE_UNKNOWN = _("We do not know “%(place)s”. Try the nearest town or city.")
POSITION_INVALID = _("Your position could not be read. Type a town or city instead.")
ATTRIBUTION = "© EuroGeographics for the administrative boundaries"


@dataclass(frozen=True)
class Place:
    """Where the visitor asked about; what nearby sections receive."""

    name: str
    latitude: float
    longitude: float
    nuts_code: str = ""
    region_name: str = ""
    typed: bool = True


# Form --------------------------------------------------------------------------------------


class NearMeForm(PortalForm):
    place = forms.CharField(
        label=_("Town or city"),
        required=False,
        max_length=100,
        help_text=_("For example “Ljubljana” or “Görlitz, DE”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("place") or "").strip()
        position_sent = bool(self.data.get("lat") or self.data.get("lon"))
        # A broken position is the visitor's browser's, not theirs: said next to the field
        # they can use instead.
        position_broken = "lat" in self._errors or "lon" in self._errors
        self._errors.pop("lat", None)
        self._errors.pop("lon", None)
        if typed:
            found = place_find(typed)
            if found is None:
                self.add_error("place", PLACE_UNKNOWN % {"place": typed})
            else:
                cleaned["where"] = _place(found.name, found.latitude, found.longitude, typed=True)
        elif position_sent:
            latitude, longitude = cleaned.get("lat"), cleaned.get("lon")
            if position_broken or latitude is None or longitude is None:
                self.add_error("place", POSITION_INVALID)
            else:
                latitude = round(latitude, POSITION_DECIMALS)
                longitude = round(longitude, POSITION_DECIMALS)
                cleaned["where"] = _place(_("Your location"), latitude, longitude, typed=False)
        return cleaned

    def chosen_place(self) -> Place | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("where")


def _place(name, latitude, longitude, *, typed) -> Place:
    region = nuts.region_at(latitude, longitude)
    return Place(
        name=str(name),
        latitude=float(latitude),
        longitude=float(longitude),
        nuts_code=region.code if region else "",
        region_name=region.name if region else "",
        typed=typed,
    )


# Selectors ---------------------------------------------------------------------------------


def upcoming_events_near(place: Place, *, radius_km=EVENTS_RADIUS_KM, limit=EVENTS_SHOWN):
    """Published events of the current Cooperation Day edition within `radius_km`, not yet
    over, nearest first; through the event finder's own selector. Two queries."""
    edition = cooperation_day.current_edition()
    if edition is None:
        return []
    events = cooperation_day.published_events(
        edition=edition,
        filters={"lat": place.latitude, "lng": place.longitude, "radius": radius_km},
    )
    return list(events.filter(ends_at__gte=timezone.now()).select_related("programme")[:limit])


def _partners_near(place: Place, radius_km):
    degrees = radius_km / nuts.KM_PER_DEGREE
    # Degrees of longitude shrink towards the poles (Svalbard is at 80°).
    degrees_east = degrees / max(math.cos(math.radians(place.latitude)), 0.1)
    # The box narrows by the indexed columns before the exact distance is worked out.
    in_box = Q(
        latitude__range=(place.latitude - degrees, place.latitude + degrees),
        longitude__range=(place.longitude - degrees_east, place.longitude + degrees_east),
    )
    distance = cooperation_day._distance_km(
        "latitude", "longitude", place.latitude, place.longitude
    )
    near = (
        Partner.objects.filter(in_box)
        .annotate(distance_km=distance)
        .filter(distance_km__lte=radius_km)
    )
    if place.nuts_code:
        same_region = Partner.objects.filter(nuts_code=place.nuts_code)
        return Partner.objects.filter(
            Q(pk__in=Subquery(near.values("pk"))) | Q(pk__in=Subquery(same_region.values("pk")))
        )
    return Partner.objects.filter(pk__in=Subquery(near.values("pk")))


def projects_near(place: Place, *, radius_km=PARTNERS_RADIUS_KM, limit=PROJECTS_SHOWN):
    """Projects with a partner within `radius_km` or in the same NUTS 3 region, newest first,
    each with its partners nearby. Two queries."""
    partners = _partners_near(place, radius_km)
    projects = list(
        Project.objects.filter(pk__in=Subquery(partners.values("project_id")))
        .select_related("programme")
        .order_by("-start_date", "-pk")[:limit]
    )
    nearby = {}
    for partner in partners.filter(project__in=projects).order_by("position", "pk"):
        nearby.setdefault(partner.project_id, []).append(partner)
    return [(project, nearby.get(project.pk, [])) for project in projects]


# Sections ----------------------------------------------------------------------------------


def events_section(place, programmes, request):
    events = upcoming_events_near(place)
    if not events:
        return None
    items = []
    markers = []
    for event in events:
        url = reverse("cooperation_day:event_detail", kwargs={"public_id": event.public_id})
        items.append({"event": event, "url": url})
        markers.append(_marker(event.latitude, event.longitude, event.title, url, "event"))
    return {"items": items, "radius_km": EVENTS_RADIUS_KM, "markers": markers}


def projects_section(place, programmes, request):
    found = projects_near(place)
    if not found:
        return None
    items = []
    markers = []
    for project, partners in found:
        url = project.get_absolute_url()
        items.append({"project": project, "url": url, "partners": partners})
        for partner in partners:
            if partner.latitude is not None:
                label = f"{partner.organisation} ({project.acronym})"
                markers.append(_marker(partner.latitude, partner.longitude, label, url, "partner"))
    return {"items": items, "radius_km": PARTNERS_RADIUS_KM, "markers": markers}


def _marker(latitude, longitude, label, url, kind) -> dict:
    return {
        "lat": float(latitude),
        "lon": float(longitude),
        "label": label,
        "url": url,
        "kind": kind,
    }


def register_sections() -> None:
    sections.register_nearby_section(
        key="events", order=20, template="hub/near_me_events_section.html", build=events_section
    )
    sections.register_nearby_section(
        key="projects",
        order=30,
        template="hub/near_me_projects_section.html",
        build=projects_section,
    )


# View --------------------------------------------------------------------------------------


@require_GET
def near_me(request):
    form = NearMeForm(query_data(request) or None)
    place = form.chosen_place()
    if place is not None and not place.typed:
        # The form is offered afresh: the position sent stays out of the page.
        form = NearMeForm()
    context = {"form": form, "place": place, "map_settings": map_settings()}
    if place is not None:
        region = nuts.region(place.nuts_code) if place.nuts_code else None
        programmes = nuts.programmes_covering(place.nuts_code)
        built = sections.nearby_sections(place, programmes, request)
        context.update(
            {
                "programmes": programmes,
                # Each part's template is rendered with the context its section built.
                "sections": [
                    render_to_string(
                        section.template, {**section.context, "place": place}, request=request
                    )
                    for section in built
                ],
                "near_me_map": {
                    "region": region.geojson if region else None,
                    "place": [place.latitude, place.longitude],
                    "placeLabel": place.name,
                    "markers": [
                        marker for section in built for marker in section.context.get("markers", [])
                    ],
                    "attribution": ATTRIBUTION,
                },
            }
        )
    response = render(request, "hub/near_me.html", context)
    # A browser position is the visitor's own: never in the shared cache.
    position_sent = query_text(request, "lat") or query_text(request, "lon")
    if not position_sent and cache.request_is_cacheable(request):
        cache.store_page_response(request, response)
    return response
