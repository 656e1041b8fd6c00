"""Places with a limited number of seats, and their waiting lists.

A *pool* is any row with a `capacity` (course sessions, event sign-ups). A *holding* is a
person's place in it: confirmed, waitlisted or cancelled. Every change locks the pool row
first, so two people can never both take the last seat: on PostgreSQL the lock is
`SELECT … FOR UPDATE`; SQLite takes its write lock when the transaction begins
(`transaction_mode="IMMEDIATE"` in the settings). A unique constraint on the holding model
(one active holding per person and pool) stops double sign-up.
"""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlaceStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED)


class PlaceHolding(models.Model):
    """Fields every holding model shares; it adds its pool and person."""

    status = models.CharField(
        _("status"), max_length=12, choices=PlaceStatus.choices, default=PlaceStatus.CONFIRMED
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    class Meta:
        abstract = True


class AlreadyHolding(Exception):
    """The person already holds an active place (the unique constraint said so)."""


def _locked(pool):
    # Evaluated at once: the lock is only taken when the query runs.
    return type(pool).objects.select_for_update().get(pk=pool.pk)


def _confirmed(holdings) -> int:
    return holdings.filter(status=PlaceStatus.CONFIRMED).count()


def place_take(*, pool, holdings, create):
    """Give the caller a confirmed place if one is free, else a waiting-list place.

    `holdings` maps the locked pool to the queryset of its holdings; `create(pool, status)`
    saves the new holding. Raises AlreadyHolding when the person is already in.
    """
    with transaction.atomic():
        pool = _locked(pool)
        has_seat = pool.capacity is None or _confirmed(holdings(pool)) < pool.capacity
        status = PlaceStatus.CONFIRMED if has_seat else PlaceStatus.WAITLISTED
        try:
            with transaction.atomic():
                return create(pool, status)
        except IntegrityError as error:
            raise AlreadyHolding from error


def place_release(*, holding, pool, holdings) -> list:
    """Cancel `holding` and move waitlisted people up into any seat that became free.

    Returns the holdings promoted from the waiting list, oldest sign-up first.
    """
    with transaction.atomic():
        pool = _locked(pool)
        holding = type(holding).objects.select_for_update().get(pk=holding.pk)
        if holding.status == PlaceStatus.CANCELLED:
            return []
        holding.status = PlaceStatus.CANCELLED
        holding.status_changed_at = timezone.now()
        holding.save(update_fields=["status", "status_changed_at"])
        return _promote(pool, holdings(pool))


def places_fill(*, pool, holdings) -> list:
    """Promote waitlisted people after the pool grew (its capacity was raised)."""
    with transaction.atomic():
        return _promote(_locked(pool), holdings(pool))


def _promote(pool, holdings) -> list:
    if pool.capacity is None:
        free = holdings.filter(status=PlaceStatus.WAITLISTED).count()
    else:
        free = max(pool.capacity - _confirmed(holdings), 0)
    if not free:
        return []
    waiting = list(
        holdings.select_for_update()
        .filter(status=PlaceStatus.WAITLISTED)
        .order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for promoted in waiting:
        promoted.status = PlaceStatus.CONFIRMED
        promoted.status_changed_at = now
        promoted.save(update_fields=["status", "status_changed_at"])
    return waiting


def waitlist_position(*, holding, holdings) -> int | None:
    """1 for the next person to be promoted; None when not waitlisted."""
    if holding.status != PlaceStatus.WAITLISTED:
        return None
    ahead = holdings.filter(status=PlaceStatus.WAITLISTED).filter(
        models.Q(created_at__lt=holding.created_at)
        | models.Q(created_at=holding.created_at, pk__lt=holding.pk)
    )
    return ahead.count() + 1
