"""When an activity is due, and whether it was done on time: dates in, dates out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .values import (
    CANCELLED,
    DATE,
    DONE,
    MONTH,
    NONE,
    PERIOD,
    YEARLY,
    ActivityDates,
    Deadline,
    Occurrence,
    OnTime,
    Period,
    month_end,
)


def deadline_of(activity) -> Deadline:
    """The Deadline of an Activity (or anything with its fields)."""
    kind = activity.deadline_kind
    month = activity.deadline_month
    return Deadline(
        kind=kind,
        date=activity.deadline_date if kind == DATE else None,
        month=month.replace(day=1) if kind == MONTH and month else None,
        months=tuple(activity.yearly_months or ()) if kind == YEARLY else (),
        start=activity.start_date,
        once=activity.deadline_date if kind == YEARLY else None,
    )


def _yearly_due(months: tuple[int, ...], year: int) -> dt.date:
    return month_end(dt.date(year, months[-1] if months else 12, 1))


def occurrences(deadline: Deadline, period: Period) -> list[tuple[int, dt.date]]:
    """(year, due date) of every time the activity is due. A yearly activity is due in each
    year whose due month falls within the period (and not before the activity's start); one
    with a one-off date first («сентябрь 2020, январь-февраль ежегодно») is due on it, then
    in each later year. An activity «без фиксированного срока» is never due."""
    if deadline.kind == NONE:
        return []
    if deadline.kind == DATE:
        due = deadline.date
    elif deadline.kind == MONTH:
        due = month_end(deadline.month)
    elif deadline.kind == PERIOD:
        due = period.end
    else:
        found = [(deadline.once.year, deadline.once)] if deadline.once else []
        for year in range(period.start.year, period.end.year + 1):
            if deadline.once and year <= deadline.once.year:
                continue
            due = _yearly_due(deadline.months, year)
            if due < period.start or due.replace(day=1) > period.end:
                continue
            if deadline.start is not None and due < deadline.start:
                continue
            found.append((year, due))
        return found
    return [(due.year, due)]


def due_in_year(deadline: Deadline, period: Period, year: int) -> dt.date | None:
    """The due date of the activity in a calendar year, or None when nothing is due then."""
    return next((due for y, due in occurrences(deadline, period) if y == year), None)


def done_on_time(due: dt.date, completed_on: dt.date | None) -> bool:
    return completed_on is not None and completed_on <= due


def occurrence_states(item: ActivityDates, today: dt.date) -> list[Occurrence]:
    """Each time the activity is due, with its completion and how late it is or was.

    A cancelled activity owes nothing. A yearly activity marked done as a whole (status
    «выполнено») owes nothing for the years left unmarked."""
    states = []
    yearly = item.deadline.kind == YEARLY
    for year, due in occurrences(item.deadline, item.period):
        if yearly:
            completed_on = item.year_done.get(year)
        else:
            completed_on = item.completed_on if item.status == DONE else None
        owes = item.status != CANCELLED and not (yearly and item.status == DONE)
        overdue = (today - due).days if owes and completed_on is None and today > due else 0
        late = (completed_on - due).days if completed_on and completed_on > due else 0
        states.append(Occurrence(year, due, completed_on, overdue, late))
    return states


def overdue_days(item: ActivityDates, today: dt.date) -> int:
    """Days since the earliest missed due date; 0 when nothing is overdue."""
    return max((s.overdue_days for s in occurrence_states(item, today)), default=0)


def is_overdue(item: ActivityDates, today: dt.date) -> bool:
    return overdue_days(item, today) > 0


def counts_between(
    item: ActivityDates, start: dt.date, end: dt.date, today: dt.date
) -> tuple[int, int]:
    """(times the activity was due from start to end — both included — by today, of them
    done by the due date), for any range of days — a report period, a calendar year. Each
    occurrence whose due date falls into the range counts — a yearly activity's is the last
    day of its last month in that calendar year, done by its mark for that year
    (ActivityYearDone.year). Cancelled activities and due dates still ahead are not counted."""
    if item.status == CANCELLED:
        return 0, 0
    due = on_time = 0
    for state in occurrence_states(item, today):
        if not start <= state.due <= end or state.due > today:
            continue
        if not state.done and item.deadline.kind == YEARLY and item.status == DONE:
            continue
        due += 1
        on_time += done_on_time(state.due, state.completed_on)
    return due, on_time


def on_time_share_between(
    items: Iterable[ActivityDates], start: dt.date, end: dt.date, today: dt.date
) -> OnTime:
    """on_time_share for a range of days (a report period): counts_between summed."""
    due = on_time = 0
    for item in items:
        counted, in_time = counts_between(item, start, end, today)
        due += counted
        on_time += in_time
    return OnTime(on_time=on_time, due=due)


def _calendar_year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def on_time_share(items: Iterable[ActivityDates], year: int, today: dt.date) -> OnTime:
    """on_time_share_between over a calendar year."""
    return on_time_share_between(items, *_calendar_year(year), today)
