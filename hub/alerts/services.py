"""Saving and deleting searches, and the engine that tells people what their saved searches
found (`alerts_send`, run by `manage.py send_hub_alerts`)."""

import logging
from collections import defaultdict
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.notifications.models import Notification
from portal.notifications.services import Notice, notify_each

from . import sources
from .models import MAX_SAVED_SEARCHES, AlertClock, AlertDelivery, SavedSearch
from .queries import MalformedQuery, normalise_query, query_params
from .summaries import search_name

logger = logging.getLogger(__name__)

UNKNOWN_KIND = _("This kind of search cannot be saved.")
MALFORMED_QUERY = _("These filters cannot be saved: open the listing again and save from there.")
TOO_MANY = _(
    "You already keep %(limit)d saved searches, the most one person can keep. "
    "Delete one you no longer need on your saved searches page, then save this one."
)


def saved_search_create(*, user, kind: str, query: str) -> tuple[SavedSearch, bool]:
    """Save the listing of `kind` filtered by `query` for `user`, named from its filters;
    (the saved search, whether it is new). Saving the same filters again changes nothing."""
    source = sources.source(kind)
    if source is None:
        raise ValidationError(UNKNOWN_KIND, code="unknown_kind")
    try:
        query = normalise_query(query)
    except MalformedQuery as error:
        raise ValidationError(MALFORMED_QUERY, code="malformed_query") from error
    existing = SavedSearch.objects.filter(user=user, kind=kind, query=query).first()
    if existing is not None:
        return existing, False
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(TOO_MANY, code="too_many", params={"limit": MAX_SAVED_SEARCHES})
    name = search_name(label=str(source.label), params=query_params(query))
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(user=user, kind=kind, query=query, name=name), True
    except IntegrityError:  # the same search saved at the same moment, from another tab
        return SavedSearch.objects.get(user=user, kind=kind, query=query), False


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    """What was already told for it stays recorded, so saving it again repeats nothing."""
    saved_search.delete()


# The engine ---------------------------------------------------------------------------------

# The first run looks back this far; later runs start where the previous one ended.
FIRST_WINDOW = timedelta(days=1)
# Distinct filter sets asked about in one database query (one EXISTS column each).
FILTERS_PER_QUERY = 200

OCCASION_VERBS = {
    "opened": Notification.Verb.ALERT_OPENED,
    "closing": Notification.Verb.ALERT_CLOSING,
    "published": Notification.Verb.ALERT_PUBLISHED,
}


def alerts_send(*, now=None) -> int:
    """Tell the owners of saved searches about what their filters select among the items of
    every source's occasions since the last successful run, up to `now`; the number of
    notifications made. Runs one at a time (the clock's row is locked), and a run that fails
    leaves the clock where it was, so the next run covers its window again; what was already
    told is never told again (`AlertDelivery`)."""
    now = now or timezone.now()
    with transaction.atomic():
        AlertClock.objects.get_or_create(
            pk=1, defaults={"told_until": now - FIRST_WINDOW, "last_run_at": now}
        )
        clock = AlertClock.objects.select_for_update().get(pk=1)
        if clock.told_until >= now:
            return 0
        sent = sum(
            _source_send(source, since=clock.told_until, until=now)
            for source in sources.all_sources()
        )
        clock.told_until, clock.last_run_at, clock.last_sent = now, now, sent
        clock.save(update_fields=["told_until", "last_run_at", "last_sent"])
    return sent


def _watched(kind: str) -> dict[str, list[SavedSearch]]:
    """{normal query: its saved searches, oldest first} of people who may be told: active
    accounts with a verified address."""
    verified = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    watched = defaultdict(list)
    for saved in (
        SavedSearch.objects.filter(kind=kind, user__is_active=True)
        .filter(Exists(verified))
        .select_related("user")
        .order_by("created_at", "pk")
    ):
        watched[saved.query].append(saved)
    return watched


def _matching(source, items, queries: list[str]) -> dict[object, list[str]]:
    """{item: the queries among `queries` whose listing selects it}, asking the database once
    per FILTERS_PER_QUERY distinct queries, whatever the number of people and items."""
    found = {}
    model = items.model
    by_pk = {item.pk: item for item in items}
    if not by_pk:
        return found
    for start in range(0, len(queries), FILTERS_PER_QUERY):
        chunk = queries[start : start + FILTERS_PER_QUERY]
        columns = {
            f"alert_{index}": Exists(source.matching(query_params(query)).filter(pk=OuterRef("pk")))
            for index, query in enumerate(chunk)
        }
        rows = (
            model._base_manager.filter(pk__in=list(by_pk))
            .annotate(**columns)
            .values_list("pk", *columns)
        )
        for pk, *matches in rows:
            selected = [query for query, match in zip(chunk, matches, strict=True) if match]
            if selected:
                found.setdefault(by_pk[pk], []).extend(selected)
    return found


def _source_send(source, *, since, until) -> int:
    watched = _watched(source.kind)
    if not watched:
        return 0
    queries = list(watched)
    # (user id, item key, occasion) → (saved search, item): each person once per item and
    # occasion, named after their oldest saved search that selects it.
    candidates = {}
    for occasion, items in source.occasions(since, until):
        for item, item_queries in _matching(source, items, queries).items():
            searches = sorted(
                (saved for query in item_queries for saved in watched[query]),
                key=lambda saved: (saved.created_at, saved.pk),
            )
            for saved in searches:
                key = (saved.user_id, str(item.pk), occasion)
                candidates.setdefault(key, (saved, item))
    if not candidates:
        return 0
    already = set(
        AlertDelivery.objects.filter(
            kind=source.kind,
            item_key__in={key[1] for key in candidates},
            occasion__in={key[2] for key in candidates},
            user_id__in={key[0] for key in candidates},
        ).values_list("user_id", "item_key", "occasion")
    )
    descriptions, notices, deliveries = {}, [], []
    for key, (saved, item) in candidates.items():
        if key in already:
            continue
        user_id, item_key, occasion = key
        if (item_key, occasion) not in descriptions:
            descriptions[item_key, occasion] = source.describe(item, occasion)
        words, url = descriptions[item_key, occasion]
        notices.append(
            Notice(
                recipient=saved.user,
                verb=OCCASION_VERBS.get(occasion, Notification.Verb.ALERT_MATCHED),
                target=str(words).strip().rstrip("."),
                detail=saved.name,
                url=url,
            )
        )
        deliveries.append(
            AlertDelivery(
                user_id=user_id,
                kind=source.kind,
                item_key=item_key,
                occasion=occasion,
                saved_search=saved,
                created_at=until,
            )
        )
    AlertDelivery.objects.bulk_create(deliveries)
    notify_each(kind=Notification.Kind.ALERTS, notices=notices)
    logger.info("Alerts for %s: %d notification(s).", source.kind, len(notices))
    return len(notices)
