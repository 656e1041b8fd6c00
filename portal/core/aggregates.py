"""Aggregates read beside other rows: a whole small table as one JSON value, or a queryset's
aggregates as a query of one row (for a subquery or one part of a `UNION ALL`)."""

from django.db.models import Aggregate, JSONField, QuerySet, Value


class JSONArray(Aggregate):
    """The values of every row as one JSON array (NULL when there is none)."""

    function = "JSONB_AGG"  # jsonb: read as text, as JSONField expects
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def one_row(queryset: QuerySet, **values) -> QuerySet:
    """`values` (aggregates over every row of `queryset`, and constants) as a query of one row:
    grouped by a constant, which groups nothing."""
    return queryset.order_by().annotate(every=Value(1)).values("every").annotate(**values)
