"""The demo's pages in French and German, made the way an editor makes them: each page is
submitted for translation with wagtail-localize (a TranslationSource and a Translation per
language), its segments are translated (StringTranslation) and the translated page is saved
and published. Editors find them as translations they can edit and sync with the original.

The words live in `demo_data/translations.json`: for each language, each English segment and
its translation. A segment without one stays in English until a translator gives it one.
Running again updates what changed and adds nothing twice.
"""

import json
from pathlib import Path

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .page_languages import ensure_locales

DATA_FILE = Path(__file__).parent / "demo_data" / "translations.json"

# The pages translated, by slug below the home page (the home page itself is ""), parents first:
# wagtail-localize places a translation below its parent's translation.
TRANSLATED_SLUG_PATHS = [
    "",
    "academy",
    "cooperation-day",
    "slam",
    "brand",
    "community",
    "accessibility",
]


def translations_data() -> dict[str, dict[str, str]]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def translate_page(page: Page, language: str, texts: dict[str, str]) -> Page:
    """`page` translated into `language` with wagtail-localize: its segments get the
    translations `texts` has for them, and the translation is published. Returns it."""
    page = page.specific
    locale = Locale.objects.get(language_code=language)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _new = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = texts.get(segment.string.data)
        if not text:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    # Saved as a draft, then published here and now: wagtail-localize publishes only once the
    # transaction commits, and the demo (and its tests) read the published page straight away.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated


def pages_to_translate(home: Page) -> list[Page]:
    """The home page, the service landing pages, the brand book's first chapter, the first
    course with its modules and lessons, and the accessibility statement; parents first."""
    pages = [home]
    children = {child.slug: child for child in home.get_children()}
    for slug in TRANSLATED_SLUG_PATHS[1:]:
        if slug in children:
            pages.append(children[slug])
    brand = children.get("brand")
    if brand is not None:
        chapter = brand.get_children().live().first()
        if chapter is not None:
            pages.append(chapter)
    academy = children.get("academy")
    if academy is not None:
        course = academy.get_children().live().first()
        if course is not None:
            pages.extend(course.get_descendants(inclusive=True).live().order_by("path"))
    return pages


def seed_translations(home: Page) -> int:
    """The demo's pages in each language of the data file, where they are not translated yet
    (an editor's later changes are kept); the number of translations added."""
    ensure_locales()
    data = translations_data()
    added = 0
    for page in pages_to_translate(home):
        for language, texts in data.items():
            if not page.has_translation(Locale.objects.get(language_code=language)):
                translate_page(page, language, texts)
                added += 1
    return added
