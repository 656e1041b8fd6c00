"""Reads for the saved searches page and for the listings' "save this search" button."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

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
    state of the listing's button. One query for a signed-in person, none otherwise."""
    if not getattr(user, "is_authenticated", False) or sources.source(kind) is None:
        return False
    try:
        query = normalise_query(query)
    except MalformedQuery:
        return False
    return SavedSearch.objects.filter(user=user, kind=kind, query=query).exists()
