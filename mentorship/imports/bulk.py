"""Writing thousands of imported rows in a few statements, each row with its history.

Django's QuerySet.bulk_update() builds a CASE WHEN per field per row and spends seconds
in Python resolving them for a few thousand rows; here one UPDATE … FROM (VALUES …) per
batch does the same in milliseconds on SQLite (3.33+) and PostgreSQL. Inserts are plain
multi-row INSERT … RETURNING (what bulk_create() sends, without its per-value compiler
work). Other databases fall back to bulk_create() / bulk_update().

Every row gets its history record exactly as simple-history's bulk_create_with_history()
and bulk_update_with_history() make them: one per row, «+» or «~», with the importing
user (or simple-history's default: the user of the current request).
"""

from django.conf import settings
from django.db import connections
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object, get_history_manager_for_model

# Rows per UPDATE on PostgreSQL (parameters stay far below its 65,535 limit).
_PG_ROWS = 1000


def _fast(connection) -> bool:
    return connection.vendor in ("sqlite", "postgresql")


def create_rows(model, instances, *, using="default", history_user=None) -> None:
    """Insert new instances (their primary keys are set), each with a «+» history record."""
    if not instances:
        return
    connection = connections[using]
    if _fast(connection):
        _insert(model, instances, connection, using)
    else:
        model._default_manager.db_manager(using).bulk_create(instances)
    _history(model, instances, "+", connection, using, history_user)


def update_rows(model, instances, field_names, *, using="default", history_user=None) -> None:
    """Write field_names of every instance (already saved rows), each with a «~» history
    record."""
    if not instances:
        return
    connection = connections[using]
    fields = [model._meta.get_field(name) for name in field_names]
    if _fast(connection) and fields:
        _update_from_values(model, instances, fields, connection)
    elif fields:
        model._default_manager.db_manager(using).bulk_update(instances, field_names)
    _history(model, instances, "~", connection, using, history_user)


def _history(model, instances, history_type, connection, using, history_user) -> None:
    """What simple-history's HistoryManager.bulk_history_create() writes."""
    if not hasattr(model._meta, "simple_history_manager_attribute"):
        return
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history_model = get_history_manager_for_model(model).model
    tracked = [field.attname for field in history_model.tracked_fields]
    now = timezone.now()
    # The same user for the whole batch (one request), resolved once: request.user is a
    # lazy object that costs a lookup on every touch.
    default_user = history_user or history_model.get_default_history_user(instances[0])
    default_user_id = getattr(default_user, "pk", None)
    records = []
    for instance in instances:
        own_user = getattr(instance, "_history_user", None)
        record = history_model(
            history_date=getattr(instance, "_history_date", now),
            history_user_id=own_user.pk if own_user is not None else default_user_id,
            # NULL without a reason, as bulk_create_with_history() and save() leave it.
            history_change_reason=get_change_reason_from_object(instance) or None,
            history_type=history_type,
            **{name: getattr(instance, name) for name in tracked},
        )
        if hasattr(history_model, "history_relation"):
            record.history_relation_id = instance.pk
        records.append(record)
    if _fast(connection):
        _insert(history_model, records, connection, using)
    else:
        history_model._default_manager.db_manager(using).bulk_create(records)


def _update_from_values(model, instances, fields, connection) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = model._meta.pk
    columns = [pk, *fields]
    names = ", ".join(quote(field.column) for field in columns)
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    where = f"WHERE {table}.{quote(pk.column)} = v.{quote(pk.column)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: a short statement whatever the number of rows
            # (psycopg parses a statement's placeholders in Python: 30,000 cost seconds).
            arrays = ", ".join(_array_placeholder(field, connection) for field in columns)
            sql = f"UPDATE {table} SET {assignments} FROM unnest({arrays}) AS v ({names}) {where}"
            for batch in _batches(instances, _PG_ROWS):
                cursor.execute(sql, _columns_of(batch, columns, connection))
            return
        per_batch = max(1, (connection.features.max_query_params or 999) // len(columns))
        row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for batch in _batches(instances, per_batch):
            sql = (
                f"WITH v ({names}) AS (VALUES {', '.join([row_sql] * len(batch))}) "
                f"UPDATE {table} SET {assignments} FROM v {where}"
            )
            cursor.execute(
                sql, [value for row in _rows_of(batch, columns, connection) for value in row]
            )


def _insert(model, instances, connection, using) -> None:
    quote = connection.ops.quote_name
    pk = model._meta.pk
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field is pk and getattr(field, "db_returning", False))
    ]
    for instance in instances:
        for field in fields:
            field.pre_save(instance, True)  # auto_now(_add), as save() does
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
    )
    returning = f" RETURNING {quote(pk.column)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(_array_placeholder(field, connection) for field in fields)
            sql = f"{head}SELECT * FROM unnest({arrays}){returning}"
            batches = [(batch, sql) for batch in _batches(instances, _PG_ROWS)]
        else:
            per_batch = max(1, (connection.features.max_query_params or 999) // len(fields))
            row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
            batches = [
                (batch, f"{head}VALUES {', '.join([row_sql] * len(batch))}{returning}")
                for batch in _batches(instances, per_batch)
            ]
        for batch, sql in batches:
            if connection.vendor == "postgresql":
                cursor.execute(sql, _columns_of(batch, fields, connection))
            else:
                rows = _rows_of(batch, fields, connection)
                cursor.execute(sql, [value for row in rows for value in row])
            # Both databases return the rows of a multi-row INSERT in order (Django's
            # bulk_create() relies on the same).
            for instance, (key,) in zip(batch, cursor.fetchall(), strict=True):
                setattr(instance, pk.attname, pk.to_python(key))
                instance._state.adding = False
                instance._state.db = using


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rows_of(instances, fields, connection) -> list[list]:
    return [
        [field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields]
        for instance in instances
    ]


def _columns_of(instances, fields, connection) -> list[list]:
    return [list(column) for column in zip(*_rows_of(instances, fields, connection), strict=True)]


def _array_placeholder(field, connection) -> str:
    return f"%s::{field.cast_db_type(connection)}[]"
