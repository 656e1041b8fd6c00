"""The moments at which what a page shows changes by the clock alone (a call opening, a vacancy
closing, a vote starting), read in one query however many sources a page gathers.

A source says when it next changes as `Moments`: aggregates over one queryset (the earliest
opening after now, the earliest closing, …). Read alone, `earliest()` asks one query; read with
the other sources of a page, `earliest_of` asks one query for all of them, each aggregate a row
of one `UNION ALL`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Aggregate, IntegerField, QuerySet, Value

from .aggregates import one_row


@dataclass(frozen=True)
class Moments:
    queryset: QuerySet
    aggregates: tuple[Aggregate, ...]  # each the earliest of one kind of change, or NULL

    def earliest(self) -> datetime | None:
        return earliest_of([self])[0]


def soonest(moments) -> datetime | None:
    """The earliest of `moments` that is not None, or None."""
    return min((moment for moment in moments if moment is not None), default=None)


def earliest_of(sources: list["Moments | datetime | None"]) -> list[datetime | None]:
    """Each source's earliest moment (None where nothing is due), the `Moments` among them
    read in one query; a source already given as a moment (or None) is taken as it is."""
    rows = []
    for position, source in enumerate(sources):
        if not isinstance(source, Moments):
            continue
        for aggregate in source.aggregates:
            source_number = Value(position, output_field=IntegerField())
            rows.append(
                one_row(source.queryset, source=source_number, moment=aggregate).values(
                    "source", "moment"
                )
            )
    read: dict[int, list[datetime | None]] = {}
    if rows:
        for position, moment in rows[0].union(*rows[1:], all=True).values_list("source", "moment"):
            read.setdefault(position, []).append(moment)
    return [
        soonest(read.get(position, [])) if isinstance(source, Moments) else source
        for position, source in enumerate(sources)
    ]
