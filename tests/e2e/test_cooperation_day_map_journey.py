"""Cooperation Day's maps without a tile server, used with a keyboard: an organiser places the
pin by typing a town, a visitor opens a cluster of events, an event page names its address and
links to OpenStreetMap, the maps stop at a zoom the outlines and place names still orient, and
reduced motion is honoured."""

import json
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from campaigns.cooperation_day.models import Event
from campaigns.cooperation_day.page_views import MAX_ZOOM_WITHOUT_TILES
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event

pytestmark = pytest.mark.e2e


def _map_settings(page) -> dict:
    return json.loads(page.locator("#map-settings").text_content())


def test_an_organiser_places_the_pin_by_typing_a_town(site, page):
    edition = make_edition()
    ProgrammeFactory(name="Interreg Austria-Hungary", countries=["AT", "HU"])
    organiser = UserFactory(email="mira@example.org")

    visit(page, site.url + "/cooperation-day/events/new/")
    sign_in_from(page, organiser.email)
    page.wait_for_selector("#position-map.leaflet-container")
    page.get_by_label("Title", exact=True).fill("Apple harvest at the border")
    search = page.get_by_role("combobox", name="Find a town or city")
    assert search.is_visible()

    # A name the gazetteer does not know: said so, and the form is not sent.
    search.focus()
    page.keyboard.type("Atlantis")
    page.keyboard.press("Enter")
    status = page.locator("[data-place-search-status]")
    expect(status).to_contain_text("No town or city of that name is known to the map.")
    assert page.url.endswith("/cooperation-day/events/new/")

    # Keyboard only: type, go down the list, choose.
    page.keyboard.press("Control+A")
    page.keyboard.type("graz")
    options = page.get_by_role("listbox", name="Towns and cities found").get_by_role("option")
    options.first.wait_for()
    assert options.first.inner_text() == "Graz, Austria"
    assert search.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    checked(page, screenshot="map-picker-options")
    page.keyboard.press("Enter")

    expect(status).to_contain_text(
        "The pin is at Graz, Austria: latitude 47.06700, longitude 15.44200."
    )
    assert search.get_attribute("aria-expanded") == "false"
    assert page.get_by_label("Latitude", exact=True).input_value() == "47.06700"
    assert page.get_by_label("Longitude", exact=True).input_value() == "15.44200"
    pin = page.locator("#position-map .leaflet-marker-icon[title='The place']")
    assert pin.count() == 1
    # The map moved to the pin, and names the places around it.
    page.locator("#position-map .map-label span", has_text="Graz").wait_for()
    assert page.url.endswith("/cooperation-day/events/new/")
    checked(page, screenshot="map-picker-placed")

    page.get_by_role("button", name="Save as draft").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/cooperation-day/my-events/")
    event = Event.objects.get(title="Apple harvest at the border")
    assert (event.latitude, event.longitude) == (Decimal("47.06700"), Decimal("15.44200"))
    assert event.edition_id == edition.pk


def _events_in_two_groups(edition):
    programme = ProgrammeFactory(countries=["AT", "SK", "PT"])
    organiser = UserFactory()
    places = {
        "Vienna lantern walk": ("48.20800", "16.37200", ["AT"]),
        "Bratislava river walk": ("48.14800", "17.10700", ["SK"]),
        "Eisenstadt wine day": ("47.84600", "16.52700", ["AT"]),
        "Porto bridge day": ("41.14800", "-8.61100", ["PT"]),
        "Braga open day": ("41.55100", "-8.42300", ["PT"]),
    }
    for title, (latitude, longitude, countries) in places.items():
        make_event(
            edition,
            programme,
            organiser,
            title=title,
            latitude=latitude,
            longitude=longitude,
            countries=countries,
            time_zone="Europe/Lisbon" if countries == ["PT"] else "Europe/Vienna",
        )


