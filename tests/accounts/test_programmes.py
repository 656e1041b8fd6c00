import csv

import pytest
from django.core.management import CommandError, call_command

from portal.accounts.models import Programme
from portal.accounts.services import programme_import
from portal.core.cache import content_changed
from portal.home.demo import seed_programmes
from tests.factories import AffiliationFactory, ProgrammeFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

HEADER = ["acronym", "name", "strand", "sub_type", "countries", "website", "description"]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def directory():
    """A programme of each strand the filters tell apart, by their real names and countries."""
    return {
        acronym: ProgrammeFactory(
            acronym=acronym, slug=acronym.lower(), name=name, strand=strand, countries=countries
        )
        for acronym, name, strand, countries in [
            ("ALCOTRA", "Interreg VI-A France-Italy (ALCOTRA)", "A", ["FR", "IT"]),
            ("GREATER-REGION", "Interreg Greater Region", "A", ["BE", "DE", "FR", "LU"]),
            ("NORTH-SEA", "Interreg North Sea", "B", ["BE", "DK", "DE", "NL", "NO", "SE"]),
            ("CARIBBEAN", "Interreg Caribbean", "D", ["FR", "AG", "BB", "DM"]),
        ]
    }


def test_import_creates_updates_and_reports_rejected_rows(tmp_path, capsys):
    ProgrammeFactory(acronym="ALCOTRA", name="Old name", slug="alcotra")
    path = write_csv(
        tmp_path / "programmes.csv",
        [
            [
                "ALCOTRA",
                "Interreg France-Italy (ALCOTRA)",
                "a",
                "",
                "FR;IT",
                "https://example.org",
                "",
            ],
            ["NSR", "Interreg North Sea", "B", "", "BE, DK, DE", "", "North Sea"],
            ["BAD1", "Wrong strand", "E", "", "FR", "", ""],
            ["BAD2", "Unknown country", "A", "", "FR;XX", "", ""],
            ["", "No acronym", "A", "", "FR", "", ""],
            ["BAD3", "Bad sub-type", "A", "LEGACY", "FR", "not a url", ""],
        ],
    )
    with pytest.raises(CommandError, match="4 row"):
        call_command("import_programmes", str(path))
    output = capsys.readouterr()
    assert "created: 1, updated: 1, rejected: 4" in output.out
    assert "line 4 (BAD1): rejected — strand:" in output.err
    assert "line 5 (BAD2): rejected — countries: “XX” is not a country code" in output.err
    assert "line 6 (no acronym): rejected — acronym:" in output.err
    assert "sub_type:" in output.err and "website:" in output.err
    assert Programme.objects.get(acronym="ALCOTRA").name == "Interreg France-Italy (ALCOTRA)"
    north_sea = Programme.objects.get(acronym="NSR")
    assert north_sea.strand == "B" and sorted(c.code for c in north_sea.countries) == [
        "BE",
        "DE",
        "DK",
    ]
    assert not Programme.objects.filter(acronym__startswith="BAD").exists()


def test_import_matches_acronyms_regardless_of_case():
    ProgrammeFactory(acronym="Interact", slug="interact")
    report = programme_import(
        rows=[{"acronym": "INTERACT", "name": "Interact", "strand": "C", "countries": "AT"}]
    )
    assert (report.created, report.updated, report.rejected) == (0, 1, [])


def test_import_refuses_an_unreadable_file(tmp_path):
    path = tmp_path / "programmes.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_programmes", str(path))
    empty = tmp_path / "empty.csv"
    empty.write_text("name\nX\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_programmes", str(empty))


def test_demo_content_has_at_least_25_programmes_across_all_strands():
    seed_programmes()
    assert Programme.objects.count() >= 25
    assert set(Programme.objects.values_list("strand", flat=True)) == {"A", "B", "C", "D"}
    assert Programme.objects.filter(sub_type="IPA").exists()
    assert Programme.objects.filter(sub_type="NEXT").exists()


def test_directory_filters_by_strand_country_and_name(client, directory):
    response = client.get("/programmes/", {"strand": "D"})
    names = {programme.name for programme in response.context["programmes"]}
    assert "Interreg Caribbean" in names and "Interreg North Sea" not in names
    response = client.get("/programmes/", {"country": "LU"})
    names = {programme.name for programme in response.context["programmes"]}
    assert "Interreg Greater Region" in names and "Interreg Caribbean" not in names
    response = client.get("/programmes/", {"q": "alcotra"})
    assert [p.acronym for p in response.context["programmes"]] == ["ALCOTRA"]


def test_directory_explains_bad_filters_and_keeps_them(client, directory):
    response = client.get("/programmes/", {"strand": "Z", "country": "XX"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_strand_error"' in html and 'id="id_country_error"' in html
    assert response.context["programmes"].paginator.count == Programme.objects.count()


def test_programme_page_lists_only_approved_staff_who_chose_to_be_listed(client, directory):
    programme = directory["ALCOTRA"]
    AffiliationFactory(
        programme=programme, user__first_name="Listed", user__last_name="Person", listed=True
    )
    AffiliationFactory(
        programme=programme, user__first_name="Hidden", user__last_name="Person", listed=False
    )
    AffiliationFactory(
        programme=programme,
        user__first_name="Pending",
        user__last_name="Person",
        listed=True,
        status="pending",
    )
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Listed Person" in html
    assert "Hidden Person" not in html and "Pending Person" not in html
    assert "France" in html and "Italy" in html


def _directory_queries(client) -> int:
    # Anonymous visitors share the directory: measure full renders, after the first (which
    # makes the renditions).
    content_changed()
    client.get("/programmes/")
    content_changed()
    queries, response = count_queries(client.get, "/programmes/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return queries


def test_directory_queries_stay_the_same_with_25_and_1000_programmes(client, db):
    seed_programmes()
    small = _directory_queries(client)
    assert Programme.objects.count() >= 25
    Programme.objects.bulk_create(
        Programme(
            name=f"Interreg Bulk {number}",
            acronym=f"BULK{number}",
            slug=f"bulk-{number}",
            strand="ABCD"[number % 4],
            countries=["FR", "DE", "IT"],
        )
        for number in range(1000 - Programme.objects.count())
    )
    assert Programme.objects.count() == 1000
    large = _directory_queries(client)
    assert large == small


def test_programme_page_queries_do_not_grow_with_its_staff(client, directory):
    programme = directory["ALCOTRA"]

    def queries() -> int:
        content_changed()
        client.get(programme.get_absolute_url())
        content_changed()
        count, response = count_queries(client.get, programme.get_absolute_url())
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
        return count

    AffiliationFactory(programme=programme, listed=True)
    few = queries()
    for _ in range(30):
        AffiliationFactory(programme=programme, listed=True)
    assert queries() == few
