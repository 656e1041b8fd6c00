"""Benchmark, served: every page family under gunicorn next to a bare Django view, in one run.

    python bench/served.py [--prepare] [--seconds 5] [--concurrency 8] [--workers 2]

The portal runs with production settings (bench/settings.py) on the demo data, in the database
at BENCH_DATABASE_URL (`--prepare` migrates and seeds it; PostgreSQL for numbers worth keeping)
with Redis at REDIS_URL. The bare view (bench/bare_site.py: 20 KB through SecurityMiddleware and
CommonMiddleware only) runs in a gunicorn of its own with as many workers, measured before and
after the pages; the ratios use the mean of both, and both are printed, so a change in the
machine's load during the run shows.

The rows are the in-process benchmark's (bench/families.py) but for the uncached one: public
pages anonymous and signed in as programme staff, the personal pages as their persona, feeds and
search. Each is requested by `--concurrency` clients for `--seconds`, gzip accepted as browsers
do, and is held to its family's target: anonymous pages and feeds half the bare view's requests
per second, public pages signed in a fifth, personal pages a tenth; search a tenth in every
family.
"""

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.family_names import ANONYMOUS_CACHED, PERSONAL, SIGNED_IN  # noqa: E402
from bench.pages import demo_environment, prepare  # noqa: E402
from bench.run import (  # noqa: E402
    PORT,
    bare_served,
    fetch,
    manage,
    measure,
    served,
)

TARGETS = {ANONYMOUS_CACHED: 0.5, SIGNED_IN: 0.2, PERSONAL: 0.1}
SEARCH_TARGET = 0.1
GZIP = {"Accept-Encoding": "gzip"}


def target(family: str, label: str) -> float:
    return SEARCH_TARGET if "search" in label else TARGETS[family]


def measure_rows(rows: list[dict], cookies: dict, seconds: float, concurrency: int) -> list[dict]:
    results = []
    for row in rows:
        headers = dict(GZIP)
        if row["email"]:
            headers["Cookie"] = cookies[row["email"]]
        status, _size = fetch(row["path"], headers)
        result = dict(row, status=status)
        if status == 200:
            result.update(measure(row["path"], headers, seconds, concurrency))
        results.append(result)
        print(f"{row['family']}: {row['label']} {result.get('rps', 0):.0f}/s", file=sys.stderr)
    return results


def table(results: list[dict], bare: float) -> str:
    lines = [
        "| family | page | req/s | p50 ms | p99 ms | x bare | target | meets it |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        goal = target(result["family"], result["label"])
        if "rps" not in result:
            cells = [f"answered {result['status']}", "", "", "", f"{goal:g}", "no"]
        else:
            ratio = result["rps"] / bare
            cells = [
                f"{result['rps']:.0f}",
                f"{result['p50']:.1f}",
                f"{result['p99']:.1f}",
                f"{ratio:.2f}",
                f"{goal:g}",
                "yes" if ratio >= goal and not result["errors"] else "**no**",
            ]
        lines.append(
            f"| {result['family']} | {result['label']} `{result['path']}` | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepare", action="store_true", help="migrate and seed the demo first")
    parser.add_argument("--seconds", type=float, default=5, help="load time per row")
    parser.add_argument("--concurrency", type=int, default=8, help="simultaneous clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    options = parser.parse_args()
    env = demo_environment("portal-bench-served")
    if options.prepare:
        prepare(env, large=False)
    else:  # this checkout's static files, whatever checkout prepared the database
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    listed = json.loads(manage(env, "bench_served_rows").strip().splitlines()[-1])

    def bare() -> dict:
        with bare_served(options.workers) as port:
            return measure("/", {}, options.seconds, options.concurrency, port)

    before = bare()
    with served("portal.wsgi:application", PORT, env, options.workers):
        results = measure_rows(
            listed["rows"], listed["cookies"], options.seconds, options.concurrency
        )
    after = bare()
    # Kept before any verdict, so that a run's figures are never lost.
    (ROOT / "var" / "served.json").write_text(
        json.dumps({"bare_before": before, "bare_after": after, "rows": results})
    )
    baseline = (before["rps"] + after["rps"]) / 2
    met = sum(
        1
        for result in results
        if "rps" in result
        and not result["errors"]
        and result["rps"] / baseline >= target(result["family"], result["label"])
    )
    print(
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()} "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; gunicorn "
        f"{options.workers} workers each, {options.concurrency} clients, "
        f"{options.seconds:g} s a row; database {env['DATABASE_URL'].split(':', 1)[0]}.\n"
        f"Bare Django view: {before['rps']:.0f} requests/s before the pages, "
        f"{after['rps']:.0f} after (p50 {before['p50']:.1f} / {after['p50']:.1f} ms); "
        f"ratios against their mean, {baseline:.0f}/s.\n"
    )
    print(table(results, baseline))
    print(f"\n{met} of {len(results)} rows meet their target.")


if __name__ == "__main__":
    main()
