"""A visitor opens the programme directory from the main navigation (on a phone through the
menu), opens a programme and finds how to contact it, its logo, its coming Cooperation Day
events and its Slam films."""

import pytest

from campaigns.slam.models import SlamApplication, SlamVideo
from portal.accounts.models import Programme
from tests.e2e.conftest import checked, visit
from tests.factories import UserFactory
from tests.factories.brand import make_asset
from tests.factories.cooperation_day import make_edition, make_event
from tests.factories.slam import make_application, make_slam_edition

pytestmark = pytest.mark.e2e


def slovakia_austria() -> Programme:
    """A demo programme, with its contacts, events, films and logo."""
    programme = Programme.objects.get(acronym__iexact="SK-AT")
    programme.contact_email = "js@sk-at.eu"
    programme.contact_phone = "+421 2 4826 4300"
    programme.contact_address = (
        "Joint Secretariat Interreg Slovakia-Austria\nSabinovská 16\n820 05 Bratislava"
    )
    programme.save()
    organiser = UserFactory(email="organiser@example.org")
    edition = make_edition()
    make_event(
        edition,
        programme,
        organiser,
        title="Open day at the Hainburg bridge",
        venue="Donaubrücke Hainburg",
        address="Hauptplatz 1, Hainburg an der Donau",
    )
    make_event(
        edition,
        programme,
        organiser,
        title="Cycling the Danube from Devín to Hainburg",
        venue="Devín castle car park",
        address="Muránska, Bratislava-Devín",
        countries=["SK", "AT"],
    )
    slam = make_slam_edition(phase="voting")
    film = make_application(
        slam,
        programme,
        None,
        status=SlamApplication.Status.SHORTLISTED,
        project_name="Storks of the Morava floodplains",
        project_acronym="STORKS",
    )
    SlamVideo.objects.create(
        application=film,
        video_url="https://vimeo.com/76979871",
        description="Rangers on both banks of the Morava follow the storks of the floodplains.",
    )
    make_application(
        slam,
        programme,
        None,
        status="submitted",
        project_name="Still in review",
        project_acronym="REVIEW",
    )
    make_asset(title="Interreg Slovakia-Austria logo", programme=programme)
    return programme


def test_a_visitor_finds_a_programme_and_everything_it_does(site, page):
    programme = slovakia_austria()

    visit(page, site.url + "/")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Programmes").click()
    page.wait_for_url("**/programmes/")
    checked(page, screenshot="programme-directory")
    assert nav.get_by_role("link", name="Programmes").get_attribute("aria-current") == "page"

    page.get_by_label("Name or acronym").fill("Slovakia")
    page.get_by_role("button", name="Show programmes").click()
    checked(page)
    page.get_by_role("link", name=programme.name).click()
    page.wait_for_url(f"**/programmes/{programme.slug}/")
    checked(page, screenshot="programme-page")
    assert nav.get_by_role("link", name="Programmes").get_attribute("aria-current") == "true"
    assert page.get_by_role("heading", level=1, name=programme.name).is_visible()

    # How to reach the programme.
    contact = page.get_by_role("region", name="Contact")
    assert contact.get_by_role("link", name="js@sk-at.eu").is_visible()
    assert contact.get_by_role("link", name="+421 2 4826 4300").is_visible()
    assert contact.get_by_text("Sabinovská 16").is_visible()

    # Its logo, from the brand library, loaded through the library's own preview.
    logo = page.locator("[data-brand-logo]")
    assert logo.is_visible()
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.get_by_role("link", name="Logo files in the brand library").is_visible()

    # What the programme does, listed on the page and reachable from its table of contents.
    contents = page.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name="Cooperation Day events").click()
    events = page.get_by_role("region", name="Cooperation Day events")
    assert events.get_by_role("link", name="Open day at the Hainburg bridge").is_visible()
    assert events.get_by_role("link", name="Cycling the Danube from Devín to Hainburg").is_visible()
    slam = page.get_by_role("region", name="Interreg Slam")
    assert slam.get_by_role("link", name="Storks of the Morava floodplains").is_visible()
    assert slam.get_by_text("Rangers on both banks of the Morava").is_visible()
    assert page.get_by_text("Still in review").count() == 0

    # "See all" leads to the events finder, filtered to the programme.
    events.get_by_role("link", name="See all 2 events on the map").click()
    page.wait_for_url(f"**?programme={programme.slug}")
    checked(page)
    assert page.get_by_role("link", name="Open day at the Hainburg bridge").first.is_visible()

    # An event opened from the programme's page.
    page.go_back()
    page.wait_for_url(f"**/programmes/{programme.slug}/#section-events")
    page.get_by_role("link", name="Open day at the Hainburg bridge").click()
    page.wait_for_url("**/cooperation-day/events/**")
    checked(page)


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_the_directory_is_in_the_menu(site, phone_page, width):
    page = phone_page
    page.set_viewport_size({"width": width, "height": 800})
    programme = slovakia_austria()
    visit(page, site.url + "/")
    page.get_by_role("button", name="Menu").click()
    nav = page.get_by_role("navigation", name="Main")
    checked(page, screenshot=f"menu-phone-{width}")
    nav.get_by_role("link", name="Programmes").click()
    page.wait_for_url("**/programmes/")
    checked(page)
    page.get_by_role("combobox", name="Country").select_option(label="Slovakia")
    page.get_by_role("button", name="Show programmes").click()
    checked(page)
    page.get_by_role("link", name=programme.name).click()
    page.wait_for_url(f"**/programmes/{programme.slug}/")
    checked(page, screenshot=f"programme-page-phone-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert (
        page.get_by_role("region", name="Contact")
        .get_by_role("link", name="js@sk-at.eu")
        .is_visible()
    )
    assert page.get_by_role("link", name="Storks of the Morava floodplains").is_visible()
