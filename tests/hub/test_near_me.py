"""Interreg near me: a typed place or a browser position, the region and programmes covering
it, the nearby sections, bad input, caching and query budgets."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.cooperation_day.models import Event
from hub import near_me, sections
from hub.models import Partner, Project
from hub.near_me import Place
from tests.factories.cooperation_day import make_edition, make_event, make_events
from tests.factories.hub import PartnerFactory, ProjectFactory
from tests.factories.users import ProgrammeFactory, UserFactory
from tests.helpers import count_queries

URL = reverse("hub:near_me")
LJUBLJANA = Place("Ljubljana", 46.0569, 14.5058, "SI041", "Osrednjeslovenska")


@pytest.fixture
def ita_slo(db):
    return ProgrammeFactory(
        name="Interreg VI-A Italy-Slovenia",
        acronym="ITA-SLO-T",
        countries=["IT", "SI"],
        area_nuts_codes="ITH43 ITH44 SI041 SI043 SI044",
    )


@pytest.fixture
def edition(home):
    return make_edition()


def test_the_page_without_a_place_offers_the_form(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="place"' in body
    assert "near-me-map-data" not in body


def test_a_typed_town_shows_its_region_and_the_programmes_covering_it(client, ita_slo):
    ProgrammeFactory(name="Interreg Elsewhere", area_nuts_codes="FRF11")
    response = client.get(URL, {"place": "Ljubljana"})
    assert response.status_code == 200
    assert response.context["place"].nuts_code == "SI041"
    assert response.context["programmes"] == [ita_slo]
    body = response.content.decode()
    assert "Osrednjeslovenska" in body and "SI041" in body
    assert ita_slo.get_absolute_url() in body
    assert "Interreg Elsewhere" not in body
    assert "EuroGeographics" in body
    # Only the one region reaches the map.
    assert response.context["near_me_map"]["region"]["properties"]["code"] == "SI041"


def test_a_town_with_its_country_code_is_found(client, db):
    response = client.get(URL, {"place": "Graz, AT"})
    assert response.context["place"].nuts_code == "AT221"


def test_coordinates_are_rounded_to_about_a_kilometre(client, ita_slo):
    response = client.get(URL, {"lat": "46.056912", "lon": "14.505843"})
    place = response.context["place"]
    assert (place.latitude, place.longitude) == (46.06, 14.51)
    assert place.nuts_code == "SI041"
    assert response.context["programmes"] == [ita_slo]
    assert "46.056912" not in response.content.decode()


def test_an_unknown_place_is_said_next_to_the_field_and_kept(client, db):
    response = client.get(URL, {"place": "Atlantis-upon-Sea"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_place_error"' in body
    assert "We do not know “Atlantis-upon-Sea”" in body
    assert 'value="Atlantis-upon-Sea"' in body
    assert response.context["place"] is None


@pytest.mark.parametrize(
    "query",
    [
        {"lat": "north", "lon": "14.5"},
        {"lat": "95", "lon": "14.5"},
        {"lat": "46", "lon": "inf"},
        {"lat": "46"},
        {"lon": "nan"},
    ],
)
def test_bad_coordinates_get_a_message_not_an_error(client, db, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "Your position could not be read" in response.content.decode()
    assert response.context["place"] is None


def test_a_place_at_sea_is_said_to_be_outside_every_region(client, db):
    response = client.get(URL, {"lat": "45.5", "lon": "-5.0"})
    assert response.status_code == 200
    assert response.context["place"].nuts_code == ""
    assert 'id="outside-regions"' in response.content.decode()
    assert response.context["programmes"] == []


def test_the_place_typed_is_escaped(client, db):
    payload = '<script>alert("near")</script>'
    response = client.get(URL, {"place": payload})
    body = response.content.decode()
    assert payload not in body
    assert "&lt;script&gt;alert(&quot;near&quot;)&lt;/script&gt;" in body


def test_upcoming_events_nearby_are_listed_nearest_first(client, edition, ita_slo):
    organiser = UserFactory()
    near = make_event(
        edition,
        ita_slo,
        organiser,
        title="Tram ride to Trieste",
        latitude=Decimal("46.10000"),
        longitude=Decimal("14.50000"),
        countries=["SI"],
    )
    nearest = make_event(
        edition,
        ita_slo,
        organiser,
        title="Coffee on Prešeren Square",
        latitude=Decimal("46.05100"),
        longitude=Decimal("14.50600"),
        countries=["SI"],
    )
    make_event(  # Vienna: too far
        edition,
        ita_slo,
        organiser,
        title="Far away",
        latitude=Decimal("48.20800"),
        longitude=Decimal("16.37200"),
        countries=["AT"],
    )
    over = make_event(
        edition,
        ita_slo,
        organiser,
        title="Already over",
        latitude=Decimal("46.05000"),
        longitude=Decimal("14.50000"),
        countries=["SI"],
    )
    Event.objects.filter(pk=over.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    make_event(
        edition,
        ita_slo,
        organiser,
        title="Still a draft",
        status="draft",
        latitude=Decimal("46.05000"),
        longitude=Decimal("14.50000"),
        countries=["SI"],
    )
    assert near_me.upcoming_events_near(LJUBLJANA) == [nearest, near]
    response = client.get(URL, {"place": "Ljubljana"})
    body = response.content.decode()
    assert "Coffee on Prešeren Square" in body and "Tram ride to Trieste" in body
    assert "Far away" not in body and "Already over" not in body and "Still a draft" not in body
    kinds = [marker["kind"] for marker in response.context["near_me_map"]["markers"]]
    assert kinds.count("event") == 2


def test_projects_with_partners_nearby_or_in_the_region_newest_first(client, ita_slo):
    older = ProjectFactory(
        acronym="ROOTS", programme=ita_slo, start_date="2019-01-01", end_date="2022-12-31"
    )
    newer = ProjectFactory(
        acronym="WATERWAYS", programme=ita_slo, start_date="2024-03-01", end_date="2027-02-28"
    )
    far = ProjectFactory(acronym="FARAWAY", programme=ita_slo)
    PartnerFactory(project=older, organisation="Ljubljana University", town="Ljubljana")
    # In the region, no position recorded.
    PartnerFactory(project=newer, organisation="Regional agency", latitude=None, longitude=None)
    PartnerFactory(project=newer, organisation="Second partner of the same project")
    PartnerFactory(
        project=far,
        organisation="Vienna partner",
        country="AT",
        nuts_code="AT130",
        latitude=Decimal("48.20800"),
        longitude=Decimal("16.37200"),
    )
    found = near_me.projects_near(LJUBLJANA)
    assert [project for project, _partners in found] == [newer, older]
    response = client.get(URL, {"place": "Ljubljana"})
    body = response.content.decode()
    assert "WATERWAYS" in body and "ROOTS" in body and "FARAWAY" not in body
    assert "Vienna partner" not in body


def test_sections_registered_elsewhere_are_gathered_in_order(client, ita_slo):
    built = sections.nearby_sections(LJUBLJANA, [ita_slo], None)
    assert built == []  # nothing nearby yet: sections leave themselves out
    keys = [
        section.key
        for section in sorted(sections._nearby_sections.values(), key=lambda section: section.order)
    ]
    assert keys.index("events") < keys.index("projects")


def test_a_typed_place_is_cached_for_anonymous_visitors_but_a_position_is_not(client, ita_slo):
    first = client.get(URL, {"place": "Ljubljana"})
    assert first["X-Page-Cache"] == "miss"
    assert client.get(URL, {"place": "Ljubljana"})["X-Page-Cache"] == "hit"
    position = client.get(URL, {"lat": "46.05", "lon": "14.51"})
    assert "X-Page-Cache" not in position
    assert "X-Page-Cache" not in client.get(URL, {"lat": "46.05", "lon": "14.51"})
    # The form sends its empty position fields along with a typed place.
    typed = client.get(URL, {"place": "Graz", "lat": "", "lon": ""})
    assert typed["X-Page-Cache"] == "miss"


def test_signed_in_people_see_the_page_uncached(client, ita_slo):
    client.force_login(UserFactory())
    response = client.get(URL, {"place": "Ljubljana"})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_only_get_is_answered(client, db):
    assert client.post(URL, {"place": "Ljubljana"}).status_code == 405


def _page_queries(client) -> int:
    client.get(URL, {"place": "Ljubljana"})  # what is read once per process or session
    response_and_count = count_queries(client.get, URL, {"place": "Ljubljana"})
    assert response_and_count[1].status_code == 200
    return response_and_count[0]


def _add_events_and_partners(edition, programme, organiser, count):
    created = make_events(edition, programme, organiser, count, countries=["SI"])
    Event.objects.filter(pk__in=[event.pk for event in created]).update(
        latitude=Decimal("46.05"), longitude=Decimal("14.50")
    )
    projects = Project.objects.bulk_create(
        ProjectFactory.build(programme=programme, keep_id=f"near-{count}-{number}")
        for number in range(count)
    )
    Partner.objects.bulk_create(PartnerFactory.build(project=project) for project in projects)


def test_the_page_keeps_its_query_budget_at_10_and_1000_events_and_projects(
    client, edition, ita_slo
):
    # Signed in: past the page cache, each count is of a fresh rendering.
    client.force_login(UserFactory())
    organiser = UserFactory()
    _add_events_and_partners(edition, ita_slo, organiser, 10)
    small = _page_queries(client)
    _add_events_and_partners(edition, ita_slo, organiser, 990)
    assert Event.objects.count() == 1000 and Partner.objects.count() == 1000
    assert _page_queries(client) == small


def test_partners_far_north_are_found_by_true_distance(ita_slo):
    # At 69.65° north a degree of longitude is about 39 km: 0.6° east is 23 km away.
    tromso = Place("Tromsø", 69.65, 18.96, "NO074", "Troms og Finnmark")
    project = ProjectFactory(acronym="ARCTIC", programme=ita_slo)
    PartnerFactory(
        project=project,
        country="NO",
        nuts_code="",
        town="Tromsdalen",
        latitude=Decimal("69.65000"),
        longitude=Decimal("19.56000"),
    )
    assert [found for found, _partners in near_me.projects_near(tromso)] == [project]
