"""Several independent querysets read in one round trip (`read_together`).

A page made of sections (a programme's calls, news, events, projects …) reads each from a
queryset of its own: one query apiece. Here each queryset becomes a scalar subquery returning
its rows as one JSON array, all of them in one `SELECT`; each queryset's rows are then made into
what the queryset yields (model instances, `values()` dictionaries, tuples) by Django's own
machinery, its converters, `select_related` and annotations included, as if it had run alone.
Its `prefetch_related` lookups still run afterwards, a query each, as they do after any query.

A queryset this cannot carry (a combined or distinct query, a lock, a field JSON cannot hold)
is read apart, so the answer is the same, only not folded.
"""

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import NamedTuple
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.constants import MULTI

# PostgreSQL's driver gives these typed; in JSON they arrive as text or numbers. Each value is
# turned back into what the driver gives, so the fields' own converters see what they see when
# the queryset runs alone. SQLite's driver gives text and numbers in the first place.
_DRIVER_VALUE_ON_POSTGRESQL = {
    "DateTimeField": datetime.fromisoformat,
    "DateField": date.fromisoformat,
    "TimeField": time.fromisoformat,
    "DecimalField": Decimal,
    "FloatField": float,
    "UUIDField": UUID,
}
# Values JSON would change on the way: read apart.
_NOT_CARRIED = {"DurationField", "BinaryField"}
# A function takes at most 127 arguments in SQLite (SQLITE_MAX_FUNCTION_ARG's default): a wide
# row is written as arrays of this many columns each, joined again when read.
_SQLITE_COLUMNS_PER_ARRAY = 100


class _Part:
    """One queryset compiled as a subquery of the shared statement."""

    def __init__(self, queryset: QuerySet, connection):
        self.queryset = queryset
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, self.params = compiler.as_sql()
        self.fields = [expression.output_field for expression, _sql, _alias in compiler.select]

    def carried(self) -> bool:
        return not {field.get_internal_type() for field in self.fields} & _NOT_CARRIED

    def subquery(self, vendor: str) -> str:
        # Only Django's compiled SQL and column names made here: every value stays a parameter.
        columns = [f"c{index}" for index in range(len(self.fields))]
        table = f"t({', '.join(columns)}) AS ({self.sql})"
        if vendor == "postgresql":
            # Each row as an object keyed c0, c1 …: JSON_BUILD_ARRAY would stop at 100 columns.
            return f"(WITH {table} SELECT COALESCE(JSON_AGG(t), '[]')::text FROM t)"  # noqa: S608
        step = _SQLITE_COLUMNS_PER_ARRAY
        arrays = [
            f"JSON_ARRAY({', '.join(columns[start : start + step])})"
            for start in range(0, len(columns), step)
        ]
        row = f"JSON_ARRAY({', '.join(arrays)})"
        return f"(WITH {table} SELECT JSON_GROUP_ARRAY({row}) FROM t)"  # noqa: S608

    def rows(self, text: str, vendor: str) -> list[list]:
        decoded = json.loads(text, parse_float=Decimal)
        if vendor == "postgresql":
            width = len(self.fields)
            decoded = [[row[f"c{index}"] for index in range(width)] for row in decoded]
        else:
            decoded = [[value for array in row for value in array] for row in decoded]
        return [self._driver_row(row, vendor) for row in decoded]

    def _driver_row(self, row: list, vendor: str) -> list:
        values = []
        for field, value in zip(self.fields, row, strict=True):
            kind = field.get_internal_type()
            if value is None:
                pass
            elif kind == "JSONField":
                # Both backends hand JSON columns to Django as text, which it decodes itself.
                value = value if isinstance(value, str) else json.dumps(value)
            elif vendor != "postgresql":
                if isinstance(value, Decimal):
                    value = float(value)  # a number with a point, as SQLite's driver gives it
            elif kind in _DRIVER_VALUE_ON_POSTGRESQL:
                value = _DRIVER_VALUE_ON_POSTGRESQL[kind](value)
            values.append(value)
        return values


def _filled(queryset: QuerySet, rows: list[list]) -> list:
    """What `queryset` yields, made from `rows` instead of from a query of its own."""
    clone = queryset._chain()
    query = clone.query
    make_compiler = query.get_compiler

    def get_compiler(using=None, connection=None, elide_empty=True):
        compiler = make_compiler(using, connection, elide_empty)

        def execute_sql(result_type=MULTI, chunked_fetch=False, chunk_size=None):
            compiler.as_sql()  # what a run sets up: the columns, the models they fill
            width = compiler.col_count if compiler.has_extra_select else None
            return iter([[row[:width] for row in rows]])

        compiler.execute_sql = execute_sql
        return compiler

    query.get_compiler = get_compiler
    return list(clone)


def read_together(*querysets: QuerySet) -> list[list]:
    """The rows of every queryset, in one query wherever they can share it: for each, the list
    `list(queryset)` would give."""
    results: list[list | None] = [None] * len(querysets)
    by_database: dict[str, list[tuple[int, _Part]]] = {}
    for index, queryset in enumerate(querysets):
        query = queryset.query
        if queryset._result_cache is not None:
            results[index] = list(queryset)
            continue
        if query.combinator or query.distinct or query.select_for_update:
            continue  # columns added for a distinct order, a combination or a lock: apart
        connection = connections[queryset.db]
        try:
            part = _Part(queryset, connection)
        except EmptyResultSet:
            results[index] = []  # nothing can match: Django asks the database nothing either
            continue
        if part.carried():
            by_database.setdefault(queryset.db, []).append((index, part))
    for alias, shared in by_database.items():
        if len(shared) == 1:
            continue  # one query either way: read it as it is
        connection = connections[alias]
        vendor = connection.vendor
        sql = "SELECT " + ", ".join(part.subquery(vendor) for _index, part in shared)
        params = [param for _index, part in shared for param in part.params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            texts = cursor.fetchone()
        for (index, part), text in zip(shared, texts, strict=True):
            results[index] = _filled(part.queryset, part.rows(text, vendor))
    return [
        result if result is not None else list(queryset)
        for result, queryset in zip(results, querysets, strict=True)
    ]


class Joined(NamedTuple):
    """What `read_joined` reads: the joined text, the rows read, and how many of them had no
    value (NULL), which the text leaves out."""

    text: str
    rows: int
    missing: int


def read_joined(queryset: QuerySet, value, *, replacements=(), limit: int | None = None) -> Joined:
    """`value` (an expression) of each row of `queryset`, joined in the queryset's order into
    one text by the database, with each (old, new) of `replacements` then replaced throughout;
    the first `limit` rows only, when given. One query however many rows there are, and the
    rows never cross into Python one by one: for documents made of parts kept with each row (a
    feed of thousands of events)."""
    connection = connections[queryset.db]
    rows = queryset.annotate(joined_value=value).values_list("joined_value")
    if limit is not None:
        rows = rows[:limit]
    try:
        sql, params = rows.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return Joined("", 0, 0)
    column = "t." + connection.ops.quote_name("joined_value")
    # Both aggregate the rows in the order the subquery gives them, as `read_together` does.
    join = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
    text = f"COALESCE({join}({column}, ''), '')"
    outer_params = []
    for old, new in replacements:
        text = f"REPLACE({text}, %s, %s)"
        outer_params += [old, new]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {text}, COUNT(*), COUNT(*) - COUNT({column}) FROM ({sql}) t",  # noqa: S608
            [*outer_params, *params],
        )
        return Joined(*cursor.fetchone())
