"""Querysets compiled to SQL once and run again with another value: for the few reads
that every request of a busy public page makes (a survey link opened by a whole college),
and for the aggregates a report period's figures are counted with (PreparedCounts).

Building a queryset with joins and annotated sub-selects and compiling it to SQL costs
Python far more than the database's answer: for the survey link's invitation, about
1 ms of a request's few. A PreparedQuery builds and compiles its queryset once per
database connection and key (e.g. the day the query's dates are counted from), with a
placeholder for one value (e.g. the token); each call runs the same SQL with the value
in the placeholder's place and makes the rows into instances as the ORM does. Only the
SQL is kept, never a row: every call asks the database.
"""

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.transaction import TransactionManagementError

# The value a queryset is built with where each call's value goes: a string no column
# holds, found among the compiled parameters (a string field's lookups pass it as is).
PLACEHOLDER = "\x00prepared-query-placeholder\x00"


@dataclass(frozen=True)
class _Compiled:
    key: Hashable
    sql: str
    params: tuple
    slots: tuple[int, ...]
    compiler: Any
    converters: dict
    for_update: bool
    # Instances (a ModelIterable queryset): where the model's columns are, their attnames,
    # the select_related populators and the annotations' columns.
    model: Any = None
    model_columns: slice | None = None
    init_list: tuple[str, ...] = ()
    populators: tuple = ()
    annotations: tuple[tuple[str, int], ...] = ()


class PreparedQuery:
    """build(key, value) gives the queryset for `key` with `value` in a string lookup.
    objects(key, value) / rows(key, value) run it with a value of the caller's; the SQL is
    compiled once per connection for each new key (the last key only is kept: a key that
    changes, like a day, never comes back). A queryset with select_for_update must be run
    in a transaction, as the ORM requires."""

    def __init__(self, build: Callable[[Hashable, str], QuerySet], *, using=DEFAULT_DB_ALIAS):
        self._build = build
        self._using = using
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _for(self, key: Hashable) -> tuple[Any, _Compiled]:
        connection = connections[self._using]
        compiled = self._compiled.get(connection)
        if compiled is None or compiled.key != key:
            compiled = self._compile(key, connection)
            self._compiled[connection] = compiled
        if (
            compiled.for_update
            and connection.features.has_select_for_update
            and connection.get_autocommit()
        ):
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        return connection, compiled

    def _compile(self, key: Hashable, connection) -> _Compiled:
        queryset = self._build(key, PLACEHOLDER).using(self._using)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = tuple(i for i, param in enumerate(params) if param == PLACEHOLDER)
        if not slots:
            raise ValueError("the queryset does not pass the placeholder as a parameter")
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        common = {
            "key": key,
            "sql": sql,
            "params": tuple(params),
            "slots": slots,
            "compiler": compiler,
            "converters": compiler.get_converters(fields),
            "for_update": queryset.query.select_for_update,
        }
        if queryset._iterable_class is not ModelIterable:
            return _Compiled(**common)
        klass_info = compiler.klass_info
        columns = klass_info["select_fields"]
        model_columns = slice(columns[0], columns[-1] + 1)
        return _Compiled(
            **common,
            model=klass_info["model"],
            model_columns=model_columns,
            init_list=tuple(
                column[0].target.attname for column in compiler.select[model_columns]
            ),
            populators=tuple(get_related_populators(klass_info, compiler.select, self._using)),
            annotations=tuple(compiler.annotation_col_map.items()),
        )

    def _rows(self, connection, compiled: _Compiled, value: str) -> list:
        params = list(compiled.params)
        for slot in compiled.slots:
            params[slot] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = list(compiled.compiler.apply_converters(rows, compiled.converters))
        return rows

    def rows(self, key: Hashable, value: str) -> list[tuple]:
        """The rows as tuples of Python values (a values_list queryset's)."""
        connection, compiled = self._for(key)
        return [tuple(row) for row in self._rows(connection, compiled, value)]

    def objects(self, key: Hashable, value: str) -> list:
        """The model instances, with their select_related objects and annotations."""
        connection, compiled = self._for(key)
        if compiled.model is None:
            raise TypeError("objects() is for a queryset of model instances; rows() for values")
        found = []
        for row in self._rows(connection, compiled, value):
            obj = compiled.model.from_db(
                self._using, compiled.init_list, row[compiled.model_columns]
            )
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, column in compiled.annotations:
                setattr(obj, name, row[column])
            found.append(obj)
        return found


class PreparedCounts:
    """An aggregate of whole numbers (counts, and sums of counts) whose SQL depends on a key
    only — e.g. a report period's bounds — never on the rows: build(key) gives the queryset
    and its aggregates (`{"people": Count("pk"), …}`), as for QuerySet.aggregate().

    The first call for a key runs the aggregate through the ORM and keeps the one SQL
    statement it sent, with its parameters; the next calls send that statement again and
    read the one row it answers. Building and compiling such a queryset (sub-selects over
    the history tables, a filtered count per figure) costs Python tens of milliseconds,
    the database's answer a few: the SQL is what is kept, never a figure — every call asks
    the database. The key must hold everything build() reads besides the database's rows
    (a query that takes values from the rows — `id__in=list(…)` — cannot be kept: its SQL
    would hold yesterday's values); tests compare the statement built on other data.
    An aggregate the ORM answers without asking the database (an empty `__in`) is not
    kept. A few keys are kept per database connection, the last used ones."""

    def __init__(
        self,
        build: Callable[[Hashable], tuple[QuerySet, Mapping]],
        *,
        using=DEFAULT_DB_ALIAS,
        keys: int = 16,
    ):
        self._build = build
        self._using = using
        self._keys = keys
        self._kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, key: Hashable) -> dict[str, int]:
        connection = connections[self._using]
        kept = self._kept.get(connection)
        if kept is None:
            kept = self._kept[connection] = OrderedDict()
        statement = kept.get(key)
        if statement is None:
            return self._first(connection, kept, key)
        kept.move_to_end(key)
        sql, params, names = statement
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return dict(zip(names, (int(value) for value in row), strict=True))

    def _first(self, connection, kept: OrderedDict, key: Hashable) -> dict[str, int]:
        queryset, aggregates = self._build(key)
        sent = []

        def record(execute, sql, params, many, context):
            sent.append((sql, params, many))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            found = queryset.using(self._using).aggregate(**aggregates)
        counts = {name: int(value) for name, value in found.items()}
        if len(sent) == 1 and not sent[0][2]:
            sql, params, _ = sent[0]
            kept[key] = (sql, tuple(params or ()), tuple(found))
            while len(kept) > self._keys:
                kept.popitem(last=False)
        return counts
