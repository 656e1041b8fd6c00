"""NUTS lookups on the bundled NUTS 2021 outlines, and programmes by the areas they cover."""

import csv
import json

import pytest
from django.core.exceptions import ValidationError

from hub import nuts
from hub.demo import DEMO_PROGRAMME_AREAS, seed_programme_areas
from tests.factories.users import ProgrammeFactory


def test_the_bundled_file_holds_every_nuts_3_region_once():
    collection = json.loads(nuts.NUTS_FILE.read_text(encoding="utf-8"))
    codes = [feature["properties"]["id"] for feature in collection["features"]]
    assert len(codes) == len(set(codes)) == 1502
    assert all(len(code) == 5 for code in codes)
    assert {"SI041", "FRF11", "PT11A", "LU000", "CY000"} <= set(codes)


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (46.0569, 14.5058, "SI041"),  # Ljubljana, Osrednjeslovenska
        (48.5734, 7.7521, "FRF11"),  # Strasbourg, Bas-Rhin
        (41.1579, -8.6291, "PT11A"),  # Porto, Área Metropolitana do Porto
        (52.3400, 14.5500, "DE403"),  # Frankfurt (Oder)
        (60.1699, 24.9384, "FI1B1"),  # Helsinki
        (35.8989, 14.5146, "MT001"),  # Valletta: a coastal city the generalised coast misses
    ],
)
def test_real_places_lie_in_their_region(latitude, longitude, code):
    assert nuts.region_at(latitude, longitude).code == code


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (45.5, -5.0),  # the Bay of Biscay
        (55.0, 3.0),  # the middle of the North Sea
        (40.71, -74.01),  # New York
    ],
)
def test_the_sea_and_other_continents_are_in_no_region(latitude, longitude):
    assert nuts.region_at(latitude, longitude) is None


def test_a_point_in_a_hole_belongs_to_the_region_filling_the_hole():
    # Rosenheim (town) is a hole in Rosenheim (district).
    assert nuts.region_at(47.856, 12.12).code == "DE213"
    assert nuts.region_at(47.75, 12.30).code == "DE21K"


def test_a_region_of_several_parts_is_found_by_any_part():
    # Hamburg's island of Neuwerk, far from the city.
    assert nuts.region_at(53.92, 8.50).code == "DE600"


def test_a_region_is_given_as_one_geojson_feature():
    feature = nuts.region("SI041").geojson
    assert feature["properties"] == {"code": "SI041", "name": "Osrednjeslovenska"}
    assert feature["geometry"]["type"] == "Polygon"


def test_known_codes_are_the_regions_and_every_level_above_them():
    assert {"SI", "SI0", "SI04", "SI041"} <= nuts.known_codes()
    assert "SI05" not in nuts.known_codes()


@pytest.mark.django_db
def test_programmes_covering_a_region_by_its_code_or_a_level_above_it():
    by_region = ProgrammeFactory(name="A border", area_nuts_codes="SI041 SI042 ITH44")
    by_country = ProgrammeFactory(name="B country", area_nuts_codes="AT SI")
    by_nuts_2 = ProgrammeFactory(name="C region", area_nuts_codes="SI04")
    ProgrammeFactory(name="D elsewhere", area_nuts_codes="SI043 ITH43")
    ProgrammeFactory(name="E no area", area_nuts_codes="")
    assert nuts.programmes_covering("SI041") == [by_region, by_country, by_nuts_2]
    assert nuts.programmes_covering("") == []


@pytest.mark.django_db
def test_programmes_covering_takes_one_query(django_assert_num_queries):
    for number in range(30):
        ProgrammeFactory(area_nuts_codes=f"SI04{number % 3} AT")
    with django_assert_num_queries(1):
        nuts.programmes_covering("SI041")


def test_an_area_with_codes_outside_nuts_2021_is_refused():
    nuts.validate_area_nuts_codes("SI041 AT12, DE")
    with pytest.raises(ValidationError) as refused:
        nuts.validate_area_nuts_codes("SI041 SI999 XX")
    assert "SI999, XX" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        nuts.validate_area_nuts_codes("si041-x")


def test_every_code_of_the_demo_programme_areas_is_a_nuts_region():
    with DEMO_PROGRAMME_AREAS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 34
    for row in rows:
        nuts.validate_area_nuts_codes(row["area_nuts_codes"])


@pytest.mark.django_db
def test_seeding_the_demo_areas_is_idempotent():
    programme = ProgrammeFactory(acronym="ITA-SLO", area_nuts_codes="")
    assert seed_programme_areas() >= 1
    programme.refresh_from_db()
    assert "SI041" in nuts.area_codes(programme.area_nuts_codes)
    assert seed_programme_areas() == 0


@pytest.mark.django_db
def test_the_programme_admin_refuses_an_area_with_unknown_codes():
    from portal.accounts.viewsets import ProgrammeViewSet

    form_class = ProgrammeViewSet("programmes").get_form_class()
    data = {
        "name": "Interreg Test Area",
        "acronym": "TEST-AREA",
        "slug": "test-area",
        "strand": "A",
        "countries": ["SI", "IT"],
        "area_nuts_codes": "SI041 ITH44 SI999",
    }
    refused = form_class(data=data)
    assert not refused.is_valid()
    assert refused.errors["area_nuts_codes"] == ["Not a region of NUTS 2021: SI999."]
    data["area_nuts_codes"] = "SI041 ITH44 AT"
    assert form_class(data=data).is_valid()