def test_a_visitor_opens_clusters_with_the_keyboard(site, page):
    _events_in_two_groups(make_edition())
    visit(page, site.url + "/cooperation-day/", screenshot="map-finder-clusters")
    page.wait_for_selector("#event-map[data-loaded='5']")
    assert _map_settings(page)["maxZoom"] == MAX_ZOOM_WITHOUT_TILES

    three = page.get_by_role("button", name="3 events, zoom in")
    assert three.get_attribute("tabindex") == "0"
    assert page.get_by_role("button", name="2 events, zoom in").is_visible()
    three.focus()
    page.keyboard.press("Enter")
    for title in ("Vienna lantern walk", "Bratislava river walk", "Eisenstadt wine day"):
        page.locator(f"#event-map .leaflet-marker-icon[title='{title}']").wait_for()
    assert page.locator("#event-map .leaflet-marker-icon[title='Porto bridge day']").count() == 0
    # Focus stays in the map for the next key.
    assert page.evaluate("document.activeElement.id") == "event-map"

    # Space does the same, and does not scroll the page.
    visit(page, site.url + "/cooperation-day/")
    page.wait_for_selector("#event-map[data-loaded='5']")
    two = page.get_by_role("button", name="2 events, zoom in")
    two.focus()
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press(" ")
    for title in ("Porto bridge day", "Braga open day"):
        page.locator(f"#event-map .leaflet-marker-icon[title='{title}']").wait_for()
    assert page.evaluate("window.scrollY") == scrolled
    checked(page, screenshot="map-finder-opened")


def test_an_event_page_gives_the_address_and_a_link_to_openstreetmap(site, page, phone_page):
    edition = make_edition()
    event = make_event(
        edition,
        ProgrammeFactory(countries=["AT", "SK"]),
        UserFactory(),
        title="Bratislava river walk",
        venue="Danube embankment",
        address="Rázusovo nábrežie, Bratislava",
        latitude="48.14000",
        longitude="17.10000",
        second_latitude="48.14600",
        second_longitude="16.94200",
        countries=["SK", "AT"],
    )
    url = f"{site.url}/cooperation-day/events/{event.public_id}/"

    visit(page, url, screenshot="map-event-desktop")
    where = page.locator(".facts__place")
    assert where.get_by_text("Danube embankment").is_visible()
    assert where.get_by_text("Rázusovo nábrežie, Bratislava").is_visible()
    link = page.get_by_role("link", name="Open in OpenStreetMap", exact=True)
    assert link.get_attribute("href") == (
        "https://www.openstreetmap.org/?mlat=48.14000&mlon=17.10000#map=16/48.14000/17.10000"
    )
    other = page.get_by_role("link", name="Open the place across the border in OpenStreetMap")
    assert "mlat=48.14600&mlon=16.94200" in other.get_attribute("href")

    # No tiles: the map stops at a regional zoom and names the places itself.
    assert _map_settings(page)["maxZoom"] == MAX_ZOOM_WITHOUT_TILES
    detail_map = page.locator("#event-detail-map")
    detail_map.locator(".map-label span", has_text="Bratislava").wait_for()
    zoom_in = detail_map.locator(".leaflet-control-zoom-in")
    for _step in range(4):
        if zoom_in.get_attribute("aria-disabled") == "true":
            break
        zoom_in.click()
    assert zoom_in.get_attribute("aria-disabled") == "true"
    # Nothing was fetched from openstreetmap.org: the page guard fails the test otherwise.

    visit(phone_page, url, screenshot="map-event-phone")
    assert phone_page.get_by_role("link", name="Open in OpenStreetMap", exact=True).is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360


def test_show_on_map_honours_reduced_motion(site, page, phone_page):
    _events_in_two_groups(make_edition())

    # The control: with motion allowed, Leaflet animates its zooms (through its zoom proxy).
    visit(page, site.url + "/cooperation-day/")
    page.wait_for_selector("#event-map[data-loaded='5']")
    assert page.locator("#event-map .leaflet-proxy").count() == 1

    phone_page.emulate_media(reduced_motion="reduce")
    visit(phone_page, site.url + "/cooperation-day/", screenshot="map-finder-phone")
    phone_page.wait_for_selector("#event-map[data-loaded='5']")
    assert phone_page.locator("#event-map .leaflet-proxy").count() == 0
    phone_page.get_by_role("button", name="Show on map — Braga open day").click()
    popup = phone_page.locator("#event-map .leaflet-popup")
    popup.get_by_role("link", name="Braga open day").wait_for()
    assert phone_page.locator("#event-map .leaflet-proxy").count() == 0
    checked(phone_page, screenshot="map-finder-phone-shown")
