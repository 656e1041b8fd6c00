"""What the maps are given: a zoom limit and place names without tiles, wordings for cluster
counts in any language, the bundled place files, and links to OpenStreetMap."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import ngettext

from campaigns.cooperation_day import places
from campaigns.cooperation_day.models.events import openstreetmap_url
from campaigns.cooperation_day.page_views import (
    MAX_ZOOM_WITH_TILES,
    MAX_ZOOM_WITHOUT_TILES,
    PLURAL_TABLE_SIZE,
    map_settings,
    plural_table,
)

# Plural-Forms of the portal's languages with more than two forms (from their gettext catalogues).
PLURAL_RULES = {
    "cs": lambda n: 0 if n == 1 else 1 if 2 <= n <= 4 else 2,
    "ga": lambda n: 0 if n == 1 else 1 if n == 2 else 2 if n < 7 else 3 if n < 11 else 4,
    "hr": lambda n: (
        0
        if n % 10 == 1 and n % 100 != 11
        else 1
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14
        else 2
    ),
    "lt": lambda n: (
        0
        if n % 10 == 1 and n % 100 != 11
        else 1
        if n % 10 >= 2 and (n % 100 < 10 or n % 100 >= 20)
        else 2
    ),
    "lv": lambda n: 0 if n % 10 == 1 and n % 100 != 11 else 1 if n != 0 else 2,
    "mt": lambda n: (
        0 if n == 1 else 1 if n == 0 or 1 < n % 100 < 11 else 2 if 10 < n % 100 < 20 else 3
    ),
    "pl": lambda n: (
        0 if n == 1 else 1 if 2 <= n % 10 <= 4 and (n % 100 < 10 or n % 100 >= 20) else 2
    ),
    "ro": lambda n: 0 if n == 1 else 1 if n == 0 or 0 < n % 100 < 20 else 2,
    "sl": lambda n: 0 if n % 100 == 1 else 1 if n % 100 == 2 else 2 if n % 100 in (3, 4) else 3,
}


def _browser_text(table: dict, count: int) -> str:
    """What event-map.js's countText picks."""
    index = count if count < len(table["index"]) else 100 + count % 100
    return table["texts"][table["index"][index]].replace("%(count)s", str(count))


@override_settings(MAP_TILE_URL="")
def test_without_tiles_the_maps_stop_at_a_regional_zoom_and_draw_place_names():
    values = map_settings()
    assert values["maxZoom"] == MAX_ZOOM_WITHOUT_TILES < MAX_ZOOM_WITH_TILES
    assert values["labelsUrl"].endswith("geo/place-labels.json")


@override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
def test_tiles_carry_their_own_detail_and_names():
    values = map_settings()
    assert values["maxZoom"] == MAX_ZOOM_WITH_TILES
    assert values["labelsUrl"] == ""


def test_the_marker_images_are_named_for_the_script_which_cannot_guess_hashed_names():
    from django.contrib.staticfiles import finders

    icons = map_settings()["markerIcons"]
    assert sorted(icons) == ["iconRetinaUrl", "iconUrl", "shadowUrl"]
    for url, name in zip(
        (icons["iconUrl"], icons["iconRetinaUrl"], icons["shadowUrl"]),
        ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"),
        strict=True,
    ):
        assert url.endswith(name)
        assert finders.find(f"vendor/leaflet/images/{name}")


def test_a_cluster_is_named_by_its_count_and_what_opening_it_does():
    table = map_settings()["clusterZoomIn"]
    assert _browser_text(table, 1) == "1 event, zoom in"
    assert _browser_text(table, 52) == "52 events, zoom in"
    assert _browser_text(table, 10_001) == "10001 events, zoom in"
    spread = map_settings()["clusterSpread"]
    assert _browser_text(spread, 3) == "3 events at this place, show them"


@pytest.mark.parametrize("language", sorted(PLURAL_RULES))
def test_the_plural_table_gives_every_count_its_languages_form(language):
    rule = PLURAL_RULES[language]
    table = plural_table(lambda n: f"form {rule(n)}: %(count)s")
    assert len(table["index"]) == PLURAL_TABLE_SIZE
    for count in [*range(2_000), 10_000, 10_001, 10_002, 10_005, 10_011, 10_012, 123_456]:
        assert _browser_text(table, count) == f"form {rule(count)}: {count}", count


def test_the_plural_table_keeps_each_wording_once():
    table = plural_table(lambda n: ngettext("%(count)s event", "%(count)s events", n))
    assert table["texts"] == ["%(count)s events", "%(count)s event"]
    assert table["index"][:3] == [0, 1, 0]


def test_the_static_place_files_are_built_from_the_gazetteer():
    """Run `manage.py build_map_places` when this fails."""
    for path, content in places.map_files().items():
        assert path.read_text(encoding="utf-8") == content, path.name


def test_larger_places_are_named_at_lower_zooms_and_parts_of_cities_not_at_all():
    assert places.label_zoom(3_500_000) == 3
    assert places.label_zoom(1_000_000) == 4
    assert places.label_zoom(60_000) == places.MAX_LABEL_ZOOM == MAX_ZOOM_WITHOUT_TILES
    assert places.label_zoom(49_999) is None
    labels = {name: zoom for name, _latitude, _longitude, zoom in places.map_labels()}
    assert labels["Berlin"] < labels["Graz"] < labels["Görlitz"]
    # Bucharest's and Hamburg's districts are parts of them; Mainz and Wiesbaden are towns.
    assert "Bucharest" in labels and "Sector 3" not in labels
    assert "Hamburg" in labels and "Wandsbek" not in labels
    assert "Mainz" in labels and "Wiesbaden" in labels


def test_the_search_file_holds_every_place_with_the_names_people_type():
    rows = json.loads(places.MAP_SEARCH_FILE.read_text(encoding="utf-8"))
    assert len(rows) == len(json.loads(places.PLACES_FILE.read_text(encoding="utf-8")))
    vienna = next(row for row in rows if row[0] == "Vienna")
    assert vienna[:4] == ["Vienna", "AT", 48.208, 16.372]
    assert "Wien" in vienna[4]
    assert "VIE" not in vienna[4] and not any(alias.islower() for alias in vienna[4])


def test_an_openstreetmap_link_pins_the_position_at_street_level():
    assert openstreetmap_url("48.14", "17.1") == (
        "https://www.openstreetmap.org/?mlat=48.14000&mlon=17.10000#map=16/48.14000/17.10000"
    )


@pytest.mark.django_db
def test_an_event_page_links_each_place_to_openstreetmap(client, mixed):
    published, online = mixed["published"], mixed["online"]
    assert published.openstreetmap_urls == [
        openstreetmap_url(published.latitude, published.longitude),
        openstreetmap_url("48.14", "17.1"),
    ]
    assert online.openstreetmap_urls == []

    page = client.get(reverse("cooperation_day:event_detail", args=[published.public_id]))
    html = page.content.decode()
    assert "Open in OpenStreetMap" in html
    assert "Open the place across the border in OpenStreetMap" in html
    assert 'href="https://www.openstreetmap.org/?mlat=48.14000&amp;mlon=17.10000' in html
    assert published.address in html

    page = client.get(reverse("cooperation_day:event_detail", args=[online.public_id]))
    assert "OpenStreetMap" not in page.content.decode()
