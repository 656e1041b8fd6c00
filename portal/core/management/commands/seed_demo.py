from django.core.management.base import BaseCommand, CommandError

from portal.home.demo import seed_bulk_pages, seed_site


class Command(BaseCommand):
    help = "Load demo content. Idempotent: only what is missing is added."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bulk",
            type=int,
            default=0,
            metavar="N",
            help="Also ensure N library articles exist (for benchmarks and query budgets).",
        )

    def handle(self, *args, bulk, **options):
        if bulk < 0:
            raise CommandError("--bulk takes a number of pages, 0 or more.")
        seed_site()
        self.stdout.write("Demo content is in place.")
        if bulk:
            added = seed_bulk_pages(bulk)
            self.stdout.write(f"Library articles: {bulk} ({added} added).")
