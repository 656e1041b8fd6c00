"""The home page shows, through one loop, what the hub's parts register for it
(hub.sections: latest stories, calls closing soon, new vacancies …), and stays shared with
anonymous visitors."""

from pathlib import Path

import pytest

from hub import sections
from portal.accounts.models import Programme
from portal.core.cache import content_changed
from tests.factories import ProgrammeFactory
from tests.factories.pages import furnish_home_page
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def registered(settings):
    """Two parts registering home sections (one with nothing to show today), removed after."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], str(TEST_TEMPLATES)]}]

    def notices(request):
        names = list(Programme.objects.order_by("name").values_list("name", flat=True)[:3])
        return {"notices": [*names, "<script>alert(1)</script>"]}

    sections.register_home_section(
        key="test-notices", order=25, template="tests/home_notices_section.html", build=notices
    )
    sections.register_home_section(
        key="test-empty",
        order=5,
        template="tests/home_notices_section.html",
        build=lambda request: None,
    )
    yield
    sections.unregister_home_section("test-notices")
    sections.unregister_home_section("test-empty")


def test_registered_sections_render_after_what_the_page_shows(client, home, registered):
    ProgrammeFactory(name="Interreg Alpine Space")
    html = client.get("/").content.decode()
    assert 'id="home-test-notices"' in html and "<li>Interreg Alpine Space</li>" in html
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in html
    assert 'id="home-test-empty"' not in html
    assert html.index('id="upcoming-title"') < html.index('id="home-test-notices"')


def test_without_registered_sections_the_page_is_as_before(client, home):
    html = client.get("/").content.decode()
    assert 'id="home-' not in html


def test_the_home_page_stays_shared_with_anonymous_visitors(client, home, registered):
    assert client.get("/")["X-Page-Cache"] == "miss"
    queries, response = count_queries(client.get, "/")
    assert response["X-Page-Cache"] == "hit" and "Interreg" in response.content.decode()
    assert queries <= 4, queries


def _home_queries(client) -> int:
    content_changed()
    client.get("/")
    content_changed()
    queries, response = count_queries(client.get, "/")
    assert response.status_code == 200
    return queries


def test_a_section_costs_its_own_queries_only(client, home, registered):
    furnish_home_page(home)
    ProgrammeFactory.create_batch(10)
    small = _home_queries(client)
    Programme.objects.bulk_create(
        Programme(name=f"Interreg Bulk {n}", acronym=f"BULK{n}", slug=f"bulk-{n}", strand="A")
        for n in range(1000)
    )
    assert _home_queries(client) == small
    sections.unregister_home_section("test-notices")
    assert _home_queries(client) == small - 1
