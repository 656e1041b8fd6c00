"""The demo's keep.eu export (hub/data/demo_keep_projects.csv) has keep.eu's shape and holds
together: what the importer reads, the demo's programmes, themes and gazetteer agree on."""

import csv
import itertools
import json
import re
import unicodedata
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from campaigns.cooperation_day import demo as cooperation_day_demo
from campaigns.cooperation_day.places import PLACES_FILE
from campaigns.slam import demo as slam_demo
from hub.models import OrganisationType, Partner, validate_nuts_code
from hub.services import COLUMNS
from hub.themes import STARTING_THEMES

BASE = Path(settings.BASE_DIR)
EXPORT = BASE / "hub" / "data" / "demo_keep_projects.csv"
PROGRAMMES = BASE / "portal" / "accounts" / "data" / "demo_programmes.csv"
PROJECT_COLUMNS = COLUMNS[:12]
# NUTS codes start with the country's code, except these two (Eurostat's own).
NUTS_PREFIX = {"GR": "EL", "GB": "UK"}
# The gazetteer lists France's outermost regions under their own codes.
OUTERMOST = {"FRY1": "GP", "FRY2": "MQ", "FRY3": "GF", "FRY4": "RE", "FRY5": "YT"}
AMOUNT = re.compile(r"^\d+\.\d{2}$")


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def rows():
    with EXPORT.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames == list(COLUMNS)
        return list(reader)


@pytest.fixture(scope="module")
def projects(rows):
    """keep.eu id → the project's rows, in the file's order (ids are not repeated apart)."""
    grouped = {}
    for keep_id, group in itertools.groupby(rows, key=lambda row: row["project_id"]):
        assert keep_id not in grouped, f"project {keep_id}'s rows are not together"
        grouped[keep_id] = list(group)
    return grouped


