"""News journey: a communication officer publishes a story for their programme; a visitor
filters the news by theme and year, opens the story and reads its project's facts."""

import io

import pytest
from django.utils import timezone
from PIL import Image

from hub.news.models import ArticlePage
from portal.accounts.models import Programme
from portal.home.models import HomePage
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories.hub import PartnerFactory, ProjectFactory, ThemeFactory
from tests.factories.news import make_article, make_news_index
from tests.factories.users import AffiliationFactory

pytestmark = pytest.mark.e2e


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), "#1d5c7a").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_story_goes_from_the_officer_to_the_visitor(site, page, phone_page):
    index = make_news_index(HomePage.objects.get())
    # The demo directory's programmes (the site is seeded with them).
    programme = Programme.objects.get(acronym="ITA-SLO")
    other = Programme.objects.get(acronym="ALCOTRA")
    health = ThemeFactory(slug="health", name="Health and social care")
    ThemeFactory(slug="water", name="Water management")
    officer = AffiliationFactory(
        programme=programme, function="communication_officer", user__email="mateja@example.org"
    ).user
    project = ProjectFactory(
        keep_id="30401",
        acronym="HEALTHNET",
        name="Emergency care without borders",
        programme=programme,
    )
    PartnerFactory(
        project=project,
        organisation="Azienda sanitaria Giuliano Isontina",
        role="lead",
        country="IT",
        town="Trieste",
        latitude="45.64950",
        longitude="13.77680",
    )
    PartnerFactory(
        project=project,
        organisation="Zdravstveni dom Sežana",
        country="SI",
        town="Sežana",
        latitude="45.70920",
        longitude="13.87330",
    )
    make_article(index, programmes=[other], title="Alcotra opens its third call")
    make_article(
        index,
        programmes=[programme],
        themes=[health],
        title="Older news on health",
        date=timezone.localdate().replace(year=timezone.localdate().year - 1),
    )

    # The officer publishes the story; only their own programme is offered.
    visit(page, site.url + "/news/new/")
    sign_in_from(page, officer.email)
    checked(page, screenshot="news-publish-form")
    assert page.get_by_label(other.name).count() == 0
    page.get_by_label("Headline").fill("One emergency number on both sides of the Karst")
    page.get_by_label("Story", exact=True).check()
    page.get_by_label("Publication date").fill(timezone.localdate().isoformat())
    page.get_by_label("Summary").fill(
        "Ambulance crews from Trieste and Sežana now answer each other's calls."
    )
    page.get_by_label("Text", exact=True).fill(
        "For years a heart attack on the Karst meant a long wait.\n\n"
        "Now the nearest ambulance goes, whatever its flag."
    )
    page.get_by_label(programme.name).check()
    page.get_by_label("Projects (keep.eu ids)").fill("30401")
    page.get_by_label("Health and social care").check()
    page.get_by_label("Countries").select_option(["IT", "SI"])
    page.get_by_label("Lead image").set_input_files(
        {"name": "karst.png", "mimeType": "image/png", "buffer": _photo()}
    )
    # Sent without its alternative text, the form says what is missing next to the field.
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("#id_lead_image_alt_error").is_visible()
    checked(page)
    page.get_by_label("Alternative text").fill("Two ambulances at the border crossing")
    page.get_by_label("Lead image").set_input_files(
        {"name": "karst.png", "mimeType": "image/png", "buffer": _photo()}
    )
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_load_state("load")
    checked(page, screenshot="news-story-published")
    assert page.get_by_text("Your article is published.").is_visible()
    story = ArticlePage.objects.get(slug="one-emergency-number-on-both-sides-of-the-karst")
    assert story.owner == officer and story.latest_revision.user == officer

    # A visitor filters the news by theme and year and opens the story.
    phone = phone_page
    visit(phone, site.url + "/news/", screenshot="news-listing-phone")
    phone.get_by_label("Theme").select_option("health")
    phone.get_by_label("Year").select_option(str(timezone.localdate().year))
    phone.get_by_role("button", name="Show articles").click()
    phone.wait_for_load_state("load")
    checked(phone, screenshot="news-listing-filtered-phone")
    assert "theme=health" in phone.url
    assert phone.get_by_text("1 article", exact=True).is_visible()
    phone.get_by_role("link", name="One emergency number on both sides of the Karst").click()
    phone.wait_for_load_state("load")
    phone.locator("#event-detail-map .leaflet-marker-pane .leaflet-marker-icon").first.wait_for()
    checked(phone, screenshot="news-story-phone")
    facts = phone.get_by_role("region", name="The project: HEALTHNET")
    assert facts.get_by_text("Zdravstveni dom Sežana").is_visible()
    assert facts.get_by_role("link", name="The project on keep.eu").get_attribute("href") == (
        "https://keep.eu/projects/30401/"
    )
    assert phone.locator("#event-detail-map .leaflet-marker-pane .leaflet-marker-icon").count() == 2
    assert phone.locator('meta[property="og:image"]').get_attribute("content").endswith(".png")

    visit(page, site.url + story.url, screenshot="news-story-desktop")
