"""Database chores that any part may need, with no model of its own."""

from django.db import connection


def analyze() -> None:
    """Refresh the planner's statistics. Tables filled in bulk a moment ago have none:
    PostgreSQL then plans the KPI and survey aggregates as nested loops over thousands of
    rows and takes minutes. SQLite gains as well. Allowed inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
