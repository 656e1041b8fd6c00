"""A saved search's filters in one normal form.

The listing's query string is what a saved search keeps, so two addresses that select the
same things must give the same string: keys sorted, repeated keys' values sorted, empty
values and the page number dropped. Anything that does not look like a listing's filters is
refused rather than cleaned up, so what is saved is what the person saw.
"""

import re
from urllib.parse import parse_qsl, urlencode

from django.http import QueryDict

from portal.core.query import MAX_TEXT_LENGTH, MAX_VALUES_PER_KEY

from .models import MAX_QUERY_LENGTH

# Where a listing is, not what it selects.
NOT_FILTERS = frozenset({"page"})
_KEY = re.compile(r"[A-Za-z][\w.-]{0,49}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class MalformedQuery(ValueError):
    """The text is not a listing's filters."""


def normalise_query(query: str) -> str:
    """`query` (with or without its leading "?") in normal form; `MalformedQuery` when it
    is too long, has keys no listing uses or values with control characters."""
    query = (query or "").strip().removeprefix("?")
    if len(query) > MAX_QUERY_LENGTH:
        raise MalformedQuery("too long")
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError as error:
        raise MalformedQuery("not a query string") from error
    kept = []
    for key, value in pairs:
        if not _KEY.fullmatch(key) or _CONTROL.search(value) or len(value) > MAX_TEXT_LENGTH:
            raise MalformedQuery(key)
        value = value.strip()
        if key not in NOT_FILTERS and value:
            kept.append((key, value))
    if len(kept) > MAX_VALUES_PER_KEY:
        raise MalformedQuery("too many values")
    normal = urlencode(sorted(set(kept)))
    if len(normal) > MAX_QUERY_LENGTH:
        raise MalformedQuery("too long")
    return normal


def query_params(query: str) -> QueryDict:
    """A saved query as the listing's view would receive it."""
    return QueryDict(query)
