"""Database chores that any part may need, with no model of its own."""

from django.db import connection


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
