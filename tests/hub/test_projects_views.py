"""The partner search and project pages: open to everyone, filters in the address, bad values
said next to their field, keep.eu named as the source, and what keep.eu's export says shown
as text."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from hub.forms import REGION_NOT_NUTS
from hub.models import Partner, Project, Theme
from portal.core.cache import content_changed
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.hub import PartnerFactory, ProjectFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

LIST_URL = "/projects/"


@pytest.fixture
def project():
    programme = ProgrammeFactory(acronym="ITA-SLO", slug="ita-slo", name="Interreg Italy-Slovenia")
    project = ProjectFactory(
        keep_id="8125",
        acronym="HEALTH-SI-IT",
        name="Cross-border emergency care",
        programme=programme,
        total_budget=Decimal("2450000.00"),
        eu_funding=Decimal("1960000.50"),
        start_date=date(2023, 3, 1),
        end_date=date(2026, 2, 28),
    )
    project.themes.add(Theme.objects.get(slug="health"))
    PartnerFactory(
        project=project,
        organisation="Comune di Gorizia",
        country="IT",
        nuts_code="ITH43",
        town="Gorizia",
        role="partner",
        position=0,
    )
    PartnerFactory(
        project=project,
        organisation="Bolnišnica Nova Gorica",
        country="SI",
        nuts_code="SI043",
        town="Nova Gorica",
        role="lead",
        position=1,
    )
    return project


def test_the_urls_are_the_agreed_ones(project):
    assert reverse("hub:project_list") == LIST_URL
    assert reverse("hub:project_detail", kwargs={"keep_id": "8125"}) == "/projects/8125/"
    assert project.get_absolute_url() == "/projects/8125/"


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_everyone_may_search_and_open_projects(client, project, who):
    if who != "anonymous":
        client.force_login(UserFactory(is_staff=who == "staff"))
    assert client.get(LIST_URL).status_code == 200
    assert client.get(project.get_absolute_url()).status_code == 200


def test_the_search_only_answers_reads(client, project):
    assert client.post(LIST_URL).status_code == 405
    assert client.post(project.get_absolute_url()).status_code == 405


def test_an_unknown_project_is_not_found(client, project):
    assert client.get("/projects/99999/").status_code == 404


def test_filters_come_from_the_address_and_name_the_matching_partners(client, project):
    other = ProjectFactory(acronym="ALPS")
    PartnerFactory(project=other, country="FR", nuts_code="FRK27")

    response = client.get(LIST_URL, {"theme": "health", "region": "si04"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "HEALTH-SI-IT" in content and "ALPS" not in content
    assert "Bolnišnica Nova Gorica" in content and "Comune di Gorizia" not in content
    assert response.context["form"]["region"].value() == "si04"
    assert "1 project" in content


def test_a_region_that_is_no_nuts_code_is_said_next_to_the_field_and_kept(client, project):
    response = client.get(LIST_URL, {"region": "Slovenia", "theme": "health"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_region_error"' in content
    assert str(REGION_NOT_NUTS) in content
    assert 'value="Slovenia"' in content
    # The filters that parse still apply.
    assert response.context["filters"].theme == "health"
    assert "HEALTH-SI-IT" in content


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "no-such-theme"},
        {"page": "x"},
        {"page": "99999"},
        {"country": "ZZ"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"region": "'; drop table hub_project;--"},
    ],
)
def test_hostile_or_stale_addresses_never_fail(client, project, query):
    assert client.get(LIST_URL, query).status_code == 200


def test_the_project_page_shows_its_facts_and_links_to_keep_eu(client, project):
    response = client.get(project.get_absolute_url())

    content = response.content.decode()
    assert "Cross-border emergency care" in content
    assert 'href="https://keep.eu/projects/8125/"' in content
    assert "Source: keep.eu" in content
    assert 'href="/programmes/ita-slo/"' in content
    assert "€2,450,000" in content and "€1,960,000.50" in content
    assert "1 March 2023 to 28 February 2026" in content
    assert 'href="/projects/?theme=health"' in content
    # The lead partner comes first in the table, whatever the file's order.
    assert content.index("Bolnišnica Nova Gorica") < content.index("Comune di Gorizia")
    assert 'id="partner-map"' in content and 'id="partner-positions"' in content


def test_a_project_without_placed_partners_has_no_map(client, project):
    Partner.objects.update(latitude=None, longitude=None)
    content = client.get(project.get_absolute_url()).content.decode()
    assert 'id="partner-map"' not in content
    assert "leaflet.js" not in content


def test_one_copy_serves_visitors_and_signed_in_people(client, project):
    assert client.get(LIST_URL)["X-Page-Cache"] == "miss"
    assert client.get(LIST_URL)["X-Page-Cache"] == "hit"
    assert client.get(project.get_absolute_url())["X-Page-Cache"] == "miss"
    client.force_login(UserFactory(first_name="Ana", last_name="Kovač"))
    for url in (LIST_URL, project.get_absolute_url()):
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit"
        assert "Signed in as Ana Kovač" in response.text


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_what_keep_eu_exports_is_shown_as_text(client, project):
    Project.objects.update(name=PAYLOAD, summary=PAYLOAD, call=PAYLOAD, acronym=PAYLOAD[:60])
    Partner.objects.update(organisation=PAYLOAD, town=PAYLOAD[:120])

    for url in (project.get_absolute_url(), f"{LIST_URL}?country=SI&q=script"):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;" in content


def test_a_typed_search_is_shown_back_as_text(client, project):
    content = client.get(LIST_URL, {"q": PAYLOAD[:100]}).content.decode()
    assert "<script>alert" not in content


def test_the_listing_makes_the_same_queries_for_10_and_1000_projects(client, project):
    def queries():
        content_changed()  # the page, not the cache, is measured
        count, response = count_queries(
            client.get, LIST_URL, {"theme": "health", "country": "SI", "page": "2"}
        )
        assert response.status_code == 200
        return count

    def add(number):
        programme = ProgrammeFactory()
        health = Theme.objects.get(slug="health")
        start = Project.objects.count()
        created = Project.objects.bulk_create(
            Project(
                keep_id=f"q{start + index}",
                acronym=f"Q{start + index}",
                name="Care",
                programme=programme,
                period="2021-2027",
            )
            for index in range(number)
        )
        Partner.objects.bulk_create(
            Partner(project=p, organisation="Clinic", country="SI") for p in created
        )
        Project.themes.through.objects.bulk_create(
            Project.themes.through(project=p, theme=health) for p in created
        )

    add(30)  # two pages
    queries()  # the site's own look-ups, kept by the process after the first request
    small = queries()
    add(970)
    assert Project.objects.count() == 1001
    assert queries() == small


def test_the_programme_section_links_to_the_programmes_projects(project):
    html = render_to_string(
        "hub/projects/programme_section.html",
        {"programme": project.programme, "projects": [project]},
    )
    assert 'href="/projects/?programme=ita-slo"' in html
    assert 'href="/projects/8125/"' in html
