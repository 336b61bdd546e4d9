"""Database chores that any part may need, with no model of its own."""

import json

from django.db import connection
from django.db.models import BooleanField, Count, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce


def analyze() -> None:
    """Refresh the planner's statistics. Tables filled in bulk a moment ago have none:
    PostgreSQL then plans the KPI and survey aggregates as nested loops over thousands of
    rows and takes minutes. SQLite gains as well. Allowed inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# A LIMIT that no table reaches: fenced()'s fence.
_NO_LIMIT = 2**62


def fenced(queryset):
    """The queryset with a LIMIT no table reaches, so that an aggregate over it
    (`fenced(qs.annotate(flag=…)).aggregate(…)`) reads it as a sub-select worked out once,
    row by row. Without the LIMIT the database folds the sub-select back into the aggregate
    — SQLite's flattener, PostgreSQL's pull-up — and every count that names an annotation
    gets a copy of its expression: a flag made of a sub-select (`id IN (SELECT …)`) is
    then worked out again for each count. A LIMIT is a fence both of them keep."""
    return queryset[:_NO_LIMIT]


class OneOf(Func):
    """`expression IN (values)` with the values sent as one parameter, for a filter:
    `.filter(OneOf("invitation__person_id", ids))`. PostgreSQL reads it as an array
    (`= ANY(%s)`), SQLite as a JSON list (`IN (SELECT value FROM json_each(%s))`).
    Django writes a placeholder per value and prepares each one: a thousand ids cost ≈10 ms
    of CPU before the query left (psycopg splits the text at every placeholder too). For
    whole numbers and short strings, e.g. ids read by a query a moment ago."""

    output_field = BooleanField()

    def __init__(self, expression, values):
        super().__init__(expression)
        self.values = list(values)

    def as_sql(self, compiler, connection, **extra_context):
        if not self.values:
            return "1 = 0", ()
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{sql} = ANY(%s)", (*params, self.values)
        return f"{sql} IN (SELECT value FROM json_each(%s))", (*params, json.dumps(self.values))


def rows_pointing_here(rows, field: str):
    """How many of `rows` (a queryset) point at the listed row through `field` (a foreign
    key, or a path to one: "invitation__wave"), as a sub-select per listed row, for
    .annotate() on an admin list.

    Not Count() over a join: that groups the whole list by every selected column before
    the page is cut, and the admin's two counts of the list (the filtered one and the full
    one) then count that grouping, joins and all — on the survey waves 7 ms of SQLite for a
    list of 19 rows, with 18,361 links and 14,738 responses behind them. Django leaves an
    unused sub-select out of a count, so those read the listed table alone, and the
    sub-select runs for the page's rows only."""
    pointing = rows.filter(**{field: OuterRef("pk")}).order_by()
    counted = pointing.values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)
