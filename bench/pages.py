"""Benchmark in one process: what every page family costs at the demo size and at 100 times it.

    python bench/pages.py --prepare [--runs 7]

For each page (bench/families.py: public pages anonymous without and with the page cache, and
signed in as programme staff; personal pages as their persona; feeds and search), prints the
median CPU milliseconds of the process (process time, so other load on the machine does not
count), the median wall-clock milliseconds, the number of database queries and the size of the
response, for two databases side by side, and flags the rows that break the targets: at most
MAX_QUERIES queries, the same number at both sizes, CPU time at most MAX_CPU_GROWTH times the
demo's.

The demo database is BENCH_DATABASE_URL (default a SQLite file in var/), the large one
BENCH_LARGE_DATABASE_URL; both need their own PostgreSQL database for numbers worth keeping.
--prepare builds them: migrate, `seed_demo`, the task worker's queue run to its end (search
index), collectstatic, and `scale_up_demo` on the large one. Settings are production's
(bench/settings.py) with Redis at REDIS_URL.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_environment  # noqa: E402

MAX_QUERIES = 10
MAX_CPU_GROWTH = 2.0


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,  # what goes wrong reaches the terminal
        text=True,
    ).stdout


def demo_environment(cache_key_prefix: str) -> dict[str, str]:
    """The bench settings on the demo database (BENCH_DATABASE_URL, default a SQLite file in
    var/), under their own cache keys."""
    (ROOT / "var").mkdir(exist_ok=True)
    env = bench_environment()
    env["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-pages.sqlite3'}"
    )
    env["CACHE_KEY_PREFIX"] = cache_key_prefix
    return env


def prepare(env: dict[str, str], *, large: bool) -> None:
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo")
    # Production indexes for search and references in its task worker: run the queue out.
    manage(env, "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0")
    if large:
        print(manage(env, "scale_up_demo"), end="", flush=True)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def measure(env: dict[str, str], runs: int) -> list[dict]:
    output = manage(env, "bench_pages", "--runs", str(runs), "--json")
    return json.loads(output.strip().splitlines()[-1])


def _size(value: int) -> str:
    return f"{value / 1024:.1f} KiB" if value >= 1024 else f"{value} B"


def _cells(result: dict | None) -> list[str]:
    if result is None:
        return ["", "", "", ""]
    if "error" in result:
        return ["crashed", "", "", ""]
    status = "" if result["status"] == 200 else f" ({result['status']})"
    return [
        f"{result['cpu_ms']:.1f}",
        f"{result['wall_ms']:.1f}",
        f"{result['queries']}",
        _size(result["bytes"]) + status,
    ]


def broken_targets(demo: dict, large: dict | None) -> list[str]:
    """What a row breaks, in words; empty when it meets every target."""
    broken = []
    for name, result in (("demo", demo), ("100x", large)):
        if result is None:
            continue
        if "error" in result:
            broken.append(f"crashes at {name}: {result['error']}")
        elif result["status"] != 200:
            broken.append(f"answers {result['status']} at {name}")
        elif result["queries"] > MAX_QUERIES:
            broken.append(f"{result['queries']} queries at {name}")
    if large is None or "error" in demo or "error" in large:
        return broken
    if large["queries"] != demo["queries"]:
        broken.append(f"queries {demo['queries']} → {large['queries']}")
    growth = large["cpu_ms"] / demo["cpu_ms"] if demo["cpu_ms"] else 1.0
    if growth > MAX_CPU_GROWTH:
        broken.append(f"CPU x{growth:.1f}")
    return broken


def table(demo: list[dict], large: list[dict] | None = None) -> str:
    """A Markdown table: one row per page, the demo's numbers and (if given) the large's."""
    by_key = {(row["family"], row["label"]): row for row in large or []}
    sizes = ["demo"] if large is None else ["demo", "100x"]
    head = ["family", "page"]
    for size in sizes:
        head += [f"CPU ms {size}", f"wall ms {size}", f"queries {size}", f"bytes {size}"]
    head.append("breaks the targets")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in demo:
        other = by_key.get((row["family"], row["label"])) if large is not None else None
        cells = [row["family"], f"{row['label']} `{row['path']}`", *_cells(row)]
        if large is not None:
            cells += _cells(other)
        cells.append("; ".join(broken_targets(row, other)) or "—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(demo: list[dict], large: list[dict] | None) -> str:
    by_key = {(row["family"], row["label"]): row for row in large or []}
    breaking = [
        row
        for row in demo
        if broken_targets(row, by_key.get((row["family"], row["label"])) if large else None)
    ]
    return f"{len(breaking)} of {len(demo)} rows break at least one target."


def machine_note(runs: int) -> str:
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()} {os.cpu_count()} CPUs "
        f"({platform.processor() or platform.platform()}), Python {platform.python_version()}, "
        f"median of {runs} requests after 2 warm-up requests per row"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed requests per row")
    parser.add_argument(
        "--prepare", action="store_true", help="migrate and seed both databases first"
    )
    parser.add_argument("--demo-only", action="store_true", help="measure the demo size only")
    options = parser.parse_args()
    # Each size its own cache keys: the demo's cached pages must never answer for the large.
    env = demo_environment("portal-bench-pages-demo")
    large_env = dict(env, CACHE_KEY_PREFIX="portal-bench-pages-large")
    large_env["DATABASE_URL"] = os.environ.get(
        "BENCH_LARGE_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-pages-large.sqlite3'}"
    )
    sizes = [(env, False)] if options.demo_only else [(env, False), (large_env, True)]
    if options.prepare:
        for size_env, large in sizes:
            print(f"Preparing {size_env['DATABASE_URL']} …", flush=True)
            prepare(size_env, large=large)
    results = [measure(size_env, options.runs) for size_env, _large in sizes]
    demo, large = results[0], (results[1] if len(results) > 1 else None)
    print()
    print(machine_note(options.runs))
    print()
    print(table(demo, large))
    print()
    print(summary(demo, large))


if __name__ == "__main__":
    main()
