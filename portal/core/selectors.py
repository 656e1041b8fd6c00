import re
from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
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
    # Generic pages, made specific below without a query per type (Wagtail's `specific()`
    # reads each type's table apart: a query for every type among the results).
    results = _one_version_per_page(pages_visible_to(user)).search(query)
    found = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(page_number)
    found.object_list = with_summaries(list(found.object_list))
    return found


def with_summaries(pages) -> list:
    """`pages` (generic pages of any types) as their specific types, with no query for their
    type or address, and each type's `summary` read in one query for them all: what a card or
    a search result shows. Their other fields of their own types are not read."""
    summaries = page_summaries(pages)
    specific = []
    for page in pages:
        shown = page.specific_deferred
        if _has_summary(type(shown)):
            shown.summary = summaries.get(page.pk, "")
        specific.append(shown)
    return specific


def _has_summary(model) -> bool:
    try:
        model._meta.get_field("summary")
    except (FieldDoesNotExist, AttributeError):  # no such field, or a type since removed
        return False
    return True


def page_summaries(pages) -> dict[int, str]:
    """The `summary` of each of `pages` (generic pages of any types) by id, in one query."""
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    reads = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", "summary")
        for model, ids in ids_by_model.items()
        if model is not None and _has_summary(model)
    ]
    if not reads:
        return {}
    first, *others = reads
    return dict(first.union(*others, all=True) if others else first)


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
