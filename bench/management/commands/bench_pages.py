import json
import time

from django.core.management.base import BaseCommand

from bench.families import FAMILIES, page_rows
from bench.measure import empty_cache, measure_row
from bench.pages import summary, table


class Command(BaseCommand):
    help = (
        "Measure every page family in this process (bench/families.py): median CPU and wall "
        "milliseconds, queries and response size, as a Markdown table or JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7, help="timed requests per row")
        parser.add_argument("--warmups", type=int, default=2, help="untimed requests first")
        parser.add_argument("--family", choices=FAMILIES, help="only this family")
        parser.add_argument("--json", action="store_true", dest="as_json", help="one line of JSON")

    def handle(self, *args, runs, warmups, family, as_json, **options):
        rows = [row for row in page_rows() if family in (None, row.family)]
        empty_cache()  # nothing left over from another run or another data set
        results = []
        for row in rows:
            started = time.perf_counter()
            results.append(measure_row(row, runs=runs, warmups=warmups))
            # Progress, on stderr so the JSON on stdout stays one line.
            self.stderr.write(f"{row.family}: {row.label} ({time.perf_counter() - started:.0f} s)")
        if as_json:
            self.stdout.write(json.dumps(results))
        else:
            self.stdout.write(table(results))
            self.stdout.write(summary(results, None))
