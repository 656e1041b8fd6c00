"""Cooperation Day journeys: an organiser registers an event by clicking the map, a moderator
approves it, it shows on the public map, list, GeoJSON and iCal; a visitor filters, opens the
event and signs up; the map copes with ten thousand events."""

import re

import pytest
from icalendar import Calendar

from campaigns.cooperation_day.models import Event, EventAttendee
from portal.core.capacity import PlaceStatus
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import ProgrammeFactory, UserFactory, totp_code
from tests.factories.cooperation_day import make_edition, make_event, make_events, make_moderator

pytestmark = pytest.mark.e2e


def test_an_event_goes_from_the_map_click_to_the_public_map(site, page, browser, mailoutbox):
    edition = make_edition()
    programme = ProgrammeFactory(name="Interreg Slovakia-Austria", countries=["SK", "AT"])
    organiser = UserFactory(email="lena@example.org", first_name="Lena", last_name="Weber")
    moderator = make_moderator("campaign@example.org", countries=["AT"])

    # The organiser registers the event; its place is set by clicking the map.
    visit(page, site.url + "/cooperation-day/events/new/")
    sign_in_from(page, organiser.email)
    checked(page, screenshot="cooperation-day-register")
    page.get_by_label("Title", exact=True).fill("Lanterns on the Danube")
    page.get_by_label("Description", exact=True).fill("Neighbours from both banks light the river.")
    page.get_by_label("Type of event").select_option("festival")
    page.get_by_label("Themes").fill("rivers, culture")
    page.get_by_label("Organised by").fill("Danube Lanterns project")
    page.get_by_label("Programme", exact=True).select_option(str(programme.pk))
    page.get_by_label("Starts").fill(f"{edition.year}-09-21T18:00")
    page.get_by_label("Ends").fill(f"{edition.year}-09-21T22:00")
    page.get_by_label("Time zone").select_option("Europe/Vienna")
    page.get_by_label("Venue", exact=True).fill("Riverside promenade")
    page.get_by_label("Address", exact=True).fill("Donaulände, Hainburg")
    page.get_by_label("Countries").select_option(["AT", "SK"])
    page.get_by_label("German").check()
    assert page.get_by_label("Latitude", exact=True).input_value() == ""
    page.locator("#position-map").click(position={"x": 300, "y": 150})
    latitude = float(page.get_by_label("Latitude", exact=True).input_value())
    longitude = float(page.get_by_label("Longitude", exact=True).input_value())
    assert -90 <= latitude <= 90 and -180 <= longitude <= 180
    page.get_by_label("Sign up on this portal").check()
    page.get_by_label("Places").fill("2")
    page.get_by_role("button", name="Submit for review").click()
    checked(page, screenshot="cooperation-day-my-events")
    assert page.get_by_text("Your event is waiting for review").is_visible()
    assert (
        page.get_by_role("row", name=re.compile("Lanterns on the Danube"))
        .get_by_text("Waiting for review")
        .is_visible()
    )
    event = Event.objects.get(title="Lanterns on the Danube")
    assert float(event.latitude) == pytest.approx(latitude, abs=1e-5)

    # Not public yet.
    visitor_context = browser.new_context(locale="en-GB")
    visitor = visitor_context.new_page()
    assert (
        visitor.request.get(site.url + "/cooperation-day/events.geojson").json()["features"] == []
    )

    # The moderator approves it from the queue.
    moderator_context = browser.new_context(locale="en-GB")
    admin = moderator_context.new_page()
    admin.goto(site.url + "/admin/cooperation-day/queue/")
    sign_in_from(admin, moderator.email)
    admin.get_by_label("Code").fill(totp_code())
    admin.get_by_role("button", name="Sign In", exact=True).click()
    admin.wait_for_url("**/admin/cooperation-day/queue/")
    admin.get_by_role("link", name="Lanterns on the Danube").click()
    admin.get_by_role("button", name="Approve and publish").click()
    admin.wait_for_url("**/admin/cooperation-day/queue/")
    assert admin.get_by_text("is published").is_visible()
    moderator_context.close()
    assert any("Published: Lanterns on the Danube" in m.subject for m in mailoutbox)

    # On the public map, in the list, in the GeoJSON and the calendar feed.
    visitor.goto(site.url + "/cooperation-day/")
    visitor.wait_for_selector("#event-map[data-loaded='1']")
    assert visitor.get_by_role("link", name="Lanterns on the Danube").is_visible()
    geojson = visitor.request.get(site.url + "/cooperation-day/events.geojson").json()
    assert {item["properties"]["title"] for item in geojson["features"]} == {
        "Lanterns on the Danube"
    }
    feed = Calendar.from_ical(visitor.request.get(site.url + "/cooperation-day/events.ics").body())
    assert [str(item["SUMMARY"]) for item in feed.walk("VEVENT")] == ["Lanterns on the Danube"]
    visitor_context.close()


