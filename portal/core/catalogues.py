"""The portal's gettext catalogues: where they live, and compiling them without GNU gettext."""

from pathlib import Path

import polib
from django.conf import settings

DOMAIN = "django"

# Plural rules of the languages whose header Django cannot copy from a catalogue of its own.
PLURAL_FORMS_DJANGO_LACKS = {
    "mt": (
        "nplurals=4; plural=(n==1 ? 0 : n==0 || (n%100>1 && n%100<11) ? 1 : "
        "(n%100>10 && n%100<20) ? 2 : 3);"
    ),
}


def catalogue_path(code: str, locale_dir: Path | None = None) -> Path:
    locale_dir = locale_dir or Path(settings.LOCALE_PATHS[0])
    return locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(catalogue_path(code)), wrapwidth=100)


def compile_stale_catalogues() -> list[Path]:
    """Writes the .mo beside each .po that is newer than it (or has none); returns those."""
    compiled = []
    for locale_dir in map(Path, settings.LOCALE_PATHS):
        for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(mo_path)
    return compiled
