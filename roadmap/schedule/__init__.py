"""Deadlines of roadmap activities, as colleges' roadmaps write them, and the date logic
around them.

Pure: plain dates and strings in, plain values out; no database. Roadmaps write a deadline
in four ways, and so does the curator:

    «15.10.2022», «до 01.12.2023», «01.09.2023-01.10.2023»      a date (kind "date")
    «октябрь 2022», «Сентябрь – октябрь 2022года»               a month (kind "month")
    «ежегодно: май, сентябрь», «январь-февраль ежегодно»        every year (kind "yearly")
    «весь период», «постоянно»                                  the roadmap's end (kind "period")
    «по мере необходимости», «без фиксированного срока»         never due (kind "none")

A month is due on its last day; a yearly activity is due every year of the roadmap on the last
day of its last month (December when no month is named) and is done year by year; «весь
период» is due when the roadmap ends. Overdue is derived from these and today, never stored:
a cancelled activity is never overdue, a done one is done on time or late.

The package: values.py (the frozen values, the kinds), dates.py (when due, done on time),
text.py (a deadline in words), parsing.py (words into a Deadline). Import from here.

Public API:
    Deadline, Period, ActivityDates, Occurrence, OnTime — small frozen dataclasses
    deadline_parse(text, *, year=None) -> Deadline      (ValueError with a Russian message)
    deadline_in_period(text, period) -> Deadline
    deadline_read(text, period) -> (Deadline, note)     (an import's lenient reading)
    deadline_text(deadline_or_activity) -> str
    deadline_wording(cell) -> str                       (the wording kept, spaces cleaned)
    words_beside(words, schedule_text) -> str           (the wording kept, if it differs)
    deadline_of(activity) -> Deadline
    month_end(day) -> date
    occurrences(deadline, period) -> list[(year, due)]
    due_in_year(deadline, period, year) -> date | None
    occurrence_states(item, today) -> list[Occurrence]
    is_overdue(item, today) -> bool, overdue_days(item, today) -> int
    done_on_time(due, completed_on) -> bool
    on_time_share(items, year, today) -> OnTime
    counts_between(item, start, end, today) -> (due, done_on_time)   (a report period)
    on_time_share_between(items, start, end, today) -> OnTime
"""

from .dates import (
    counts_between,
    deadline_of,
    done_on_time,
    due_in_year,
    is_overdue,
    occurrence_states,
    occurrences,
    on_time_share,
    on_time_share_between,
    overdue_days,
)
from .parsing import deadline_in_period, deadline_parse, deadline_read
from .text import (
    MONTHS,
    MONTHS_GENITIVE,
    NONE_TEXT,
    deadline_text,
    deadline_wording,
    words_beside,
)
from .values import (
    CANCELLED,
    DATE,
    DONE,
    KINDS,
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

__all__ = [
    "CANCELLED",
    "DATE",
    "DONE",
    "KINDS",
    "MONTH",
    "MONTHS",
    "MONTHS_GENITIVE",
    "NONE",
    "NONE_TEXT",
    "PERIOD",
    "YEARLY",
    "ActivityDates",
    "Deadline",
    "Occurrence",
    "OnTime",
    "Period",
    "counts_between",
    "deadline_in_period",
    "deadline_of",
    "deadline_parse",
    "deadline_read",
    "deadline_text",
    "deadline_wording",
    "done_on_time",
    "due_in_year",
    "is_overdue",
    "month_end",
    "occurrence_states",
    "occurrences",
    "on_time_share",
    "on_time_share_between",
    "overdue_days",
    "words_beside",
]
