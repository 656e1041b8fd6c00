"""What can be watched with a saved search, and when its watchers are told.

A part of the hub (calls, vacancies) registers one `AlertSource` in its `AppConfig.ready()`.
The alerts engine knows nothing else about it: a saved search is the source's `kind` and the
query string of its listing's filters, exactly as the listing's address carries them, so
opening a saved search is opening that address.

- `matching(params)` answers the items a saved search's filters select (a queryset), from the
  same filter code the listing uses, so an alert never disagrees with the listing.
- `occasions(since, until)` answers, for each occasion the source tells people about, the
  items whose moment fell in (since, until]: for calls, ("opened", calls that opened) and
  ("closing", calls whose closing is now a week or less away); for vacancies ("published",
  …) and ("closing", …). The engine tells each watcher once per item and occasion.
- `describe(item, occasion)` gives the sentence and the address of the notification.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AlertSource:
    kind: str  # "calls", "vacancies": stored with each saved search
    label: str  # what is watched, for people: "Calls for proposals"
    listing_url_name: str  # the listing whose filters a saved search keeps
    matching: Callable  # (params: QueryDict) -> QuerySet
    occasions: Callable  # (since: datetime, until: datetime) -> list[tuple[str, QuerySet]]
    describe: Callable  # (item, occasion: str) -> tuple[str, str]: (sentence, url)


_sources: dict[str, AlertSource] = {}


def register(source: AlertSource) -> None:
    _sources[source.kind] = source


def source(kind: str) -> AlertSource | None:
    return _sources.get(kind)


def all_sources() -> list[AlertSource]:
    return sorted(_sources.values(), key=lambda source: source.kind)
