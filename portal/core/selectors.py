import re

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale

from .access import pages_visible_to
from .cache import cached_value
from .page_languages import DEFAULT_LANGUAGE

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200
# Full-text engines give quotes, brackets and other symbols a meaning of their own (SQLite's
# FTS5 rejects an unbalanced quote); visitors search for words, so only words are kept.
_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def normalise_search_query(query: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", query[:SEARCH_QUERY_MAX_LENGTH]).split())


def site_search(*, query: str, user, page_number: int | str = 1) -> PaginatorPage | None:
    """One page of search results across every page type, limited to what `user` may open."""
    query = normalise_search_query(query)
    if not query:
        return None
    results = _one_version_per_page(pages_visible_to(user)).specific().search(query)
    return Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(page_number)


def _one_version_per_page(pages):
    """`pages` (those a visitor may open) narrowed to one version of each page: its translation
    in the visitor's language where there is one among them, else its original. Subqueries, no
    query of their own."""
    language = translation.get_language()
    default_locale = Locale.objects.filter(language_code=DEFAULT_LANGUAGE).values("id")
    in_default = pages.filter(locale_id__in=default_locale)
    # An original: the page in the default language, or a page written in another language
    # that has no version in the default one (a German-only page is found from everywhere).
    originals = Q(locale_id__in=default_locale) | ~Q(
        translation_key__in=in_default.values("translation_key")
    )
    if language == DEFAULT_LANGUAGE:
        return pages.filter(originals)
    visitors_locale = Locale.objects.filter(language_code=language).values("id")
    translated = pages.filter(locale_id__in=visitors_locale)
    return pages.filter(
        Q(locale_id__in=visitors_locale)
        | (originals & ~Q(translation_key__in=translated.values("translation_key")))
    )


def live_page_url(page_model, *, default: str = "/") -> str:
    """Where the live page of `page_model` is (a service's landing or library page), kept until
    the next publish so pages that link to it make no query for it."""

    def build():
        page = page_model.objects.live().first()
        return page.url if page else default

    return cached_value(("live-page-url", page_model._meta.label), build, timeout=60 * 60)
