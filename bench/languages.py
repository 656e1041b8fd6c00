"""Benchmark: what a page costs in each of the 24 languages, next to English.

    python bench/languages.py [--requests 15]

Migrates and seeds the demo into a SQLite file in var/ (or BENCH_DATABASE_URL), then, in one
process with production settings, requests the home page, the Academy catalogue and the
Cooperation Day page in every language, signed out (from the page cache) and signed in
(rendered for the person), and prints the median CPU time per request (process time, so other
load on the machine does not count) with its ratio to English.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import manage  # noqa: E402
from bench.run import SESSION_SCRIPT, bench_environment  # noqa: E402

PATHS = ["/", "/academy/", "/cooperation-day/"]

# Runs inside the portal (manage.py shell): every path in every language, signed out and in.
MEASURE_SCRIPT = """
import json, statistics, time
from django.conf import settings
from django.test import Client
paths, cookie, requests = json.loads(PARAMETERS)
client = Client(
    HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="127.0.0.1"
)
signed_in = {"HTTP_COOKIE": cookie}
prefixes = {
    code: "" if code == settings.LANGUAGE_CODE else "/" + code for code, _name in settings.LANGUAGES
}
results = {code: [] for code in prefixes}
for headers in ({}, signed_in):
    for path in paths:
        # Signed out means no cookie at all: not even the one a signed-in answer left.
        client.cookies.clear()
        for prefix in prefixes.values():
            for _ in range(3):  # warm: page cache, templates, translations
                status = client.get(prefix + path, **headers).status_code
                if status != 200:
                    raise SystemExit(f"{prefix + path} answered {status}")
        # The languages take turns, request by request, so that whatever else slows the
        # machine down during the run weighs on all of them alike.
        timings = {code: [] for code in prefixes}
        for _ in range(requests):
            for code, prefix in prefixes.items():
                started = time.process_time()
                client.get(prefix + path, **headers)
                timings[code].append((time.process_time() - started) * 1000)
        for code in prefixes:
            results[code].append(statistics.median(timings[code]))
print(json.dumps(results))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=15, help="timed requests per cell")
    options = parser.parse_args()
    env = bench_environment()
    env["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-languages.sqlite3'}"
    )
    (ROOT / "var").mkdir(exist_ok=True)
    print("Preparing data: migrate, seed_demo, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    manage(env, "compile_catalogues")
    manage(env, "collectstatic", "--noinput")
    cookie = manage(env, "shell", "--no-imports", "-c", SESSION_SCRIPT).strip().splitlines()[-1]
    parameters = json.dumps([PATHS, cookie, options.requests])
    script = f"PARAMETERS = {parameters!r}\n{MEASURE_SCRIPT}"
    output = manage(env, "shell", "--no-imports", "-c", script)
    results = json.loads(output.strip().splitlines()[-1])

    columns = [f"{path} {who}" for who in ("signed out", "signed in") for path in PATHS]
    english = results["en"]
    print(f"\nMedian CPU ms per request ({options.requests} a cell), and the ratio to English")
    header = "lang " + "".join(f"{column:>26}" for column in columns)
    print(header)
    print("-" * len(header))
    for code, row in results.items():
        cells = "".join(
            f"{ms:>18.2f} ({ms / base:>4.0%})" for ms, base in zip(row, english, strict=True)
        )
        print(f"{code:<4} {cells}")
    worst = max(
        (ms / base, code, column)
        for code, row in results.items()
        for ms, base, column in zip(row, english, columns, strict=True)
    )
    print(f"\nHighest ratio to English: {worst[0]:.0%} ({worst[1]}, {worst[2]})")


if __name__ == "__main__":
    main()
