"""A visitor looking for partners finds who has worked on cross-border health in Western
Slovenia, reads why a region they typed is not one, and opens a project page whose partners
are in a table and on a map they reach with the keyboard, with the project's keep.eu page
linked."""

from datetime import date
from decimal import Decimal

import pytest

from portal.accounts.models import Programme
from tests.e2e.conftest import checked, visit
from tests.factories.hub import PartnerFactory, ProjectFactory, ThemeFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _on_a_phone(page, screenshot: str) -> None:
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    checked(page, screenshot=screenshot)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(desktop)


def build_projects():
    health = ThemeFactory(slug="health", name="Health and social care")
    water = ThemeFactory(slug="water", name="Water management")
    # The demo site has the programme: its projects are added here.
    italy_slovenia = Programme.objects.get(acronym="ITA-SLO")
    care = ProjectFactory(
        keep_id="8125",
        acronym="CROSSCARE",
        name="Emergency care without borders between Gorizia and Nova Gorica",
        programme=italy_slovenia,
        call="First call for standard projects",
        start_date=date(2023, 3, 1),
        end_date=date(2026, 2, 28),
        total_budget=Decimal("2450000.00"),
        eu_funding=Decimal("1960000.00"),
        summary=(
            "Ambulances from both towns answer calls on either side of the border, and the "
            "two hospitals share their emergency rooms and their specialists."
        ),
    )
    care.themes.add(health)
    for position, (organisation, kind, role, country, nuts, town, latitude, longitude) in enumerate(
        [
            (
                "Splošna bolnišnica dr. Franca Derganca Nova Gorica",
                "public_authority",
                "lead",
                "SI",
                "SI043",
                "Nova Gorica",
                "45.95600",
                "13.64800",
            ),
            (
                "Azienda sanitaria universitaria Giuliano Isontina",
                "public_authority",
                "partner",
                "IT",
                "ITH43",
                "Gorizia",
                "45.94000",
                "13.62000",
            ),
            (
                "Univerza v Ljubljani, Medicinska fakulteta",
                "higher_education",
                "partner",
                "SI",
                "SI041",
                "Ljubljana",
                "46.05100",
                "14.50500",
            ),
        ]
    ):
        PartnerFactory(
            project=care,
            organisation=organisation,
            organisation_type=kind,
            role=role,
            country=country,
            nuts_code=nuts,
            town=town,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            position=position,
        )
    soca = ProjectFactory(
        acronym="SOCA-LIVE",
        name="A living Soča: one river, two countries",
        programme=italy_slovenia,
        start_date=date(2022, 9, 1),
    )
    soca.themes.add(water)
    PartnerFactory(project=soca, organisation="Občina Tolmin", country="SI", nuts_code="SI044")
    alps = ProjectFactory(acronym="ALPCARE", name="Mountain medicine in the Alps")
    alps.themes.add(health)
    PartnerFactory(project=alps, organisation="CHU Grenoble Alpes", country="FR", nuts_code="FRK24")
    return care


def test_a_visitor_finds_partners_by_theme_and_region_and_opens_the_project(site, page):
    care = build_projects()

    visit(page, f"{site.url}/projects/", screenshot="projects-search")
    assert page.get_by_text("3 projects").is_visible()

    page.get_by_label("Theme").select_option(label="Health and social care")
    page.get_by_label("Partner's region (NUTS code)").fill("Slovenia")
    page.get_by_role("button", name="Show projects").click()
    checked(page)
    assert page.locator("#id_region_error").get_by_text("Type a NUTS code").is_visible()
    assert page.get_by_label("Partner's region (NUTS code)").input_value() == "Slovenia"

    page.get_by_label("Partner's region (NUTS code)").fill("si04")
    page.get_by_role("button", name="Show projects").click()
    checked(page, screenshot="projects-partners-found")
    assert "theme=health" in page.url and "region=si04" in page.url
    assert page.get_by_text("1 project", exact=True).is_visible()
    result = page.locator("article", has_text="CROSSCARE")
    assert result.get_by_text("Splošna bolnišnica dr. Franca Derganca Nova Gorica").is_visible()
    assert result.get_by_text("Univerza v Ljubljani, Medicinska fakulteta").is_visible()
    # The Italian partner is in the project but not in the region asked for.
    assert result.get_by_text("Azienda sanitaria").count() == 0
    assert page.get_by_role("link", name="ALPCARE").count() == 0
    assert page.get_by_role("link", name="SOCA-LIVE").count() == 0
    _on_a_phone(page, "projects-partners-found-phone")

    page.get_by_role("link", name="CROSSCARE").click()
    page.wait_for_selector("#partner-map[data-loaded='3']")
    checked(page, screenshot="project-page")
    assert page.get_by_role("heading", level=1).inner_text().startswith("CROSSCARE")
    keep = page.get_by_role("link", name="This project on keep.eu")
    assert keep.get_attribute("href") == care.keep_url == "https://keep.eu/projects/8125/"
    assert page.get_by_text("Source: keep.eu").is_visible()
    assert page.get_by_role("link", name=care.programme.name).is_visible()
    rows = page.locator("table tbody tr")
    assert rows.count() == 3
    assert rows.first.inner_text().startswith("Splošna bolnišnica")

    # Each partner's marker is reached with the keyboard and names the partner.
    marker = page.locator(
        ".leaflet-marker-icon[title='Univerza v Ljubljani, Medicinska fakulteta']"
    )
    assert marker.get_attribute("tabindex") == "0"
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    # The pop-up fades in: axe measures its contrast once it is fully there.
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    assert "Ljubljana, Slovenia" in popup.inner_text()
    _on_a_phone(page, "project-page-phone")
