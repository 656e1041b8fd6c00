"""Calls for proposals journeys: a joint secretariat member publishes a call for their
programme, and cannot for another; a visitor finds the open calls for Slovenia on health and
reads how long is left."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hub.alerts.models import SavedSearch
from hub.calls.models import Call
from portal.accounts.models import Profile, Programme
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories.hub import ThemeFactory
from tests.factories.users import AffiliationFactory, UserFactory
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.e2e

LJUBLJANA = ZoneInfo("Europe/Ljubljana")


def _local(moment) -> str:
    return moment.astimezone(LJUBLJANA).strftime("%Y-%m-%dT%H:%M")


def test_a_secretariat_member_publishes_a_call_for_their_programme_only(site, page):
    own = Programme.objects.get(acronym="ITA-SLO")
    other = Programme.objects.get(acronym="ALPINE-SPACE")
    health = ThemeFactory(slug="health", name="Health and social care")
    member = UserFactory(email="ana.kovac@ita-slo.example.eu", first_name="Ana", last_name="Kovač")
    AffiliationFactory(user=member, programme=own, function="joint_secretariat")
    others_call = CallFactory(programme=other, title="Fourth call – Carbon neutral Alps")  # noqa: RUF001

    visit(page, site.url + "/calls/new/")
    sign_in_from(page, member.email)
    checked(page, screenshot="calls-publish-form")
    programme = page.get_by_label("Programme", exact=True)
    offered = programme.locator("option").all_inner_texts()
    assert str(own) in offered and str(other) not in offered

    now = timezone.now()
    page.get_by_label("Title", exact=True).fill(
        "Third call for proposals – Priority 4: Health and social care"  # noqa: RUF001
    )
    page.get_by_label("Summary").fill(
        "Projects that bring health and care services closer to people on both sides of the border."
    )
    page.get_by_label("Priorities and objectives").fill(
        "- Equal access to health care\n- Telemedicine for remote villages"
    )
    page.get_by_label("Health and social care").check()
    page.get_by_label("Opens", exact=True).fill(_local(now - timedelta(days=1)))
    # A deadline before the opening is refused next to the field, with what was typed kept.
    page.get_by_label("Closes (deadline)").fill(_local(now - timedelta(days=3)))
    page.get_by_label("Time zone").select_option("Europe/Ljubljana")
    page.get_by_label("Budget available (EUR)").fill("4200000")
    page.get_by_label("Eligible regions (NUTS codes)").fill("SI041 SI042 ITH4")
    page.get_by_label("Eligible countries").select_option(["IT", "SI"])
    page.get_by_label("Public authority").check()
    page.get_by_label("Application system").fill("https://jems.ita-slo.eu/")
    page.get_by_role("button", name="Publish the call").click()
    checked(page, screenshot="calls-publish-error")
    assert page.locator("#id_closes_at_error").get_by_text("must close after it opens").is_visible()
    assert page.get_by_label("Budget available (EUR)").input_value() == "4200000"

    page.get_by_label("Closes (deadline)").fill(_local(now + timedelta(days=10, hours=2)))
    page.get_by_role("button", name="Publish the call").click()
    page.wait_for_url("**/calls/ita-slo/**")
    checked(page, screenshot="calls-published")
    assert page.get_by_text("The call is published.").is_visible()
    assert page.get_by_text("closes in 10 days").first.is_visible()
    assert page.get_by_role("link", name="Apply in the programme").is_visible()
    call = Call.objects.get(programme=own)
    assert call.themes.get() == health

    # Another programme's call is not theirs to edit.
    response = page.request.get(site.url + others_call.get_edit_url())
    assert response.status == 403
    assert others_call.title == Call.objects.get(pk=others_call.pk).title


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_a_visitor_finds_open_calls_for_slovenia_on_health(site, request, viewport):
    page = request.getfixturevalue(viewport)
    health = ThemeFactory(slug="health", name="Health and social care")
    climate = ThemeFactory(slug="climate", name="Climate change and adaptation")
    slovenia = Programme.objects.get(acronym="ITA-SLO")
    alps = Programme.objects.get(acronym="ALPINE-SPACE")
    now = timezone.now()
    CallFactory(
        programme=slovenia,
        title="Third call – Priority 4: Health and social care across the border",  # noqa: RUF001
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=3, hours=5),
        time_zone="Europe/Ljubljana",
        themes=[health],
    )
    CallFactory(
        programme=slovenia,
        title="Second call – Health services for border villages",  # noqa: RUF001
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=30),
        themes=[health],
    )
    CallFactory(
        programme=alps,
        title="Fourth call – Carbon neutral Alps",  # noqa: RUF001
        opens_at=now + timedelta(days=15),
        closes_at=now + timedelta(days=90),
        themes=[climate],
    )

    visit(page, site.url + "/calls/")
    page.get_by_label("Status").select_option("open")
    page.get_by_label("Eligible country").select_option("SI")
    page.get_by_label("Theme").select_option("health")
    page.get_by_role("button", name="Show calls").click()
    page.wait_for_url("**/calls/?*")
    suffix = "desktop" if viewport == "page" else "phone"
    checked(page, screenshot=f"calls-open-slovenia-health-{suffix}")
    assert "country=SI" in page.url and "theme=health" in page.url
    assert page.get_by_role("link", name="Health and social care across the border").is_visible()
    assert page.get_by_text("closes in 3 days").is_visible()
    assert page.get_by_role("link", name="Health services for border villages").count() == 0
    assert page.get_by_role("link", name="Carbon neutral Alps").count() == 0
    calendar = page.locator('link[rel="alternate"][type="text/calendar"]').get_attribute("href")
    assert calendar.startswith("/calls/deadlines.ics?") and "theme=health" in calendar

    page.get_by_role("link", name="Health and social care across the border").click()
    checked(page, screenshot=f"calls-detail-{suffix}")
    assert page.get_by_text("closes in 3 days").first.is_visible()


def test_an_applicant_saves_a_search_subscribes_to_deadlines_and_hears_of_a_new_call(site, page):
    """Across the calls and the alerts: the search is saved from the listing, its deadline
    calendar read by a calendar program, and a matching call that opens later reaches the
    applicant as a notification and an e-mail."""
    health = ThemeFactory(slug="health", name="Health and social care")
    slovenia = Programme.objects.get(acronym="ITA-SLO")
    now = timezone.now()
    CallFactory(
        programme=slovenia,
        title="Third call – Priority 4: Health and social care across the border",  # noqa: RUF001
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=30),
        time_zone="Europe/Ljubljana",
        themes=[health],
    )
    applicant = UserFactory(email="marta.zupan@zd-koper.example.si", first_name="Marta")
    Profile.objects.update_or_create(
        user=applicant, defaults={"email_frequency": Profile.EmailFrequency.IMMEDIATELY}
    )

    visit(page, site.url + "/calls/?status=open&country=SI&theme=health")
    button = "Tell me about new calls matching this search"
    page.get_by_role("link", name=button).click()
    sign_in_from(page, applicant.email)
    page.get_by_role("button", name=button).click()
    checked(page, screenshot="calls-search-saved")
    assert page.get_by_text("You are told about new calls matching this search.").is_visible()
    saved = SavedSearch.objects.get(user=applicant)
    assert saved.kind == "calls" and "theme=health" in saved.query

    # The deadline calendar of this search, as a calendar program reads it.
    link = page.get_by_role(
        "link", name="Subscribe to the deadlines of these calls in your calendar (iCal)"
    )
    response = page.request.get(site.url + link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("Health and social care across the border" in text for text in summaries)

    # A matching call opens; the hourly run tells the applicant once.
    mail.outbox.clear()
    CallFactory(
        programme=slovenia,
        title="Small project fund – Health in border villages",  # noqa: RUF001
        opens_at=timezone.now() - timedelta(minutes=5),
        closes_at=timezone.now() + timedelta(days=60),
        themes=[health],
    )
    CallFactory(  # opens too, but on another theme: nobody watching it is told
        programme=slovenia,
        title="Small project fund – Cycling routes",  # noqa: RUF001
        opens_at=timezone.now() - timedelta(minutes=5),
        closes_at=timezone.now() + timedelta(days=60),
    )
    call_command("send_hub_alerts")
    call_command("send_hub_alerts")  # a second run repeats nothing

    visit(page, site.url + "/notifications/", screenshot="calls-alert-notification")
    assert page.get_by_text("Now open:").count() == 1
    assert page.get_by_text("Health in border villages").is_visible()
    sent = [message for message in mail.outbox if applicant.email in message.to]
    assert len(sent) == 1
    assert "Health in border villages" in sent[0].body
    assert "Cycling routes" not in sent[0].body
