"""Interreg near me with a keyboard: a visitor types a town, chooses it from the suggestions
and sees the programmes covering it, Cooperation Day events and projects nearby, on the map
and in the lists; a town the portal does not know is said next to the field; the browser's
position is sent rounded; on a phone the page reflows into one column."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import checked, visit
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.cooperation_day import make_edition, make_event
from tests.factories.hub import PartnerFactory, ProjectFactory

pytestmark = pytest.mark.e2e


def _around_ljubljana():
    edition = make_edition()
    programme = ProgrammeFactory(
        name="Interreg VI-A Italy-Slovenia",
        acronym="ITA-SLO-E2E",
        countries=["IT", "SI"],
        area_nuts_codes="ITH43 ITH44 SI041 SI043 SI044",
    )
    ProgrammeFactory(name="Interreg Upper Rhine test", area_nuts_codes="FRF11 DE13")
    make_event(
        edition,
        programme,
        UserFactory(),
        title="Open day at the Ljubljanica locks",
        venue="Ljubljanica locks",
        address="Poljanski nasip, Ljubljana",
        countries=["SI"],
        time_zone="Europe/Ljubljana",
        latitude=Decimal("46.04700"),
        longitude=Decimal("14.51700"),
    )
    project = ProjectFactory(acronym="KARST-WATER", programme=programme, name="Clean karst water")
    PartnerFactory(project=project, organisation="University of Ljubljana", town="Ljubljana")
    return programme


def test_a_visitor_finds_interreg_near_a_town_with_the_keyboard(site, page):
    programme = _around_ljubljana()
    visit(page, site.url + "/near-me/", screenshot="near-me-start")

    field = page.get_by_role("combobox", name="Town or city")
    field.focus()
    page.keyboard.type("ljublj")
    options = page.get_by_role("listbox", name="Towns and cities found").get_by_role("option")
    options.first.wait_for()
    assert options.first.inner_text() == "Ljubljana, Slovenia"
    page.keyboard.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/near-me/\?place=Ljubljana"))
    page.locator("#near-me-map[data-loaded='2']").wait_for()
    expect(page.get_by_role("heading", level=2, name="Ljubljana")).to_be_visible()
    expect(page.get_by_text("In the region Osrednjeslovenska (NUTS SI041).")).to_be_visible()
    expect(page.get_by_role("link", name=programme.name)).to_have_attribute(
        "href", programme.get_absolute_url()
    )
    expect(page.get_by_role("link", name="Interreg Upper Rhine test")).to_have_count(0)
    expect(page.get_by_role("link", name="Open day at the Ljubljanica locks")).to_be_visible()
    expect(page.get_by_role("link", name="KARST-WATER")).to_be_visible()
    expect(page.get_by_text("University of Ljubljana (Ljubljana)")).to_be_visible()
    # The region's outline, the place and the two markers are drawn, with the attribution.
    assert page.locator("#near-me-map path.leaflet-interactive").count() == 2
    expect(page.locator("#near-me-map .leaflet-control-attribution")).to_contain_text(
        "EuroGeographics"
    )
    checked(page, screenshot="near-me-ljubljana")

    # A town the portal does not know, sent with the button: said next to the field, kept.
    field = page.get_by_role("combobox", name="Town or city")
    field.fill("Atlantis-upon-Sea")
    page.get_by_role("button", name="Show what is near").click()
    page.wait_for_url(re.compile(r"/near-me/\?place=Atlantis-upon-Sea"))
    expect(page.locator("#id_place_error")).to_contain_text("We do not know “Atlantis-upon-Sea”")
    assert page.get_by_role("combobox", name="Town or city").input_value() == "Atlantis-upon-Sea"
    checked(page, screenshot="near-me-unknown")


def test_the_browser_position_is_sent_rounded(site, page):
    _around_ljubljana()
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 46.056912, "longitude": 14.505843})
    visit(page, site.url + "/near-me/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url(re.compile(r"lat=46\.06&lon=14\.51"))
    expect(page.get_by_role("heading", level=2, name="Your location")).to_be_visible()
    expect(page.get_by_text("In the region Osrednjeslovenska (NUTS SI041).")).to_be_visible()
    assert "46.056912" not in page.content()
    checked(page)


def test_on_a_phone_the_page_reflows(site, phone_page):
    _around_ljubljana()
    visit(phone_page, site.url + "/near-me/?place=Ljubljana", screenshot="near-me-phone")
    phone_page.locator("#near-me-map[data-loaded='2']").wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    # The attribution under the map is not covered by it.
    map_box = phone_page.locator("#near-me-map").bounding_box()
    note_box = phone_page.locator(".near-me__attribution").bounding_box()
    assert map_box["y"] + map_box["height"] <= note_box["y"]
    checked(phone_page, screenshot="near-me-phone-map")
