"""NUTS regions from the bundled NUTS 2021 outlines (data/nuts3.json, see data/NOTICE.md): which
NUTS 3 region a position lies in, and which programmes' areas cover a region.

Nothing is fetched at run time. The file is read once per process; a lookup tests the few
regions whose bounding box holds the point, by ray casting (holes and multi-part regions
included). The outlines are generalised to 1:60 million, so a coastal or border town may fall
a little outside its region: a point outside every region but within NEAR_KM of one is given
that region, while the open sea and places outside Europe get no region at all.
"""

import itertools
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import validate_nuts_code

NUTS_FILE = Path(__file__).parent / "data" / "nuts3.json"
# How far outside the generalised outline a point may be and still count as in the region.
NEAR_KM = 12.0
KM_PER_DEGREE = 111.32

UNKNOWN_NUTS_CODES = _("Not a region of NUTS 2021: %(codes)s.")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    # Polygons, each a list of rings (the outer ring first, then its holes) of (lon, lat).
    polygons: tuple
    # (west, south, east, north)
    bounds: tuple

    def contains(self, longitude: float, latitude: float) -> bool:
        return any(_in_polygon(polygon, longitude, latitude) for polygon in self.polygons)

    def distance_km(self, longitude: float, latitude: float) -> float:
        """Distance from the point to the region's outline (0 inside)."""
        if self.contains(longitude, latitude):
            return 0.0
        scale = math.cos(math.radians(latitude))
        best = math.inf
        for polygon in self.polygons:
            for ring in polygon:
                for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                    best = min(best, _segment_distance(longitude, latitude, x1, y1, x2, y2, scale))
        return best * KM_PER_DEGREE

    @property
    def geojson(self) -> dict:
        """The region alone, as a GeoJSON Feature, for the map."""
        if len(self.polygons) == 1:
            geometry = {"type": "Polygon", "coordinates": self.polygons[0]}
        else:
            geometry = {"type": "MultiPolygon", "coordinates": list(self.polygons)}
        return {
            "type": "Feature",
            "properties": {"code": self.code, "name": self.name},
            "geometry": geometry,
        }


def _in_ring(ring, x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _in_polygon(polygon, x: float, y: float) -> bool:
    # Even-odd over every ring: a point in a hole crosses the outer ring and the hole's.
    return sum(_in_ring(ring, x, y) for ring in polygon) % 2 == 1


def _segment_distance(px, py, x1, y1, x2, y2, scale) -> float:
    """Distance in degrees of latitude, longitudes shrunk by cos(latitude)."""
    px, x1, x2 = px * scale, x1 * scale, x2 * scale
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length))
    return math.hypot(px - (x1 + t * dx), py - (y1 + t * dy))


def _bounds(polygons) -> tuple:
    points = [point for polygon in polygons for ring in polygon for point in ring]
    longitudes = [point[0] for point in points]
    latitudes = [point[1] for point in points]
    return (min(longitudes), min(latitudes), max(longitudes), max(latitudes))


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every NUTS 3 region by code."""
    collection = json.loads(NUTS_FILE.read_text(encoding="utf-8"))
    found = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        polygons = tuple(
            [[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in polygons
        )
        code = feature["properties"]["id"]
        found[code] = Region(code, feature["properties"]["name"], polygons, _bounds(polygons))
    return found


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every NUTS code of the file's regions and of the levels above them (country, NUTS 1
    and NUTS 2): "SI", "SI0", "SI04", "SI041"."""
    return frozenset(code[:length] for code in regions() for length in range(2, 6))


def region(code: str) -> Region | None:
    return regions().get(code)


def region_at(latitude: float, longitude: float) -> Region | None:
    """The NUTS 3 region the position lies in, or None at sea or outside the covered
    countries."""
    latitude, longitude = float(latitude), float(longitude)
    margin_lat = NEAR_KM / KM_PER_DEGREE
    margin_lon = margin_lat / max(math.cos(math.radians(latitude)), 0.01)
    nearby = [
        candidate
        for candidate in regions().values()
        if candidate.bounds[0] - margin_lon <= longitude <= candidate.bounds[2] + margin_lon
        and candidate.bounds[1] - margin_lat <= latitude <= candidate.bounds[3] + margin_lat
    ]
    for candidate in nearby:
        west, south, east, north = candidate.bounds
        inside_box = west <= longitude <= east and south <= latitude <= north
        if inside_box and candidate.contains(longitude, latitude):
            return candidate
    closest, closest_km = None, NEAR_KM
    for candidate in nearby:
        distance = candidate.distance_km(longitude, latitude)
        if distance <= closest_km:
            closest, closest_km = candidate, distance
    return closest


def area_codes(text: str) -> list[str]:
    """A programme's `area_nuts_codes` as a list: "AT11 AT12, HU221" → ["AT11", "AT12",
    "HU221"]."""
    return [code for code in (text or "").replace(",", " ").upper().split() if code]


def covers(area: list[str], code: str) -> bool:
    """Whether an area (NUTS codes of any level) holds the region `code`: one of its codes is
    the region's code or a level above it."""
    return any(code.startswith(area_code) for area_code in area)


def programmes_covering(code: str):
    """The programmes whose area holds the NUTS 3 region `code`, by name; one query."""
    from portal.accounts.models import Programme

    if not code:
        return []
    # A few hundred programmes at most: their areas are matched here rather than in SQL.
    candidates = (
        Programme.objects.exclude(area_nuts_codes="")
        .only("name", "acronym", "slug", "strand", "sub_type", "area_nuts_codes")
        .order_by("name")
    )
    return [
        programme for programme in candidates if covers(area_codes(programme.area_nuts_codes), code)
    ]


def validate_area_nuts_codes(value: str) -> None:
    """Every code of a programme area is a NUTS 2021 region of the bundled file (any level)."""
    codes = area_codes(value)
    for code in codes:
        validate_nuts_code(code)
    unknown = [code for code in codes if code not in known_codes()]
    if unknown:
        raise ValidationError(
            UNKNOWN_NUTS_CODES, code="unknown_nuts_code", params={"codes": ", ".join(unknown)}
        )
