import re

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page

from .access import pages_visible_to
from .cache import cached_value

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
    results = pages_visible_to(user, Page.objects.specific()).search(query)
    return Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(page_number)


def live_page_url(page_model, *, default: str = "/") -> str:
    """Where the live page of `page_model` is (a service's landing or library page), kept until
    the next publish so pages that link to it make no query for it."""

    def build():
        page = page_model.objects.live().first()
        return page.url if page else default

    return cached_value(("live-page-url", page_model._meta.label), build, timeout=60 * 60)
