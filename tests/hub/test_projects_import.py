"""The keep.eu importer: one row per partner, a project saved only when all its rows are valid,
every rejected row reported with its line, column and reason, and a second run changing
nothing."""

import csv
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from hub.models import Partner, Project
from hub.services import COLUMNS, project_import
from portal.core.cache import content_version
from tests.factories import ProgrammeFactory
from tests.factories.hub import ThemeFactory

pytestmark = pytest.mark.django_db

PROJECT = {
    "project_id": "8125",
    "acronym": "HEALTH-SI-IT",
    "name": "Cross-border emergency care between Gorizia and Nova Gorica",
    "programme": "ita-slo",
    "period": "2021-2027",
    "call": "First call for standard projects",
    "start_date": "2023-03-01",
    "end_date": "2026-02-28",
    "total_budget": "2450000.00",
    "eu_funding": "1960000.00",
    "themes": "Health and social care; climate",
    "summary": "Ambulances cross the border and hospitals share their emergency rooms.",
}
LEAD = {
    "partner_organisation": "Splošna bolnišnica dr. Franca Derganca Nova Gorica",
    "partner_type": "Public authority",
    "partner_role": "Lead partner",
    "partner_country": "si",
    "partner_nuts": "SI043",
    "partner_town": "Nova Gorica",
    "partner_latitude": "45.95600",
    "partner_longitude": "13.64800",
}
PARTNER = {
    "partner_organisation": "Azienda sanitaria universitaria Giuliano Isontina",
    "partner_type": "public_authority",
    "partner_role": "partner",
    "partner_country": "IT",
    "partner_nuts": "ITH43",
    "partner_town": "Trieste",
    "partner_latitude": "",
    "partner_longitude": "",
}


@pytest.fixture(autouse=True)
def programmes():
    ProgrammeFactory(acronym="ITA-SLO", slug="ita-slo", name="Interreg VI-A Italy-Slovenia")
    ProgrammeFactory(acronym="ALCOTRA", slug="alcotra", name="Interreg VI-A France-Italy")


def rows(*partners, **project):
    return [PROJECT | project | partner for partner in partners]


def rejections(report):
    return [(rejection.line, rejection.field) for rejection in report.rejected]


def test_a_project_is_created_with_its_partners_themes_and_positions():
    report = project_import(rows=rows(LEAD, PARTNER))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (1, 0, 0, [])
    project = Project.objects.get(keep_id="8125")
    assert project.programme.acronym == "ITA-SLO"
    assert project.total_budget == Decimal("2450000.00")
    assert project.start_date.isoformat() == "2023-03-01"
    assert sorted(project.themes.values_list("slug", flat=True)) == ["climate", "health"]
    lead, partner = project.partners.order_by("position")
    assert (lead.role, lead.organisation_type, lead.country.code) == (
        "lead",
        "public_authority",
        "SI",
    )
    assert (lead.latitude, lead.longitude) == (Decimal("45.95600"), Decimal("13.64800"))
    # No position in the file: the bundled gazetteer's, for Trieste in Italy.
    assert partner.latitude is not None
    assert abs(float(partner.latitude) - 45.65) < 0.1
    assert abs(float(partner.longitude) - 13.78) < 0.1


def test_a_town_the_gazetteer_does_not_know_in_that_country_has_no_position():
    elsewhere = {"partner_town": "Trieste", "partner_country": "AT", "partner_nuts": ""}
    project_import(rows=rows(PARTNER | elsewhere))
    partner = Partner.objects.get()
    assert partner.latitude is None and partner.longitude is None


def test_importing_the_same_file_again_changes_nothing():
    project_import(rows=rows(LEAD, PARTNER))
    partner_ids = set(Partner.objects.values_list("pk", flat=True))

    report = project_import(rows=rows(LEAD, PARTNER))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 1, [])
    assert set(Partner.objects.values_list("pk", flat=True)) == partner_ids


def test_an_updated_project_gets_the_files_partners_and_themes():
    project_import(rows=rows(LEAD, PARTNER))

    report = project_import(
        rows=rows(LEAD | {"partner_town": "Gorizia"}, name="Emergency care", themes="health")
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    project = Project.objects.get()
    assert project.name == "Emergency care"
    assert list(project.themes.values_list("slug", flat=True)) == ["health"]
    assert list(project.partners.values_list("town", flat=True)) == ["Gorizia"]
    assert Partner.objects.count() == 1


def test_an_import_that_writes_drops_the_cached_pages(django_capture_on_commit_callbacks):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        project_import(rows=rows(LEAD))
    assert content_version() > before


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"programme": "NOPE"}, "programme", "No programme has the acronym “NOPE”"),
        ({"period": "2027-2021"}, "period", "not a programming period"),
        ({"start_date": "01/03/2023"}, "start_date", "not a date written YYYY-MM-DD"),
        ({"end_date": "2022-12-31"}, "end_date", "ends before it starts"),
        ({"total_budget": "2,450,000"}, "total_budget", "not an amount in euros"),
        ({"eu_funding": "9999999.00"}, "eu_funding", "more than the total budget"),
        ({"themes": "health;space travel"}, "themes", "No theme is called “space travel”"),
        ({"acronym": ""}, "acronym", "required"),
        ({"name": "x" * 401}, "name", "Longer than 400 characters"),
        ({"partner_organisation": ""}, "partner_organisation", "required"),
        ({"partner_type": "Club"}, "partner_type", "not a type of organisation"),
        ({"partner_role": "Coordinator"}, "partner_role", "not a role"),
        ({"partner_country": "XX"}, "partner_country", "not a two-letter country code"),
        ({"partner_nuts": "SI-04"}, "partner_nuts", "not a NUTS code"),
        ({"partner_nuts": "AT130"}, "partner_nuts", "not in the partner's country (SI)"),
        ({"partner_latitude": "95"}, "partner_latitude", "between -90 and 90"),
        ({"partner_longitude": ""}, "partner_longitude", "both the latitude and the longitude"),
    ],
)
def test_each_reason_is_reported_with_the_line_and_column(changes, field, reason):
    report = project_import(rows=[PROJECT | LEAD | changes])

    assert report.created == 0
    assert [(rejection.line, rejection.keep_id, rejection.field) for rejection in report.rejected]
    [rejection] = [rejection for rejection in report.rejected if rejection.field == field]
    assert (rejection.line, rejection.keep_id) == (2, "8125")
    assert reason in rejection.reason
    assert not Project.objects.exists()


