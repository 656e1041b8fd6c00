"""Demo content of the hub."""

import csv
from pathlib import Path

from portal.accounts.models import Programme

from . import nuts
from .services import project_import

DEMO_PROGRAMME_AREAS = Path(__file__).resolve().parent / "data" / "demo_programme_areas.csv"


def seed_programme_areas() -> int:
    """Give the demo programmes their areas as NUTS codes (cross-border programmes the NUTS 3
    regions along their border, transnational ones NUTS 2 regions or whole countries,
    interregional ones their member countries). Idempotent; returns how many changed.

    The outermost regions' programmes keep an empty area where their regions (overseas France)
    lie beyond the bundled 1:60 million outlines."""
    with DEMO_PROGRAMME_AREAS.open(newline="", encoding="utf-8") as handle:
        areas = {
            row["acronym"].casefold(): row["area_nuts_codes"].strip()
            for row in csv.DictReader(handle)
        }
    changed = 0
    for programme in Programme.objects.all():
        area = areas.get(programme.acronym.casefold())
        if area is None or programme.area_nuts_codes == area:
            continue
        nuts.validate_area_nuts_codes(area)
        programme.area_nuts_codes = area
        programme.save(update_fields=["area_nuts_codes", "updated_at"])
        changed += 1
    return changed


DEMO_KEEP_PROJECTS = Path(__file__).resolve().parent / "data" / "demo_keep_projects.csv"


def seed_keep_projects() -> int:
    """Import the demo's keep.eu export through the importer, as a programme would load a real
    one. Idempotent; returns how many projects were created. A row the importer rejects is a
    fault of the demo file, so it stops the seeding with the importer's reasons."""
    with DEMO_KEEP_PROJECTS.open(newline="", encoding="utf-8") as handle:
        report = project_import(rows=csv.DictReader(handle))
    if report.rejected:
        reasons = "; ".join(
            f"line {rejection.line}, {rejection.field}: {rejection.reason}"
            for rejection in report.rejected[:5]
        )
        raise ValueError(f"The demo's keep.eu export has rejected rows: {reasons}")
    return report.created
