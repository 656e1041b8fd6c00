from django.core.management.base import BaseCommand

from academy.services import learning_path_credentials_backfill


class Command(BaseCommand):
    help = (
        "Issue each live learning path's credential to everyone who has completed its required "
        "courses but holds none (they finished before the path or its last step was added). "
        "The scheduler runs it hourly."
    )

    def handle(self, *args, **options):
        issued = learning_path_credentials_backfill()
        self.stdout.write(f"Learning path credentials issued: {issued}.")
