from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_portal onto an EMPTY database and empty storages "
        "(it refuses anything else), after checking every file against the manifest's "
        "checksums. Run `manage.py migrate` afterwards if this version of the portal is newer."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source, **options):
        try:
            restored = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {restored['rows']} rows in {restored['tables']} tables and "
            f"{restored['files']} files from {source}."
        )
        if restored["missing"]:
            self.stderr.write(
                f"{restored['missing']} files the database refers to were deleted before the "
                "backup copied them (listed under 'missing' in its manifest)."
            )