def test_a_visitor_filters_opens_an_event_and_signs_up(site, page, mailoutbox):
    edition = make_edition()
    programme = ProgrammeFactory(countries=["AT", "SK"])
    organiser = UserFactory()
    make_event(edition, programme, organiser, title="Vienna open day", countries=["AT"])
    event = make_event(
        edition,
        programme,
        organiser,
        title="Bratislava river walk",
        countries=["SK"],
        latitude="48.14000",
        longitude="17.10000",
        booking="sign_up",
        capacity=20,
        themes=["rivers"],
    )
    make_event(
        edition,
        programme,
        organiser,
        title="Autumn walk in Trnava",
        countries=["SK"],
        latitude="48.37000",
        longitude="17.58000",
        starts_at=event.starts_at.replace(day=30),
        ends_at=event.ends_at.replace(day=30),
    )

    visit(page, site.url + "/cooperation-day/", screenshot="cooperation-day-map")
    page.wait_for_selector("#event-map[data-loaded='3']")
    page.get_by_label("Country").select_option("SK")
    page.get_by_label("Date").select_option("on")
    page.get_by_role("button", name="Show events").click()
    checked(page)
    assert "country=SK" in page.url and "when=on" in page.url
    assert page.locator("#event-count").inner_text().startswith("1 event")
    page.wait_for_selector("#event-map[data-loaded='1']")
    page.get_by_role("button", name="Show on map — Bratislava river walk").click()
    popup = page.locator(".leaflet-popup")
    starts = event.local_starts_at
    assert popup.get_by_text(f"{starts.day} {starts:%B %Y}, {starts:%H:%M}").is_visible()
    popup.get_by_role("link", name="Bratislava river walk").click()
    checked(page, screenshot="cooperation-day-event")
    assert page.get_by_role("heading", name="Bratislava river walk").is_visible()
    assert page.get_by_text("20 places left.").is_visible()

    page.get_by_label("Your name").fill("Ana Ribeiro")
    page.get_by_label("Your e-mail").fill("ana@example.org")
    page.get_by_role("button", name="Sign up").click()
    checked(page)
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    link = re.search(
        r"https?://[^/\s]+(/cooperation-day/sign-up/\S+/confirm/)", mailoutbox[-1].body
    )
    visit(page, site.url + link.group(1))
    page.get_by_role("button", name="Confirm my place").click()
    checked(page, screenshot="cooperation-day-signed-up")
    assert page.get_by_role("heading", name="You are signed up").is_visible()
    assert EventAttendee.objects.get(event=event).status == PlaceStatus.CONFIRMED
    assert mailoutbox[-1].attachments[0][2] == "text/calendar"


def test_the_map_page_handles_ten_thousand_events(site, page):
    edition = make_edition()
    programme = ProgrammeFactory(countries=["FR", "ES"])
    make_events(edition, programme, UserFactory(), 10_000)
    visit(page, site.url + "/cooperation-day/")
    page.wait_for_selector("#event-map[data-loaded='10000']", timeout=60_000)
    checked(page, screenshot="cooperation-day-map-grouped")
    assert page.locator("#event-count").inner_text().startswith("10,000 events")
    assert page.locator(".event-list > li").count() == 24  # the list is paged
    # Beyond a number of events the feed groups them by place: the browser holds about its
    # view's worth of markers, not ten thousand.
    groups = page.locator(".marker-cluster")
    assert 0 < page.locator(".leaflet-marker-icon").count() < 500
    label = groups.first.get_attribute("aria-label")
    assert re.fullmatch(r"[\d,]+ events, zoom in", label)

    # A group opens from the keyboard: the map zooms in and asks for that view.
    zoom = int(page.locator("#event-map").get_attribute("data-zoom"))
    groups.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "zoom => Number(document.querySelector('#event-map').dataset.zoom) > zoom", arg=zoom
    )

    # "Show on map" in the list goes to the event and opens its pop-up, although the view
    # that held it had it in a group.
    card = page.locator(".event-list > li").first
    title = card.locator("h3").inner_text()
    card.get_by_role("button", name="Show on map").click()
    popup = page.locator(".leaflet-popup")
    popup.wait_for(timeout=30_000)
    assert title in popup.inner_text()
    # Checked once it has faded in: halfway, its text is paler than it will be.
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
    )
    checked(page, screenshot="cooperation-day-map-grouped-event")


def test_moderators_review_screens_and_dashboard_pass_the_accessibility_check(site, page):
    edition = make_edition()
    programme = ProgrammeFactory(countries=["AT"])
    make_event(edition, programme, UserFactory(), status="submitted", title="In review")
    moderator = make_moderator("team@example.org")
    page.goto(site.url + "/admin/cooperation-day/dashboard/")
    sign_in_from(page, moderator.email)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/cooperation-day/dashboard/")
    # Again, without the admin's own "signed in" notice (its styling is Wagtail's, not ours).
    visit(
        page, site.url + "/admin/cooperation-day/dashboard/", screenshot="cooperation-day-dashboard"
    )
    visit(page, site.url + "/admin/cooperation-day/queue/", screenshot="cooperation-day-queue")
    page.get_by_role("link", name="In review").click()
    checked(page)
    assert page.get_by_role("button", name="Approve and publish").is_visible()
