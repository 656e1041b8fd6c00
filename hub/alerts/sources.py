"""What can be watched with a saved search, and when its watchers are told.

A part of the hub (calls, vacancies) registers one `AlertSource` in its `AppConfig.ready()`.
The alerts engine knows nothing else about it: a saved search is the source's `kind` and the
query string of its listing's filters, exactly as the listing's address carries them, so
opening a saved search is opening that address.

- `matching(params)` answers the items a saved search's filters select (a queryset), from the
  same filter code the listing uses, so an alert never disagrees with the listing. `params`
  is a QueryDict of the saved, normalised query (keys sorted, no `page`, no empty values);
  treat a value that does not parse as absent, as the listing does: it must not raise.
- `occasions(since, until)` answers, for each occasion the source tells people about, the
  items whose moment fell in (since, until] (aware datetimes, UTC); querysets of the model
  `matching` returns, for items the public may see: for calls, ("opened", calls that opened) and
  ("closing", calls whose closing is now a week or less away); for vacancies ("published",
  …) and ("closing", …). The engine tells each watcher once per item and occasion.
- `describe(item, occasion)` gives the words that name the item in the notification and the
  address it opens: ("Interreg Alpine Space: fourth call for small-scale projects",
  "/calls/alpine-space/fourth-call/"). The engine puts the words in a sentence of its own,
  made in each reader's language when shown, which says what happened by the occasion
  ("Now open: …", "Closing soon: …", "New: …" for "opened", "closing", "published"; other
  occasions: "… matches your saved search") and names the saved search. Give the item's
  title, not a sentence, in the language of the item.

The engine (`hub.alerts.services.alerts_send`, run by `manage.py send_hub_alerts`) asks
`occasions` once per run, then `matching` once per distinct saved filter set as a correlated
EXISTS on the occasions' items, so its database work does not grow with the number of people
who saved the same filters. `describe` is called once per item and occasion told about: give
`occasions` querysets with the `select_related` that `describe` needs. Only active people with
a verified address are told, each once per item and occasion (`AlertDelivery`), however many
of their saved searches select it.
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
    describe: Callable  # (item, occasion: str) -> tuple[str, str]: (the item's words, url)


_sources: dict[str, AlertSource] = {}


def register(source: AlertSource) -> None:
    _sources[source.kind] = source


def source(kind: str) -> AlertSource | None:
    return _sources.get(kind)


def all_sources() -> list[AlertSource]:
    return sorted(_sources.values(), key=lambda source: source.kind)
