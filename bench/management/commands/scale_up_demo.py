import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.scale import scale_courses, scale_events, scale_posts, scale_projects
from portal.core.cache import content_changed


class Command(BaseCommand):
    help = (
        "Grow the demo data (run seed_demo first) to 100 times its size with bulk inserts: "
        "published Cooperation Day events, Academy courses, community posts and keep.eu "
        "projects, each topped up to the given total. For a benchmark database only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=100_000)
        parser.add_argument("--courses", type=int, default=10_000)
        parser.add_argument("--posts", type=int, default=200_000)
        parser.add_argument("--projects", type=int, default=20_000)

    def handle(self, *args, events, courses, posts, projects, **options):
        if min(events, courses, posts, projects) < 0:
            raise CommandError(
                "--events, --courses, --posts and --projects take a number, 0 or more."
            )
        work_dir = Path(settings.BASE_DIR) / "var"
        work_dir.mkdir(exist_ok=True)
        steps = [
            ("published events", events, lambda: scale_events(events)),
            ("courses", courses, lambda: scale_courses(courses)),
            ("community posts", posts, lambda: scale_posts(posts)),
            ("keep.eu projects", projects, lambda: scale_projects(projects, work_dir=work_dir)),
        ]
        for label, total, grow in steps:
            started = time.perf_counter()
            added = grow()
            self.stdout.write(
                f"{label}: {total} ({added} added in {time.perf_counter() - started:.0f} s)"
            )
        # A production database's statistics follow its growth (autovacuum analyses it); after
        # bulk inserts they would still describe the demo, and the planner choose plans for it.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # Pages cached before the growth would show the old numbers.
        content_changed()
