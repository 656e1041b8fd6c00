"""The portal's search finds the hub's calls, open vacancies and keep.eu projects beside its
pages, word by word, escaped, and with the same number of queries however many match."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.models import Project
from tests.factories.hub import ProjectFactory
from tests.factories.users import ProgrammeFactory
from tests.factories.vacancies import make_vacancy
from tests.helpers import query_log
from tests.hub.calls.factories import CallFactory

pytestmark = pytest.mark.django_db


def _search(client, query):
    return client.get(reverse("search"), {"q": query}).content.decode()


def test_search_lists_calls_vacancies_and_projects_that_match_every_word(client, home):
    programme = ProgrammeFactory(name="Interreg Italy-Slovenia")
    CallFactory(programme=programme, title="Third call: health services across the border")
    CallFactory(
        programme=programme,
        title="Fourth call: health of the Karst forests",
        summary="Foresters of both countries watch over the trees.",
    )
    CallFactory(programme=programme, title="Small project fund: cycling routes")
    make_vacancy(programme, title="Health programme officer")
    make_vacancy(
        programme,
        title="Health data analyst",
        published_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=1),
    )
    ProjectFactory(programme=programme, acronym="GO-HEALTH", name="Shared health services")

    html = _search(client, "health")
    assert "health services across the border" in html
    assert "health of the Karst forests" in html
    assert "cycling routes" not in html
    assert "Health programme officer" in html
    assert "Health data analyst" not in html  # applications closed
    assert "GO-HEALTH: Shared health services" in html
    assert "4 results for “health”" in html  # two calls, one vacancy, one project
    assert "/calls/" in html and "/vacancies/" in html and "/projects/GO-HEALTH" not in html

    html = _search(client, "health border")  # every word, anywhere in the record
    assert "health services across the border" in html
    assert "Karst forests" not in html


def test_only_the_first_page_of_results_lists_the_hub(client, home):
    CallFactory(title="Health call")
    assert "Health call" in _search(client, "health")
    response = client.get(reverse("search"), {"q": "health", "page": "2"})
    assert "Health call" not in response.content.decode()


def test_projects_link_to_all_their_matches_in_the_partner_search(client, home):
    programme = ProgrammeFactory()
    for number in range(5):
        ProjectFactory(programme=programme, acronym=f"CARE{number}", name="Cross-border care")
    html = _search(client, "care")
    assert html.count("Cross-border care") == 3
    assert 'href="/projects/?q=care"' in html
    assert "See all matches" in html


def test_what_organisers_typed_is_escaped(client, home):
    CallFactory(title="<script>alert(1)</script> call", summary="x")
    html = _search(client, "alert")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; call" in html


def _fill(count, start=0):
    programme = ProgrammeFactory()
    Project.objects.bulk_create(
        Project(
            keep_id=str(900000 + start + number),
            acronym=f"WATER{number}",
            name="Water for the border",
            programme=programme,
            period="2021-2027",
        )
        for number in range(count)
    )
    for _ in range(min(count, 10)):
        CallFactory(programme=programme, title="Water call")
        make_vacancy(programme, title="Water engineer")


def test_search_queries_do_not_grow_with_the_matches(client, home):
    _fill(10)
    search = reverse("search") + "?q=water"
    client.get(search)  # the navigation and footer, cached until the next change
    small = query_log(client.get, search)
    _fill(990, start=10)
    client.get(search)
    large = query_log(client.get, search)
    assert len(large) == len(small), "\n".join(large)
