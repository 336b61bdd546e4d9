"""The small frozen values of the schedule, and the kinds and states as Activity stores them."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from mentorship.lib.numbers import percent

# The values of Activity.DeadlineKind and Activity.Status (a test keeps them equal).
DATE, MONTH, YEARLY, PERIOD = "date", "month", "yearly", "period"
# «без фиксированного срока»: «по мере необходимости», «в течение первого месяца реализации
# программы», «по итогам» — never due, so never overdue and never counted as due.
NONE = "none"
KINDS = (DATE, MONTH, YEARLY, PERIOD, NONE)
DONE, CANCELLED = "done", "cancelled"


@dataclass(frozen=True)
class Deadline:
    """A deadline as the activity's fields hold it. `start` is where the text names one
    («сентябрь – октябрь 2022» starts in September); a start that says nothing more than the
    deadline itself (the same date, the first of the same month) is dropped."""

    kind: str
    date: dt.date | None = None
    month: dt.date | None = None  # the first day of the month
    months: tuple[int, ...] = ()  # for "yearly": month numbers, 1–12, ascending
    start: dt.date | None = None
    # For "yearly": a one-off due date written before the yearly months («сентябрь 2020,
    # январь-февраль ежегодно» is due on 30.09.2020, then every February from 2021).
    once: dt.date | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"неизвестный вид срока: {self.kind!r}")
        if self.kind == DATE and self.date is None:
            raise ValueError("для срока-даты нужна дата")
        if self.kind == MONTH and (self.month is None or self.month.day != 1):
            raise ValueError("для срока-месяца нужно первое число месяца")
        months = tuple(sorted(set(self.months)))
        if any(not 1 <= m <= 12 for m in months):
            raise ValueError("месяцы — числа от 1 до 12")
        object.__setattr__(self, "months", months if self.kind == YEARLY else ())
        if self.kind != DATE:
            object.__setattr__(self, "date", None)
        if self.kind != MONTH:
            object.__setattr__(self, "month", None)
        if self.kind != YEARLY:
            object.__setattr__(self, "once", None)
        if self.kind == NONE:
            object.__setattr__(self, "start", None)
        if self.start is not None and self.kind in (DATE, MONTH):
            if self.start == (self.date or self.month):
                object.__setattr__(self, "start", None)
            elif self.start > (self.date or month_end(self.month)):
                raise ValueError("начало позже срока")

    def fields(self) -> dict:
        """The Activity fields this deadline sets (start_date included)."""
        return {
            "deadline_kind": self.kind,
            "deadline_date": self.date or self.once,
            "deadline_month": self.month,
            "yearly_months": list(self.months),
            "start_date": self.start,
        }


@dataclass(frozen=True)
class Period:
    """The roadmap's period."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ActivityDates:
    """What the date logic needs of an activity: its deadline, the roadmap's period, its
    status and completion date, and for a yearly activity the years done (year -> date)."""

    deadline: Deadline
    period: Period
    status: str
    completed_on: dt.date | None = None
    year_done: Mapping[int, dt.date] = field(default_factory=dict)


@dataclass(frozen=True)
class Occurrence:
    """One time the activity is due (once, or once a year) and how it stands today."""

    year: int
    due: dt.date
    completed_on: dt.date | None
    overdue_days: int  # > 0: not done and past due by that many days
    late_days: int  # > 0: done that many days after the due date

    @property
    def done(self) -> bool:
        return self.completed_on is not None

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True)
class OnTime:
    """«Выполнено в срок: 12 из 15 (80 %)»: of the activities due in a year up to today."""

    on_time: int
    due: int

    @property
    def percent(self) -> int | None:
        value = percent(self.on_time, self.due, places=0)
        return None if value is None else int(value)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
