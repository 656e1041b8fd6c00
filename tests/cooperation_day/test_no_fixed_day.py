"""Cooperation Day's day comes from its edition: no template, help text or demo text names a
day of its own (see tests/home/test_campaign_dates.py for the pages that show the edition's)."""

import re

from django.conf import settings

FIXED_DAY = re.compile(
    r"\b21(st)?\s+(of\s+)?sept(ember)?\b|\bsept(ember)?\s+21|\b21[/.]0?9\b|\b0?9-21\b",
    re.IGNORECASE,
)
PLACES = ("templates", "campaigns", "portal/home", "locale")


def test_no_template_help_text_or_demo_names_a_fixed_day():
    found = []
    for place in PLACES:
        for path in (settings.BASE_DIR / place).rglob("*"):
            if path.suffix not in {".html", ".txt", ".py", ".po"} or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if FIXED_DAY.search(line):
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert found == []
