"""Pages in several languages.

Each page is written in the default language (English) and may have translations: pages of
the same type with the same `translation_key` in another Wagtail locale, made and kept in step
with the original through wagtail-localize. A language without a translation shows the original
under its own prefix (`/fr/academy/some-course/`), with a notice, so that no address of one
language is missing in another.

What a page holds besides its words (sessions, enrolments, progress, events, applications…) is
keyed by the original: `page.original` is the page to query and write with, whatever
translation was requested.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from .cache import cached_value
from .languages import language_codes, own_name, path_in_language, split_language_prefix

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def original_of(page: Page) -> Page:
    """The page in the default language that `page` translates (`page` itself when it is one
    or has no original), of `page`'s own type. One query for a translation, none for a page in
    the default language's tree."""
    if page_language(page) == DEFAULT_LANGUAGE:
        return page
    found = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=DEFAULT_LANGUAGE
        )
        .first()
    )
    if found is None or found.pk == page.pk:
        return page
    return found


def page_language(page: Page) -> str:
    """The language `page` is written in, from its address (no query: Wagtail keeps the site
    roots of each locale cached)."""
    parts = Page.get_url_parts(page)
    if parts is None or parts[2] is None:
        return DEFAULT_LANGUAGE
    return split_language_prefix(parts[2])[0]


def shown_in_other_language(page: Page, request=None) -> str | None:
    """The language of `page`'s content when it is shown to a visitor reading another
    language (an untranslated page in its original language), else None."""
    written_in = page_language(page)
    return written_in if written_in != translation.get_language() else None


def untranslated_notice(page_language_code: str) -> str:
    """ "This page is not yet available in français; it is shown in English.", in the
    visitor's language."""
    text = gettext("This page is not yet available in %(language)s; it is shown in %(original)s.")
    return text % {
        "language": own_name(translation.get_language()),
        "original": own_name(page_language_code),
    }


# What a page found by its address holds (portal.core.routing): its live versions in every
# language, read in the same query, with their locales.
ROUTE_TRANSLATIONS = "_route_translations"


def live_translations(page: Page) -> dict[str, Page]:
    """The live versions of `page` by language code, the original included. One query, or
    none for a page found by its address."""
    versions = getattr(page, ROUTE_TRANSLATIONS, None)
    if versions is None:
        versions = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
            .only("id", "url_path", "path", "depth", "translation_key", "locale__language_code")
        )
    return {version.locale.language_code: version for version in versions}


def _path(page: Page, request) -> str | None:
    parts = Page.get_url_parts(page, request)
    if parts is None or parts[2] is None:
        return None
    return parts[2]


def translation_paths(page: Page, request=None) -> dict[str, str]:
    """The addresses of `page`'s real versions (the original and its live translations) by
    language: what `hreflang` alternates list. One query."""
    paths = {}
    with translation.override(DEFAULT_LANGUAGE):
        for code, version in live_translations(page).items():
            path = _path(version, request)
            if path is not None and code in language_codes():
                paths[code] = path
    return paths


def page_urls_by_language(page: Page, request=None) -> dict[str, str]:
    """The address of `page` in each of the 24 languages: its translation's where one is live,
    else its original's under that language's prefix (shown with a notice). One query."""
    real = translation_paths(page, request)
    original_path = real.get(DEFAULT_LANGUAGE) or next(iter(real.values()), None)
    if original_path is None:
        return {}
    return {
        code: real.get(code) or path_in_language(original_path, code) for code in language_codes()
    }


def language_context(page: Page, request) -> dict:
    """What a page's template needs about its languages: the language its content is shown in
    when that is not the visitor's (with the notice saying so), and the addresses of its real
    versions for the switcher and the `hreflang` alternates."""
    shown_in = shown_in_other_language(page, request)
    return {
        "content_language": shown_in or "",
        "untranslated_notice": untranslated_notice(shown_in) if shown_in else "",
        # Kept until the next publish, which is what adds or removes a translation.
        "language_page_paths": cached_value(
            ("translation-paths", page.translation_key),
            lambda: translation_paths(page, request),
            settings.PAGE_CACHE_SECONDS,
        ),
    }


def originals(queryset):
    """`queryset` without translations: listings of a page type across the tree (editions,
    articles, courses) list each page once, by its original."""
    return queryset.filter(locale__language_code=DEFAULT_LANGUAGE)


def ensure_locales() -> None:
    """A Wagtail locale for each of the portal's languages (a migration makes them; a database
    emptied by hand, as a transactional test's, gets them back)."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    Locale.objects.bulk_create(
        [Locale(language_code=code) for code in language_codes() if code not in existing]
    )


def localized_pages(pages: list[Page], *, specific: bool = True) -> list[Page]:
    """`pages` (originals), each replaced by its live translation in the visitor's language
    where it has one: listings of originals show the visitor's words. One query per page type
    found, or one query with `specific=False` (translations as generic pages)."""
    language = translation.get_language()
    if language == DEFAULT_LANGUAGE or not pages:
        return list(pages)
    translations = Page.objects.live().filter(
        translation_key__in=[page.translation_key for page in pages],
        locale__language_code=language,
    )
    if specific:
        translations = translations.specific()
    found = {page.translation_key: page for page in translations}
    return [found.get(page.translation_key, page) for page in pages]
