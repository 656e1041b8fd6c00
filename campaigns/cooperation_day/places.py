"""Typed place names to map positions, from a bundled gazetteer (see data/NOTICE.md)."""

import json
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

PLACES_FILE = Path(__file__).parent / "data" / "places.json"


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    latitude: float
    longitude: float


def _fold(text: str) -> str:
    """Case and accents do not matter: "zurich" finds Zürich."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    # Rows come largest first, so a shared name means the biggest place of that name.
    for row in json.loads(PLACES_FILE.read_text(encoding="utf-8")):
        name, country, latitude, longitude, _population = row[:5]
        place = Place(name, country, latitude, longitude)
        for alias in [name, *(row[5] if len(row) > 5 else [])]:
            index.setdefault(_fold(alias), place)
            index.setdefault(f"{_fold(alias)}|{country.lower()}", place)
    return index


def place_find(text: str) -> Place | None:
    """The place a visitor typed: "Graz", "Görlitz, DE" or "Frankfurt (Oder)"-like names."""
    text = (text or "").strip()
    if not text:
        return None
    index = _index()
    found = index.get(_fold(text))
    if found is None and "," in text:
        name, _comma, country = text.rpartition(",")
        found = index.get(f"{_fold(name)}|{_fold(country)}") or index.get(_fold(name))
    return found


def place_in_country(name: str, country: str) -> Place | None:
    """The place called `name` in `country` (ISO alpha-2), or None: never one of the same name
    elsewhere, as an importer placing an organisation by its town and country needs."""
    if not (name or "").strip() or not country:
        return None
    return _index().get(f"{_fold(name)}|{country.strip().lower()}")


# What the maps draw and search in the browser, built from the gazetteer into static files
# (`manage.py build_map_places`), so a map without a tile server still names its places and the
# position picker finds a typed town with no request beyond the portal's own static files.
MAP_LABELS_FILE = Path(settings.BASE_DIR) / "static" / "geo" / "place-labels.json"
MAP_SEARCH_FILE = Path(settings.BASE_DIR) / "static" / "geo" / "places.json"

# The zoom from which a place's name is drawn, by population: the larger places name the map
# when it shows a whole country, the smaller ones only once it shows a region.
LABEL_ZOOMS = (
    (3_000_000, 3),
    (1_000_000, 4),
    (500_000, 5),
    (200_000, 6),
    (100_000, 7),
    (50_000, 8),
)
MAX_LABEL_ZOOM = LABEL_ZOOMS[-1][1]


def _rows() -> list:
    return json.loads(PLACES_FILE.read_text(encoding="utf-8"))


def label_zoom(population: int) -> int | None:
    """The first zoom at which a place of `population` is named; None: never."""
    for smallest, zoom in LABEL_ZOOMS:
        if population >= smallest:
            return zoom
    return None


# The gazetteer also lists parts of cities ("Sector 3", "Paris 15 Vaugirard"): a place this
# close to one at least this many times larger is taken for a part of it and not named.
DISTRICT_DISTANCE_KM = 8
DISTRICT_POPULATION_RATIO = 3
_CELL = (0.1, 0.2)  # degrees of latitude, longitude; each cell is under 8 km across up to 64°N


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    mean_latitude = math.radians((a[0] + b[0]) / 2)
    north = (a[0] - b[0]) * 111.2
    east = (a[1] - b[1]) * 111.2 * math.cos(mean_latitude)
    return math.hypot(north, east)


def map_labels() -> list[list]:
    """[name, latitude, longitude, first zoom], largest places first (the browser keeps the
    larger of two labels that would overlap)."""
    labels = []
    larger: dict[tuple[int, int], list[tuple[tuple[float, float], int]]] = {}
    for name, _country, latitude, longitude, population, *_aliases in _rows():
        zoom = label_zoom(population)
        if zoom is None:
            continue  # rows come largest first: the rest are smaller still
        position = (latitude, longitude)
        row, column = int(latitude // _CELL[0]), int(longitude // _CELL[1])
        neighbours = (
            other
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for other in larger.get((row + dy, column + dx), ())
        )
        district = any(
            other_population >= DISTRICT_POPULATION_RATIO * population
            and _distance_km(position, other_position) < DISTRICT_DISTANCE_KM
            for other_position, other_population in neighbours
        )
        larger.setdefault((row, column), []).append((position, population))
        if not district:
            labels.append([name, latitude, longitude, zoom])
    return labels


def _searchable(alias: str) -> bool:
    # Names people type: not airport codes ("MOW") nor lower-case transliterations.
    return alias[:1].isupper() and not (len(alias) <= 3 and alias.isupper())


def map_search_places() -> list[list]:
    """[name, country, latitude, longitude, other names], largest places first."""
    places = []
    for name, country, latitude, longitude, _population, *rest in _rows():
        aliases = [alias for alias in (rest[0] if rest else []) if _searchable(alias)]
        places.append([name, country, latitude, longitude, *([aliases] if aliases else [])])
    return places


def map_files() -> dict[Path, str]:
    """The static files' content, as `build_map_places` writes them."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"

    return {MAP_LABELS_FILE: dump(map_labels()), MAP_SEARCH_FILE: dump(map_search_places())}
