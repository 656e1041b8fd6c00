"""The partner search: what each filter finds, the partners it names, and queries that stay
the same however many projects there are."""

from datetime import date

import pytest

from hub import sections
from hub.models import Partner, Project, Theme
from hub.selectors import (
    ProjectFilters,
    partner_positions,
    project_filter_choices,
    project_for_page,
    project_list_for_search,
    projects_of_programme,
)
from tests.factories import ProgrammeFactory
from tests.factories.hub import PartnerFactory, ProjectFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def health():
    return Theme.objects.get(slug="health")


@pytest.fixture
def projects(health):
    """A health project with a Slovenian university, a health project without Slovenian
    partners, and a Slovenian project on another theme."""
    italy_slovenia = ProgrammeFactory(acronym="ITA-SLO", slug="ita-slo")
    alcotra = ProgrammeFactory(acronym="ALCOTRA", slug="alcotra")
    care = ProjectFactory(acronym="CARE-SI", programme=italy_slovenia, start_date=date(2024, 1, 1))
    care.themes.add(health)
    PartnerFactory(
        project=care,
        organisation="Univerza v Ljubljani",
        country="SI",
        nuts_code="SI041",
        organisation_type="higher_education",
        role="lead",
    )
    PartnerFactory(
        project=care,
        organisation="Comune di Trieste",
        country="IT",
        nuts_code="ITH44",
        organisation_type="public_authority",
    )
    alps = ProjectFactory(
        acronym="ALPCARE", programme=alcotra, start_date=date(2022, 1, 1), period="2014-2020"
    )
    alps.themes.add(health)
    PartnerFactory(project=alps, organisation="CHU Grenoble", country="FR", nuts_code="FRK24")
    rivers = ProjectFactory(
        acronym="SOCA",
        programme=italy_slovenia,
        start_date=None,
        name="The Soča river, shared",
        summary="A cleaner river for both banks.",
    )
    rivers.themes.add(Theme.objects.get(slug="water"))
    PartnerFactory(project=rivers, organisation="Občina Tolmin", country="SI", nuts_code="SI043")
    return {"care": care, "alps": alps, "rivers": rivers}


def found(**filters):
    return [
        project.acronym for project in project_list_for_search(filters=ProjectFilters(**filters))
    ]


def test_newest_first_and_undated_last(projects):
    assert found() == ["CARE-SI", "ALPCARE", "SOCA"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"theme": "health"}, ["CARE-SI", "ALPCARE"]),
        ({"country": "SI"}, ["CARE-SI", "SOCA"]),
        ({"theme": "health", "country": "SI"}, ["CARE-SI"]),
        ({"region": "SI04"}, ["CARE-SI", "SOCA"]),
        ({"region": "SI041"}, ["CARE-SI"]),
        ({"organisation_type": "higher_education"}, ["CARE-SI"]),
        ({"programme": "alcotra"}, ["ALPCARE"]),
        ({"period": "2014-2020"}, ["ALPCARE"]),
        ({"query": "soča"}, ["SOCA"]),
        ({"query": "alpc"}, ["ALPCARE"]),
        ({"query": "grenoble"}, ["ALPCARE"]),
        # Words, as the site search reads them: in any order, in the summary too.
        ({"query": "shared soča"}, ["SOCA"]),
        ({"query": "river cleaner"}, ["SOCA"]),
        # One partner must meet every partner filter: the Slovenian partner of SOCA is no
        # university, and the university of CARE-SI is not in SI043.
        ({"country": "SI", "organisation_type": "higher_education", "region": "SI043"}, []),
    ],
)
def test_each_filter_finds_its_projects(projects, filters, expected):
    assert found(**filters) == expected


def test_a_project_with_several_matching_partners_is_listed_once(projects):
    PartnerFactory(project=projects["care"], country="SI", nuts_code="SI042")
    assert found(country="SI") == ["CARE-SI", "SOCA"]


def test_partner_filters_name_the_partners_that_match(projects):
    [care, _rivers] = project_list_for_search(filters=ProjectFilters(country="SI"))
    assert [partner.organisation for partner in care.matching_partners] == ["Univerza v Ljubljani"]


def _search_queries(filters: ProjectFilters) -> int:
    def run():
        page = project_list_for_search(filters=filters)
        return [
            (project.programme.name, [p.organisation for p in project.matching_partners])
            for project in page
        ]

    queries, _result = count_queries(run)
    return queries


def _add_projects(number: int, theme):
    programme = ProgrammeFactory()
    start = Project.objects.count()
    created = Project.objects.bulk_create(
        Project(
            keep_id=f"bulk-{start + index}",
            acronym=f"BULK{start + index}",
            name="Health care across the border",
            programme=programme,
            period="2021-2027",
            start_date=date(2023, 1, 1),
        )
        for index in range(number)
    )
    Partner.objects.bulk_create(
        Partner(project=project, organisation=f"Clinic {index}", country="SI", nuts_code="SI041")
        for index, project in enumerate(created)
        for _ in range(3)
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project=project, theme=theme) for project in created
    )


def test_the_search_makes_the_same_queries_for_10_and_1000_projects(health):
    filters = ProjectFilters(theme="health", country="SI", region="SI04", query="care")
    _add_projects(10, health)
    small = _search_queries(filters)
    _add_projects(990, health)
    assert Project.objects.count() == 1000
    assert _search_queries(filters) == small


def test_the_filters_offer_only_what_projects_have(projects):
    choices = project_filter_choices()
    assert [code for code, _name in choices["countries"]] == ["FR", "IT", "SI"]
    assert {slug for slug, _name in choices["programmes"]} == {"alcotra", "ita-slo"}
    assert choices["periods"] == [("2021-2027", "2021-2027"), ("2014-2020", "2014-2020")]
    assert ("health", "Health and social care") in choices["themes"]


def test_the_project_page_lists_the_lead_partner_first(projects):
    care = projects["care"]
    Partner.objects.filter(project=care).update(position=5)
    PartnerFactory(project=care, organisation="First in the file", position=0)
    project = project_for_page(keep_id=care.keep_id)
    assert [p.organisation for p in project.ordered_partners][:2] == [
        "Univerza v Ljubljani",
        "First in the file",
    ]


def test_partners_without_a_position_stay_off_the_map(projects):
    Partner.objects.filter(organisation="Comune di Trieste").update(latitude=None, longitude=None)
    project = project_for_page(keep_id=projects["care"].keep_id)
    assert [place["title"] for place in partner_positions(project)] == ["Univerza v Ljubljani"]
    assert partner_positions(project)[0]["place"] == "Ljubljana, Slovenia"


def test_the_programme_section_shows_its_latest_projects(projects, rf):
    programme = projects["care"].programme
    assert [p.acronym for p in projects_of_programme(programme=programme)] == ["CARE-SI", "SOCA"]
    [built] = [
        section
        for section in sections.programme_sections(programme, rf.get("/"))
        if section.key == "projects"
    ]
    assert built.template == "hub/projects/programme_section.html"
    assert [p.acronym for p in built.context["projects"]] == ["CARE-SI", "SOCA"]


def test_a_programme_without_projects_has_no_projects_section(rf):
    programme = ProgrammeFactory()
    keys = [section.key for section in sections.programme_sections(programme, rf.get("/"))]
    assert "projects" not in keys
