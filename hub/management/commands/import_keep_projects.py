import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.services import COLUMNS, REQUIRED_COLUMNS, project_import


class Command(BaseCommand):
    help = (
        "Create or update projects and their partners from keep.eu's export (UTF-8 CSV, one row "
        "per partner), matched by keep.eu id. Columns: "
        + ", ".join(COLUMNS)
        + ". A project is saved only when all its rows are valid; every rejected row is "
        "reported with its line, column and reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            with file.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = [
                    column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])
                ]
                if missing:
                    raise CommandError(f"{file}: missing column(s): {', '.join(missing)}")
                report = project_import(rows=reader)
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{file}: cannot be read as UTF-8 CSV ({error})") from error
        for rejection in report.rejected:
            project = f"project {rejection.keep_id}" if rejection.keep_id else "no project id"
            self.stderr.write(
                f"line {rejection.line} ({project}), {rejection.field}: rejected — "
                f"{rejection.reason}"
            )
        self.stdout.write(
            f"Projects created: {report.created}, updated: {report.updated}, "
            f"unchanged: {report.unchanged}, rejected: {report.rejected_projects} "
            f"({len(report.rejected)} row(s))."
        )
        if report.rejected:
            raise CommandError(f"{len(report.rejected)} row(s) rejected; see above.")
