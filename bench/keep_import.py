"""Benchmark of the keep.eu importer: writes an export of N projects (three partners each on
average), imports it into a fresh database, then imports it again (nothing changes).

    python bench/keep_import.py --projects 20000

SQLite file in var/ unless BENCH_DATABASE_URL is set (PostgreSQL: an empty database you may
drop tables in; it is migrated first). Prints the time of each import; the target is under a
minute for 20,000 projects on either database.
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# keep.eu's export columns, as hub.services reads them.
COLUMNS = [
    "project_id",
    "acronym",
    "name",
    "programme",
    "period",
    "call",
    "start_date",
    "end_date",
    "total_budget",
    "eu_funding",
    "themes",
    "summary",
    "partner_organisation",
    "partner_type",
    "partner_role",
    "partner_country",
    "partner_nuts",
    "partner_town",
    "partner_latitude",
    "partner_longitude",
]

TOPICS = [
    ("health", "cross-border emergency care"),
    ("climate", "adapting river valleys to drought"),
    ("biodiversity", "ecological corridors for large carnivores"),
    ("water", "shared groundwater monitoring"),
    ("energy", "community solar cooperatives"),
    ("transport", "rail links across the border"),
    ("research-innovation", "a joint testbed for smart farming"),
    ("culture-tourism", "slow tourism on old trade routes"),
    ("education", "bilingual vocational training"),
    ("social-inclusion", "care for older people in rural areas"),
]
PROGRAMMES = [
    ("ALCOTRA", [("FR", "FRK27", "Annecy"), ("IT", "ITC11", "Torino")]),
    ("UPPER-RHINE", [("FR", "FRF11", "Strasbourg"), ("DE", "DE139", "Freiburg im Breisgau")]),
    ("ITA-SLO", [("IT", "ITH44", "Trieste"), ("SI", "SI044", "Nova Gorica")]),
]
ORGANISATIONS = [
    ("University of {town}", "higher_education"),
    ("Regional hospital of {town}", "public_authority"),
    ("{town} chamber of commerce", "interest_group"),
    ("Municipality of {town}", "public_authority"),
    ("{town} environmental association", "ngo"),
]


def write_export(path: Path, projects: int) -> int:
    rows = 0
    chooser = random.Random(2027)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for number in range(1, projects + 1):
            theme, topic = TOPICS[number % len(TOPICS)]
            programme, places = PROGRAMMES[number % len(PROGRAMMES)]
            project = {
                "project_id": str(100000 + number),
                "acronym": f"{theme[:6].upper()}{number}",
                "name": f"Partners working together on {topic} ({number})",
                "programme": programme,
                "period": "2021-2027",
                "call": "Second call for proposals",
                "start_date": "2023-03-01",
                "end_date": "2026-02-28",
                "total_budget": f"{chooser.randint(400, 4000) * 1000}.00",
                "eu_funding": f"{chooser.randint(300, 400) * 1000}.00",
                "themes": theme,
                "summary": f"The partners share what they know about {topic}.",
            }
            for position in range(chooser.choice((2, 3, 3, 4))):
                country, nuts, town = places[position % len(places)]
                organisation, kind = ORGANISATIONS[(number + position) % len(ORGANISATIONS)]
                writer.writerow(
                    project
                    | {
                        "partner_organisation": organisation.format(town=town),
                        "partner_type": kind,
                        "partner_role": "lead" if position == 0 else "partner",
                        "partner_country": country,
                        "partner_nuts": nuts,
                        "partner_town": town,
                    }
                )
                rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20000)
    arguments = parser.parse_args()
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    database = var / "bench-import.sqlite3"
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{database}")
    if "BENCH_DATABASE_URL" not in os.environ:
        database.unlink(missing_ok=True)

    def manage(*args) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
        return time.perf_counter() - started

    manage("migrate", "--verbosity", "0")
    manage("import_programmes", str(ROOT / "portal/accounts/data/demo_programmes.csv"))
    export = var / "bench-keep-export.csv"
    rows = write_export(export, arguments.projects)
    print(f"{arguments.projects} projects, {rows} partner rows")
    print(f"first import:  {manage('import_keep_projects', str(export)):.1f} s")
    print(f"second import: {manage('import_keep_projects', str(export)):.1f} s (nothing changes)")


if __name__ == "__main__":
    main()
