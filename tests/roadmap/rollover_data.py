"""Helpers of the roll-over tests: a table that refuses inserts, as a real database failure
in the middle of the roll-over's transaction (no mock: the database itself raises)."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def refusing_inserts(table: str):
    """While inside, the database refuses every INSERT into `table` with an integrity
    error (a trigger; SQLite and PostgreSQL)."""
    name = f"test_refuse_{table}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'вставка запрещена тестом' USING ERRCODE = 'check_violation'; "
                "END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'вставка запрещена тестом'); END"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
