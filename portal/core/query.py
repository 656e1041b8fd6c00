"""Reading the query string: every view takes its parameters through these functions (or
through a form bound with `query_form`), so no value typed into an address reaches the
database unchecked.

A bad value is treated as absent: a filter that does not parse is ignored, a page number that
does not parse is the first page. The last value wins when a key is repeated. Text loses its
control characters (PostgreSQL refuses NUL in a query parameter) and is cut to a length.
"""

import re
from collections.abc import Iterable

from django.http import QueryDict

# The highest page number anyone reaches by following links; larger ones show the last page.
MAX_PAGE = 100_000
# Longer values are cut: no filter needs more, and it keeps cache keys and logs short.
MAX_TEXT_LENGTH = 200
MAX_VALUES_PER_KEY = 100

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_INTEGER = re.compile(r"[+-]?\d{1,18}")


def clean_text(value: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    """`value` without control characters, cut to `max_length` and stripped."""
    return _CONTROL.sub("", value[: max_length * 4])[:max_length].strip()


def query_text(request, name: str, default: str = "", *, max_length: int = MAX_TEXT_LENGTH):
    value = request.GET.get(name)
    if value is None:
        return default
    return clean_text(value, max_length=max_length)


def parse_int(value, default=None, *, minimum=None, maximum=None):
    """`value` (a submitted string) as an integer within [minimum, maximum]; `default` when it
    is missing, is not a whole number or lies outside the bounds."""
    value = clean_text(value or "", max_length=20)
    if not _INTEGER.fullmatch(value):
        return default
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number


def query_int(request, name: str, default=None, *, minimum=None, maximum=None):
    return parse_int(request.GET.get(name), default, minimum=minimum, maximum=maximum)


def query_ints(request, name: str, *, minimum: int = 1) -> set[int]:
    """Every whole number given for a repeated key (`?selected=1&selected=2`); others dropped."""
    numbers = set()
    for value in request.GET.getlist(name)[:MAX_VALUES_PER_KEY]:
        number = parse_int(value, minimum=minimum)
        if number is not None:
            numbers.add(number)
    return numbers


def query_choice(request, name: str, choices: Iterable[str], default: str = "") -> str:
    value = query_text(request, name)
    return value if value in set(choices) else default


def query_flag(request, name: str) -> bool:
    """True when the parameter is given a value other than empty, 0 or false."""
    return query_text(request, name).lower() not in ("", "0", "false", "no")


def query_page(request, name: str = "page") -> int:
    """A page number for `Paginator.get_page`: 1 unless a sane positive number is given."""
    return query_int(request, name, 1, minimum=1, maximum=MAX_PAGE)


def query_data(request) -> QueryDict:
    """The query string with every value cleaned as `query_text` does, for binding a form."""
    data = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        key = clean_text(key, max_length=50)
        if key:
            data.setlist(key, [clean_text(value) for value in values[:MAX_VALUES_PER_KEY]])
    return data


def query_form(form_class, request, **kwargs):
    """`form_class` bound to the cleaned query string, or unbound when there is none."""
    return form_class(query_data(request) if request.GET else None, **kwargs)
