from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page

from .access import pages_visible_to

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def site_search(*, query: str, user, page_number: int | str = 1) -> PaginatorPage | None:
    """One page of search results across every page type, limited to what `user` may open."""
    query = query.strip()[:SEARCH_QUERY_MAX_LENGTH]
    if not query:
        return None
    results = pages_visible_to(user, Page.objects.specific()).search(query)
    return Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(page_number)
