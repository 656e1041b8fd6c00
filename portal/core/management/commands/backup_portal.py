from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (one consistent snapshot) and every stored file of every storage, "
        "local or bucket, into DESTINATION, a new or empty directory, with a manifest of "
        "versions, row counts and checksums. Restore it with restore_portal."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path)

    def handle(self, *args, destination, **options):
        try:
            manifest = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        database = manifest["database"]
        self.stdout.write(
            f"Database: {database['vendor']}, {len(database['rows'])} tables, "
            f"{sum(database['rows'].values())} rows, {database['bytes']} bytes."
        )
        for storage in manifest["storages"]:
            self.stdout.write(
                f"Files in {storage['label']}: {storage['files']} ({storage['bytes']} bytes)."
            )
        for missing in manifest["missing"]:
            self.stderr.write(
                f"Deleted before it could be copied: {missing['storage']}/{missing['name']}."
            )
        self.stdout.write(f"Backup written to {destination}.")
