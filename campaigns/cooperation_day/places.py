"""Typed place names to map positions, from a bundled gazetteer (see data/NOTICE.md)."""

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
