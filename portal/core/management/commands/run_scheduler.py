import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.core.schedule import SCHEDULE, schedule_tick


class Command(BaseCommand):
    help = (
        "Run the portal's periodic jobs (reminders, digests, alerts, pruning) on schedule, "
        "forever. Run it on every host: each period's run of a job happens once across all "
        "of them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=20.0,
            help="Seconds between looks at the schedule (default 20).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Look at the schedule once, then exit."
        )

    def handle(self, *args, interval, once, **options):
        stopping = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stopping.set())
            self.stdout.write(f"Scheduler started with {len(SCHEDULE)} job(s).")
        while not stopping.is_set():
            # A long pause may have outlived the database connection.
            close_old_connections()
            for run in schedule_tick():
                self.stdout.write(f"{run.job} for {run.slot.isoformat()}: {run.outcome}")
            close_old_connections()
            if once:
                break
            stopping.wait(interval)
