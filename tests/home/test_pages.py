import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Revision

from portal.home.models import (
    AccessibilityStatementPage,
    HomePage,
    HomePageUpcomingItem,
    StandardPage,
)
from tests.factories import StandardPageFactory
from tests.factories.pages import make_upcoming_item

pytestmark = pytest.mark.django_db


def test_home_page_shows_hero_services_upcoming_items_and_footer(client, home):
    make_upcoming_item(home, title="Slam stories: submissions open")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert home.hero_title in html
    for section in ("Academy", "Cooperation Day", "Interreg Slam", "Brand", "Community"):
        assert f">{section}</a>" in html
    assert "Cooperation Day" in html and "Slam stories: submissions open" in html
    assert "Co-funded by the European Union" in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_past_upcoming_items_are_not_shown(client, home):
    HomePageUpcomingItem.objects.create(
        page=home, date="2001-01-01", title="A long gone workshop", link_url="https://example.org"
    )
    assert "A long gone workshop" not in client.get("/").content.decode()


@pytest.mark.parametrize("slug", ["academy", "cooperation-day", "slam", "brand", "community"])
def test_every_section_landing_page_renders_with_breadcrumbs(client, home, slug):
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert 'aria-current="page"' in html


def test_standard_page_renders_every_block(client, home):
    page = StandardPageFactory(
        title="All blocks",
        slug="all-blocks",
        body=[
            ("rich_text", "<p>Rich <b>text</b></p>"),
            ("quote", {"quote": "Cooperation works.", "attribution": "A programme officer"}),
            (
                "call_to_action",
                {
                    "title": "Join us",
                    "text": "",
                    "button_label": "Sign up",
                    "page": home,
                    "url": "",
                },
            ),
            (
                "embed",
                {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Slam final"},
            ),
            ("document_list", {"heading": "Downloads", "documents": []}),
            (
                "accordion",
                {
                    "heading": "Questions",
                    "items": [{"title": "Who can join?", "content": "<p>Everyone.</p>"}],
                },
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "Cooperation works." in html
    assert "Join us" in html and 'href="/"' in html
    # The video is not loaded until the visitor asks: only its address is in the page.
    assert "<iframe" not in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "<summary>Who can join?</summary>" in html


def test_seed_demo_is_idempotent(home):
    # Without the tests' page tree, as on a new installation: the demo builds every page itself.
    home.delete()
    call_command("seed_demo")
    english = {"locale__language_code": "en"}
    academy = HomePage.objects.get(**english).get_children().get(slug="academy").specific
    assert academy.intro.startswith("The Interreg Academy brings together")
    statement = AccessibilityStatementPage.objects.get(slug="accessibility", **english)
    assert statement.live and statement.compliance == "partial"
    limitations = [block.value["title"] for block in statement.non_accessible_content]
    assert "Maps without a tile server show no streets" in limitations
    counts = (
        StandardPage.objects.count(),
        HomePage.objects.count(),
        HomePageUpcomingItem.objects.count(),
        AccessibilityStatementPage.objects.count(),
    )

    revisions = Revision.objects.count()
    call_command("seed_demo")
    assert (
        StandardPage.objects.count(),
        HomePage.objects.count(),
        HomePageUpcomingItem.objects.count(),
        AccessibilityStatementPage.objects.count(),
    ) == counts
    assert Revision.objects.count() == revisions


def test_seed_demo_bulk_adds_only_missing_articles(db):
    call_command("seed_demo", bulk=5)
    call_command("seed_demo", bulk=7)
    library = StandardPage.objects.get(slug="library")
    assert library.get_children().count() == 7


def test_an_upcoming_item_needs_a_link(home):
    item = HomePageUpcomingItem(page=home, date="2030-01-01", title="No link")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "link_page" in error.value.message_dict
    item.link_url = "https://example.org"
    item.clean()