def test_greek_partners_have_nuts_codes_starting_with_el():
    project_import(rows=rows(LEAD | {"partner_country": "GR", "partner_nuts": "EL301"}))
    assert Partner.objects.get().nuts_code == "EL301"


def test_nothing_of_a_project_with_one_bad_row_is_saved_and_its_other_rows_say_why():
    bad_partner = PARTNER | {"partner_country": "Italy"}
    report = project_import(rows=rows(LEAD, bad_partner) + rows(LEAD, project_id="9001"))

    assert report.created == 1  # the other project, in the same file
    assert rejections(report) == [(2, "project_id"), (3, "partner_country")]
    assert "line 3" in report.rejected[0].reason
    assert list(Project.objects.values_list("keep_id", flat=True)) == ["9001"]
    assert Partner.objects.count() == 1


def test_an_existing_project_is_left_as_it_was_when_its_new_rows_are_rejected():
    project_import(rows=rows(LEAD, PARTNER))
    report = project_import(rows=rows(LEAD, PARTNER | {"partner_role": "boss"}, name="Renamed"))

    assert report.updated == 0 and report.rejected_projects == 1
    project = Project.objects.get()
    assert project.name == PROJECT["name"]
    assert project.partners.count() == 2


def test_rows_of_one_project_that_disagree_are_rejected():
    report = project_import(
        rows=[PROJECT | LEAD, PROJECT | PARTNER | {"total_budget": "2500000.00"}]
    )
    assert rejections(report) == [(2, "project_id"), (3, "total_budget")]
    assert "line 2" in report.rejected[1].reason
    assert not Project.objects.exists()


def test_a_project_has_one_lead_partner():
    report = project_import(rows=rows(LEAD, PARTNER | {"partner_role": "lead"}))
    assert rejections(report) == [(2, "project_id"), (3, "partner_role")]


def test_a_row_without_a_project_id_is_rejected_alone():
    report = project_import(rows=rows(LEAD) + rows(PARTNER, project_id=""))
    assert report.created == 1
    assert [(r.line, r.keep_id, r.field) for r in report.rejected] == [(3, "", "project_id")]


def test_themes_are_found_by_name_or_slug_whatever_the_case():
    ThemeFactory(slug="cross-border-health", name="Cross-border health")
    project_import(rows=rows(LEAD, themes="CROSS-BORDER-HEALTH;Cross-Border Health;WATER"))
    themes = Project.objects.get().themes.values_list("slug", flat=True)
    assert sorted(themes) == ["cross-border-health", "water"]


def test_many_projects_import_in_a_few_queries_per_batch(django_assert_max_num_queries):
    many = [
        PROJECT | LEAD | {"project_id": str(number), "acronym": f"P{number}"}
        for number in range(1, 301)
    ]
    # Two look-ups, then per batch three reads and the inserts of projects, partners and themes,
    # which SQLite splits into statements of under 1,000 values: a handful, not one per row.
    with django_assert_max_num_queries(20):
        report = project_import(rows=many)
    assert report.created == 300
    assert Partner.objects.count() == 300


def write_export(path, records):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    return path


def test_the_command_reports_counts_and_each_rejected_row(tmp_path, capsys):
    path = write_export(tmp_path / "keep.csv", rows(LEAD, PARTNER) + rows(LEAD, project_id="77"))
    call_command("import_keep_projects", str(path))
    assert "Projects created: 2, updated: 0, unchanged: 0, rejected: 0" in capsys.readouterr().out

    bad = rows(LEAD | {"partner_nuts": "XX1234"}, project_id="78")
    write_export(path, rows(LEAD, PARTNER) + bad)
    with pytest.raises(CommandError, match="1 row"):
        call_command("import_keep_projects", str(path))
    output = capsys.readouterr()
    assert "Projects created: 0, updated: 0, unchanged: 1, rejected: 1" in output.out
    assert "line 4 (project 78), partner_nuts: rejected — “XX1234” is not a NUTS code" in (
        output.err
    )


def test_lines_are_counted_in_the_file_when_a_summary_spans_several(tmp_path, capsys):
    long_summary = "First paragraph.\n\nSecond paragraph."
    records = rows(LEAD, summary=long_summary) + rows(
        PARTNER | {"partner_country": "Italia"}, project_id="79", summary=long_summary
    )
    path = write_export(tmp_path / "keep.csv", records)
    with pytest.raises(CommandError):
        call_command("import_keep_projects", str(path))
    # The first project's row takes lines 2 to 4; the second's starts on line 5.
    assert "line 5 (project 79), partner_country" in capsys.readouterr().err
    assert Project.objects.get().summary == long_summary


def test_the_command_refuses_a_file_without_the_needed_columns(tmp_path):
    path = tmp_path / "keep.csv"
    path.write_text("project_id,acronym\n1,X\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_keep_projects", str(path))


def test_the_command_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "keep.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\n1,\xe9\xe9\n")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_keep_projects", str(path))
