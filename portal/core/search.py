"""What the portal's search finds besides pages.

Pages are searched through Wagtail's index (`selectors.site_search`). Parts of the portal that
keep public records outside the page tree (the hub's calls, vacancies and projects) register a
source here in their `AppConfig.ready()`; the search page lists a few matches of each under its
own heading, with how many there are and, where the part's listing can show them all, a link
to it. Sources answer only what anyone may see, in a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils import translation

from .cache import kept_moments
from .moments import soonest

# Matches shown per source; the source's own listing shows the rest.
SOURCE_MATCHES_SHOWN = 3


@dataclass(frozen=True)
class Match:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SourceResults:
    key: str
    title: str
    total: int
    matches: list[Match] = field(default_factory=list)
    more_url: str = ""


@dataclass(frozen=True)
class SearchSource:
    key: str
    order: int
    title: object  # a lazy translation: the heading of its matches
    find: Callable  # (words: list[str], limit: int) -> (total, [Match], more_url)
    # (now) -> the next moment its matches change without anything being saved (a call
    # opening, a vacancy closing), or None: shared results last no longer than that.
    changes_at: Callable | None = None


_sources: dict[str, SearchSource] = {}


def register_search_source(
    *, key: str, order: int, title, find: Callable, changes_at: Callable | None = None
) -> None:
    _sources[key] = SearchSource(key, order, title, find, changes_at)


def next_source_change(now):
    """The next moment any source's matches change by the clock alone, or None; each source's
    kept until the next publish or until it passes (`kept_moments`)."""
    wanted = [
        (("search-source", source.key), source.changes_at)
        for source in _sources.values()
        if source.changes_at
    ]
    return soonest(kept_moments(wanted, now))


# PostgreSQL's text-search configurations for the portal's languages (the ones it ships); the
# other languages are searched with `simple`, which lowercases words but does not stem them.
TEXT_SEARCH_CONFIGS = {
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "pt": "portuguese",
    "ro": "romanian",
    "sv": "swedish",
}


def text_search_config(language: str | None = None) -> str:
    """The text-search configuration for `language` (by default the page's)."""
    return TEXT_SEARCH_CONFIGS.get(language or translation.get_language() or "", "simple")


def words_found(queryset, fields: list[str], words: list[str]):
    """`queryset`'s rows where every word appears in one of `fields`; on PostgreSQL also the
    rows where the words' forms match in the page's language ("coopérations" finds
    "coopération"), read with that language's text-search configuration. SQLite answers in
    the same shape, from the words as they are typed."""
    condition = words_in(fields, words)
    if connection.vendor != "postgresql":
        return queryset.filter(condition)
    config = text_search_config()
    return queryset.annotate(text_search=SearchVector(*fields, config=config)).filter(
        condition | Q(text_search=SearchQuery(" ".join(words), config=config))
    )


def words_in(fields: list[str], words: list[str]) -> Q:
    """Rows where every word appears in at least one of `fields` (case-insensitive)."""
    condition = Q()
    for word in words:
        anywhere = Q()
        for name in fields:
            anywhere |= Q(**{f"{name}__icontains": word})
        condition &= anywhere
    return condition


def search_sources(query: str) -> list[SourceResults]:
    """Each registered source's matches for the (normalised) query, sources with none left
    out."""
    words = query.split()[:10]
    if not words:
        return []
    found = []
    for source in sorted(_sources.values(), key=lambda source: (source.order, source.key)):
        total, matches, more_url = source.find(words, SOURCE_MATCHES_SHOWN)
        if total:
            found.append(SourceResults(source.key, str(source.title), total, matches, more_url))
    return found
