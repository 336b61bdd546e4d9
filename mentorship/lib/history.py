"""Facts as they stood: the simple-history tables read as of a moment, inside one query.

A report on a past period counts people (kind, form of study, ОВЗ, experience, organisation…)
as they were then, not as they are now. Every change of a tracked model writes a history row
(«+» created, «~» changed, «-» deleted) with its history_date; the row of an object in force
at a moment is its latest one recorded up to that moment, and the object is gone when that
row is a deletion.

rows_as_of() gives those rows as a queryset, one per object, to aggregate over or to use as a
sub-select: no query of its own, whatever the number of objects. It is written with
correlated NOT EXISTS, as simple-history's own latest_of_each() (what HistoryManager.as_of()
uses), because that one is not enough here: it keeps every row of an object sharing the
latest history_date (a bulk write, or a back-dated history, gives several rows of one object
the same instant), so an object would be counted twice; here ties go to the later row
(history_id). Portable (SQLite, PostgreSQL; no DISTINCT ON, no window), and each sub-select is
one object's rows through the history tables' index on the object's id.

How each database is given the rule. SQLite runs the correlated sub-selects row by row,
after the caller's cheaper conditions (a participant's id in a list): only the rows kept
pay, through the index — its fastest form. PostgreSQL cannot make a NOT EXISTS under an OR
(the first-known rule) or a LIMIT (lib.database.fenced) into a join: it plans a sub-plan per
history row and prices each one, and the price of thousands (240,000 for the dashboard's
participants on a full-size college) makes it compile the query with JIT first — 130 ms of
a 146 ms query, the run itself being 17 ms. There each rule is an uncorrelated sub-select
of the history_ids in force (`history_id IN (SELECT … WHERE NOT EXISTS …)`): a merge anti
join over the table, worked out once and hashed (priced 7,200; 35 ms, no JIT).

The rule for objects recorded only after the moment (first_known_for): they did not exist
for the registry then, so they are not in the base of that period — except those the caller
names, whose facts of the period are known otherwise (the participants of a period: a pair
and its memberships carry their own dates). A college that starts using the product in the
middle of a year and enters that year's pairs afterwards still reports them: such an object
is taken by its FIRST recorded state, the nearest known to the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connections
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 of the day in the project's time zone (settings.TIME_ZONE), timezone-aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of the day in the project's time zone: a period ending on `day`
    takes every change recorded on it, and none of the next day's 00:00."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def moments_between(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last instant of the local days start … end: a `__range` on a
    datetime column that takes those days (and can use the column's index, which a
    `__date__range` comparing the converted date of every row cannot)."""
    return start_of_day(start), end_of_day(end)


def local_year(field: str, years: Iterable[int]) -> Case:
    """The local calendar year of a datetime column, one of `years` (else NULL), as a CASE
    over each year's first and last instant. ExtractYear / dates() convert the time zone
    row by row — in SQLite a Python function per row, most of a second over a big
    college's survey answers; these are plain comparisons the database does at once."""
    return Case(
        *(
            When(
                **{f"{field}__range": moments_between(dt.date(y, 1, 1), dt.date(y, 12, 31))},
                then=Value(y),
            )
            for y in years
        ),
        output_field=IntegerField(),
    )


def rows_as_of(history, moment: dt.datetime, *, first_known_for: Q | None = None) -> QuerySet:
    """The history rows in force at `moment`, one per object still existing then.

    history — a simple-history model (Person.history.model), its manager (Person.history)
    or a queryset of its rows; moment — timezone-aware (one in the future gives the latest
    state). first_known_for — a condition on the history rows (e.g. Q(id__in=<ids>))
    naming the objects that, when first recorded after the moment, are taken by their first
    recorded state instead of being left out (see the module's docstring). The result is a
    queryset of history rows: filter and aggregate it, or take .values("id") as a
    sub-select."""
    rows = history.all() if hasattr(history, "all") else history._default_manager.all()
    rows = rows.order_by()
    key = rows.model.instance_type._meta.pk.attname
    same = Q(**{key: OuterRef(key)})
    recorded = Q(history_date__lte=moment)
    later = rows.filter(
        same,
        recorded,
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id")),
    )
    latest = recorded & ~Exists(later)
    first = None
    if first_known_for is not None:
        earlier = rows.filter(
            same,
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
        )
        first = ~Exists(rows.filter(same, recorded)) & ~Exists(earlier)
    if connections[rows.db].vendor != "sqlite":
        # PostgreSQL: each rule as an uncorrelated sub-select of history_ids (see above).
        latest = Q(history_id__in=rows.filter(latest).values("history_id"))
        if first is not None:
            first = Q(history_id__in=rows.filter(first).values("history_id"))
    in_force = latest if first is None else latest | (first_known_for & first)
    return rows.filter(in_force & ~Q(history_type="-"))
