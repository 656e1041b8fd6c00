import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.accounts.services import (
    PROGRAMME_IMPORT_FIELDS,
    PROGRAMME_OPTIONAL_FIELDS,
    programme_import,
)


class Command(BaseCommand):
    help = (
        "Create or update programmes from a UTF-8 CSV file, matched by acronym. Columns: "
        + ", ".join(PROGRAMME_IMPORT_FIELDS)
        + "; optional: "
        + ", ".join(PROGRAMME_OPTIONAL_FIELDS)
        + ". Rows that fail validation are reported with the reason and not imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            with file.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = [
                    column
                    for column in ("acronym", "name", "strand", "countries")
                    if column not in (reader.fieldnames or [])
                ]
                if missing:
                    raise CommandError(f"{file}: missing column(s): {', '.join(missing)}")
                report = programme_import(rows=reader)
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{file}: cannot be read as UTF-8 CSV ({error})") from error
        for line, acronym, reason in report.rejected:
            self.stderr.write(f"line {line} ({acronym or 'no acronym'}): rejected — {reason}")
        self.stdout.write(
            f"Programmes created: {report.created}, updated: {report.updated}, "
            f"rejected: {len(report.rejected)}."
        )
        if report.rejected:
            raise CommandError(f"{len(report.rejected)} row(s) rejected; see above.")
