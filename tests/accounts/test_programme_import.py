"""The programme importer's optional columns: the programme area as NUTS codes, and how to
contact the programme."""

import csv

import pytest
from django.core.management import CommandError, call_command

from portal.accounts.models import Programme
from portal.accounts.services import programme_import
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "acronym",
    "name",
    "strand",
    "sub_type",
    "countries",
    "website",
    "description",
    "area_nuts_codes",
    "contact_email",
    "contact_phone",
    "contact_address",
]


def row(**values) -> dict:
    base = {
        "acronym": "AT-HU",
        "name": "Interreg VI-A Austria-Hungary",
        "strand": "A",
        "countries": "AT;HU",
    }
    return {**base, **values}


def test_import_reads_the_area_and_the_contacts(tmp_path, capsys):
    path = tmp_path / "programmes.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(
            [
                "AT-HU",
                "Interreg VI-A Austria-Hungary",
                "A",
                "",
                "AT;HU",
                "https://www.interreg-athu.eu",
                "",
                "at11, AT12;hu221 HU222 AT11",
                "office@interreg-athu.eu",
                "+43 2682 600 2870",
                "Joint Secretariat\nEuropaplatz 1\n7000 Eisenstadt",
            ]
        )
    call_command("import_programmes", str(path))
    assert "created: 1, updated: 0, rejected: 0" in capsys.readouterr().out
    programme = Programme.objects.get(acronym="AT-HU")
    assert programme.area_nuts_codes == "AT11 AT12 HU221 HU222"
    assert programme.contact_email == "office@interreg-athu.eu"
    assert programme.contact_phone == "+43 2682 600 2870"
    assert programme.contact_address == "Joint Secretariat\nEuropaplatz 1\n7000 Eisenstadt"


def test_rows_with_a_bad_area_or_contact_are_rejected_with_the_field_and_reason():
    report = programme_import(
        rows=[
            row(acronym="BAD1", area_nuts_codes="AT11 Vienna"),
            row(acronym="BAD2", contact_email="not an address"),
            row(acronym="BAD3", contact_phone="+43 " * 20),
        ]
    )
    assert report.created == 0
    reasons = {acronym: reason for _line, acronym, reason in report.rejected}
    assert reasons["BAD1"].startswith("area_nuts_codes: “Vienna” is not a NUTS code")
    assert reasons["BAD2"].startswith("contact_email:")
    assert reasons["BAD3"].startswith("contact_phone:")
    assert not Programme.objects.filter(acronym__startswith="BAD").exists()


def test_a_file_without_the_columns_leaves_what_programmes_hold():
    ProgrammeFactory(
        acronym="AT-HU",
        area_nuts_codes="AT11 HU221",
        contact_email="office@interreg-athu.eu",
        contact_address="Europaplatz 1",
    )
    report = programme_import(rows=[row(name="Interreg Austria-Hungary")])
    assert (report.updated, report.rejected) == (1, [])
    programme = Programme.objects.get(acronym="AT-HU")
    assert programme.name == "Interreg Austria-Hungary"
    assert programme.area_nuts_codes == "AT11 HU221"
    assert programme.contact_email == "office@interreg-athu.eu"
    assert programme.contact_address == "Europaplatz 1"


def test_an_empty_cell_clears_the_value():
    ProgrammeFactory(acronym="AT-HU", area_nuts_codes="AT11", contact_phone="+43 1")
    programme_import(rows=[row(area_nuts_codes="", contact_phone=" ")])
    programme = Programme.objects.get(acronym="AT-HU")
    assert programme.area_nuts_codes == "" and programme.contact_phone == ""


def test_the_command_names_the_optional_columns():
    with pytest.raises(CommandError):
        call_command("import_programmes", "/nonexistent.csv")
    from portal.accounts.management.commands.import_programmes import Command

    assert "optional: area_nuts_codes, contact_email, contact_phone, contact_address" in (
        Command.help
    )