@pytest.fixture(scope="module")
def programmes():
    with PROGRAMMES.open(encoding="utf-8", newline="") as file:
        return {row["acronym"]: row["countries"].split(";") for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def gazetteer():
    """(folded name or other name, country) → (latitude, longitude)."""
    places = {}
    for row in json.loads(PLACES_FILE.read_text(encoding="utf-8")):
        for name in [row[0], *(row[5] if len(row) > 5 else [])]:
            places.setdefault((_fold(name), row[1]), (row[2], row[3]))
    return places


def test_three_hundred_projects_with_numeric_unique_ids(projects):
    assert len(projects) == 300
    assert all(keep_id.isdigit() for keep_id in projects)
    acronyms = [group[0]["acronym"] for group in projects.values()]
    assert len(set(acronyms)) == 300
    names = [group[0]["name"] for group in projects.values()]
    assert len(set(names)) == 300


def test_each_project_repeats_the_same_project_columns_on_every_row(projects):
    for keep_id, group in projects.items():
        shapes = {tuple(row[column] for column in PROJECT_COLUMNS) for row in group}
        assert len(shapes) == 1, keep_id


def test_two_to_eight_partners_lead_first_from_two_countries_at_least(projects):
    sizes = Counter()
    for keep_id, group in projects.items():
        sizes[len(group)] += 1
        roles = [row["partner_role"] for row in group]
        assert roles[0] == "lead" and roles.count("lead") == 1, keep_id
        assert set(roles) <= set(Partner.Role.values), keep_id
        organisations = [row["partner_organisation"] for row in group]
        assert len(set(organisations)) == len(organisations), keep_id
        assert len({row["partner_country"] for row in group}) >= 2, keep_id
        assert {row["partner_type"] for row in group} <= set(OrganisationType.values)
    assert set(sizes) == set(range(2, 9))


def test_every_programme_is_a_demo_programme_and_large_programmes_have_more(projects, programmes):
    per_programme = Counter(group[0]["programme"] for group in projects.values())
    assert set(per_programme) <= set(programmes)
    # Interact supports the programmes and runs no projects of its own.
    assert set(programmes) - set(per_programme) == {"INTERACT"}
    assert per_programme["CENTRAL-EUROPE"] > per_programme["SK-AT"] > per_programme["AMAZONIA"]


def test_partners_work_in_their_programme_s_countries(projects, programmes):
    for keep_id, group in projects.items():
        countries = set(programmes[group[0]["programme"]])
        assert {row["partner_country"] for row in group} <= countries, keep_id


def test_every_project_has_one_to_three_known_themes(projects):
    known = {name for _slug, name in STARTING_THEMES}
    for keep_id, group in projects.items():
        themes = group[0]["themes"].split(";")
        assert 1 <= len(themes) <= 3, keep_id
        assert set(themes) <= known, keep_id


def test_periods_calls_and_dates_are_plausible(projects):
    for keep_id, group in projects.items():
        row = group[0]
        start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
        assert end > start, keep_id
        assert row["period"] in {"2014-2020", "2021-2027"}, keep_id
        first_year = int(row["period"][:4])
        assert first_year < start.year <= first_year + 6, keep_id
        if row["period"] == "2014-2020":
            assert end <= date(2023, 12, 31), keep_id  # the period's last eligible day
        assert row["call"], keep_id


def test_budgets_are_euro_amounts_with_plausible_co_financing(projects):
    for keep_id, group in projects.items():
        row = group[0]
        assert AMOUNT.match(row["total_budget"]) and AMOUNT.match(row["eu_funding"]), keep_id
        total, funding = Decimal(row["total_budget"]), Decimal(row["eu_funding"])
        assert Decimal("10000") <= total <= Decimal("5000000"), keep_id
        assert Decimal("0.60") <= funding / total <= Decimal("0.85"), keep_id


def test_summaries_are_two_to_four_sentences(projects):
    for keep_id, group in projects.items():
        sentences = re.findall(r"[.!?](?:\s|$)", group[0]["summary"])
        assert 2 <= len(sentences) <= 4, keep_id


def test_nuts_codes_are_nuts_3_regions_of_the_partner_s_country(rows):
    for row in rows:
        code, country = row["partner_nuts"], row["partner_country"]
        if not code:
            # Only countries outside the NUTS classification leave it empty.
            assert country in {"UA", "MD", "BA", "TN", "EG", "JO", "LB", "PS"} | {
                "DO", "JM", "LC", "TT", "BR", "SR", "MG", "MU", "SC", "KM", "MZ", "TZ", "CV",
                "SN", "MR",
            }, row["partner_organisation"]  # fmt: skip
            continue
        validate_nuts_code(code)
        assert len(code) == 5, code
        assert code[:2] == NUTS_PREFIX.get(country, country), (code, country)


def test_every_town_is_in_the_gazetteer_or_the_row_gives_its_position(rows, gazetteer):
    for row in rows:
        town, country, code = row["partner_town"], row["partner_country"], row["partner_nuts"]
        latitude, longitude = row["partner_latitude"], row["partner_longitude"]
        listed_as = OUTERMOST.get(code[:4], country)
        found = gazetteer.get((_fold(town), listed_as))
        if listed_as == country and found is not None:
            # The importer finds these: the file leaves the position to the gazetteer.
            assert latitude == longitude == "", town
            continue
        assert latitude and longitude, f"{town} ({country}) is not in the gazetteer"
        position = (float(latitude), float(longitude))
        assert -90 <= position[0] <= 90 and -180 <= position[1] <= 180, town
        if found is not None:  # an outermost region: the gazetteer's own position
            assert position == pytest.approx(found, abs=0.001), town
        else:
            assert not any(name_country[1] == country for name_country in gazetteer), country


def test_the_campaigns_demo_names_projects_of_this_file(projects):
    # The demo's events and Slam applications find these projects by keep.eu id once imported.
    for keep_ids in (cooperation_day_demo.KEEP_PROJECTS, slam_demo.KEEP_PROJECTS):
        for programme, keep_id in keep_ids.items():
            assert keep_id in projects
            assert projects[keep_id][0]["programme"] == programme
