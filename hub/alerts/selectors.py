"""Reads for the saved searches page and for the listings' "save this search" button."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from portal.accounts import roles

from . import sources
from .models import SavedSearch
from .queries import MalformedQuery, normalise_query


@dataclass(frozen=True)
class SavedSearchRow:
    pk: int
    name: str
    listing: str  # what is watched: "Calls for proposals"; empty once nothing offers it
    url: str  # the listing with the saved filters; empty once nothing offers it
    created_at: object


def _listing_url(source, query: str) -> str:
    try:
        url = reverse(source.listing_url_name)
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def saved_searches_for(*, user) -> list[SavedSearchRow]:
    """The person's saved searches, newest first, each with the address that reopens it."""
    rows = []
    for saved in SavedSearch.objects.filter(user=user).only(
        "pk", "kind", "query", "name", "created_at"
    ):
        source = sources.source(saved.kind)
        rows.append(
            SavedSearchRow(
                pk=saved.pk,
                name=saved.name,
                listing=str(source.label) if source else "",
                url=_listing_url(source, saved.query) if source else "",
                created_at=saved.created_at,
            )
        )
    return rows


def saved_state(user, kind: str, query: str) -> bool:
    """Whether `user` already saved the listing of `kind` with the filters `query`: the
    state of the listing's button. Kept between requests with their identity."""
    if not getattr(user, "is_authenticated", False) or sources.source(kind) is None:
        return False
    try:
        query = normalise_query(query)
    except MalformedQuery:
        return False
    return (kind, query) in roles.kept_with_identity(
        user, SAVED_SEARCHES, lambda: _saved_searches(user)
    )


# Kept with the person's identity: the listings' button asks on every request, and saving or
# deleting a search changes that version (hub.alerts.apps).
SAVED_SEARCHES = "hub-saved-searches"
roles.asked_on_every_page(lambda: SAVED_SEARCHES)


def _saved_searches(user) -> frozenset[tuple[str, str]]:
    return frozenset(SavedSearch.objects.filter(user=user).values_list("kind", "query"))
