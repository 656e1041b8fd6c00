"""Every message of the portal is translated in each of the 24 languages: nothing left
untranslated or fuzzy, every placeholder of the original kept, and as many plural forms as the
language's rule has — the same rule Django's own catalogue for that language uses."""

import gettext
import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings

from portal.core.catalogues import (
    PLURAL_FORMS_DJANGO_LACKS,
    catalogue_path,
    compile_stale_catalogues,
)

CODES = [code for code, _name in settings.LANGUAGES]
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
POSITIONAL_PLACEHOLDER = re.compile(r"(?<!%)%[sdif]")
BRACED_PLACEHOLDER = re.compile(r"\{\w*\}")


def plural_forms(header: str) -> tuple[int, str]:
    match = re.search(r"nplurals\s*=\s*(\d+);\s*plural\s*=\s*(.+?);?\s*$", header)
    return int(match.group(1)), match.group(2)


def django_plural_forms(code: str) -> str:
    if code in PLURAL_FORMS_DJANGO_LACKS:
        return PLURAL_FORMS_DJANGO_LACKS[code]
    path = Path(django.__file__).parent / "conf" / "locale" / code / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path)).metadata["Plural-Forms"]


def placeholders(text: str) -> set[str]:
    return (
        set(NAMED_PLACEHOLDER.findall(text))
        | {f"#{n}" for n, _ in enumerate(POSITIONAL_PLACEHOLDER.findall(text))}
        | set(BRACED_PLACEHOLDER.findall(text))
    )


@pytest.fixture(scope="module", params=CODES)
def catalogue(request):
    return request.param, polib.pofile(str(catalogue_path(request.param)))


def test_there_is_one_catalogue_per_official_language():
    assert len(CODES) == 24
    assert all(catalogue_path(code).exists() for code in CODES)


def test_nothing_is_left_untranslated_or_fuzzy(catalogue):
    code, po = catalogue
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert len(po) > 2000
    assert untranslated == [], f"{code}: {len(untranslated)} untranslated"
    assert fuzzy == [], f"{code}: {len(fuzzy)} fuzzy"
    assert po.obsolete_entries() == []


def test_the_plural_rule_is_the_languages(catalogue):
    code, po = catalogue
    count, expression = plural_forms(po.metadata["Plural-Forms"])
    assert (count, expression) == plural_forms(django_plural_forms(code))
    plural = gettext.c2py(expression)  # evaluated as gettext does
    assert {plural(n) for n in range(1200)} <= set(range(count)), code


def test_every_plural_message_has_each_form(catalogue):
    code, po = catalogue
    count, _expression = plural_forms(po.metadata["Plural-Forms"])
    for entry in po:
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index, "") for index in range(count)]
            assert all(forms) and len(entry.msgstr_plural) == count, (code, entry.msgid)


def test_every_placeholder_of_the_original_is_kept(catalogue):
    code, po = catalogue
    wrong = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            original = placeholders(entry.msgid_plural)
            translations = entry.msgstr_plural.values()
        else:
            original = placeholders(entry.msgid)
            translations = [entry.msgstr]
        for translated in translations:
            found = placeholders(translated)
            # A plural form may leave the count out where the language says "one" in words.
            missing = original - found - ({"counter", "count"} if entry.msgid_plural else set())
            if missing or (found - original - placeholders(entry.msgid)):
                wrong.append((entry.msgid, translated))
    assert wrong == [], f"{code}: {wrong[:5]}"


def test_catalogues_compile_with_python_alone(tmp_path, settings):
    for code in ("fr", "mt"):
        target = tmp_path / code / "LC_MESSAGES"
        target.mkdir(parents=True)
        (target / "django.po").write_bytes(catalogue_path(code).read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    compiled = compile_stale_catalogues()
    assert sorted(path.parent.parent.name for path in compiled) == ["fr", "mt"]
    assert polib.mofile(str(compiled[1])).metadata["Language"] == "mt"
    assert compile_stale_catalogues() == []  # up to date: nothing to do


def test_paragraphs_and_line_ends_are_kept(catalogue):
    """E-mail bodies are messages of several paragraphs: a translation keeps each break."""
    code, po = catalogue
    wrong = []
    for entry in po.translated_entries():
        pairs = (
            [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for original, translated in pairs:
            shape = (original.count("\n\n"), original.startswith("\n"), original.endswith("\n"))
            if shape != (
                translated.count("\n\n"),
                translated.startswith("\n"),
                translated.endswith("\n"),
            ):
                wrong.append(entry.msgid[:60])
    assert wrong == [], f"{code}: {wrong[:5]}"
