"""Deadlines of roadmap activities, as the seeds write them, and the date logic around them.

Pure: plain dates and strings in, plain values out; no database. The seeds write a deadline
in four ways, and so does the curator:

    «15.10.2022», «до 01.12.2023», «01.09.2023-01.10.2023»      a date (kind "date")
    «октябрь 2022», «Сентябрь – октябрь 2022года»               a month (kind "month")
    «ежегодно: май, сентябрь», «январь-февраль ежегодно»        every year (kind "yearly")
    «весь период»                                               the roadmap's end (kind "period")

A month is due on its last day; a yearly activity is due every year of the roadmap on the last
day of its last month (December when no month is named) and is done year by year; «весь
период» is due when the roadmap ends. Overdue is derived from these and today, never stored:
a cancelled activity is never overdue, a done one is done on time or late.

Public API:
    Deadline, Period, ActivityDates, Occurrence, OnTime — small frozen dataclasses
    deadline_parse(text, *, year=None) -> Deadline      (ValueError with a Russian message)
    deadline_text(deadline_or_activity) -> str
    deadline_of(activity) -> Deadline
    month_end(day) -> date
    occurrences(deadline, period) -> list[(year, due)]
    due_in_year(deadline, period, year) -> date | None
    occurrence_states(item, today) -> list[Occurrence]
    is_overdue(item, today) -> bool, overdue_days(item, today) -> int
    done_on_time(due, completed_on) -> bool
    counts_in_year(item, year, today) -> (due, done_on_time)
    on_time_share(items, year, today) -> OnTime
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mentorship.lib.dates import parse_date
from mentorship.lib.numbers import percent

# The values of Activity.DeadlineKind and Activity.Status (a test keeps them equal).
DATE, MONTH, YEARLY, PERIOD = "date", "month", "yearly", "period"
KINDS = (DATE, MONTH, YEARLY, PERIOD)
DONE, CANCELLED = "done", "cancelled"

MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_MONTHS_PREPOSITIONAL = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)  # fmt: skip
_ABBREVIATIONS = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip
_MONTH_WORDS = {
    **{word: n for forms in (MONTHS, MONTHS_GENITIVE, _MONTHS_PREPOSITIONAL)
       for n, word in enumerate(forms, start=1)},
    **_ABBREVIATIONS,
}  # fmt: skip


# --- values ---------------------------------------------------------------------------------


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
        if self.start is not None and self.kind in (DATE, MONTH):
            if self.start == (self.date or self.month):
                object.__setattr__(self, "start", None)
            elif self.start > (self.date or month_end(self.month)):
                raise ValueError("начало позже срока")

    def fields(self) -> dict:
        """The Activity fields this deadline sets (start_date included)."""
        return {
            "deadline_kind": self.kind,
            "deadline_date": self.date,
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


# --- dates ------------------------------------------------------------------------------------


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


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
    )


def _yearly_due(months: tuple[int, ...], year: int) -> dt.date:
    return month_end(dt.date(year, months[-1] if months else 12, 1))


def occurrences(deadline: Deadline, period: Period) -> list[tuple[int, dt.date]]:
    """(year, due date) of every time the activity is due. A yearly activity is due in each
    year whose due month falls within the period (and not before the activity's start)."""
    if deadline.kind == DATE:
        due = deadline.date
    elif deadline.kind == MONTH:
        due = month_end(deadline.month)
    elif deadline.kind == PERIOD:
        due = period.end
    else:
        found = []
        for year in range(period.start.year, period.end.year + 1):
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


def counts_in_year(item: ActivityDates, year: int, today: dt.date) -> tuple[bool, bool]:
    """(was due in the year by today, was done by its due date). Cancelled activities and
    due dates still ahead are not counted: the share is of what was due."""
    if item.status == CANCELLED:
        return False, False
    for state in occurrence_states(item, today):
        if state.year != year or state.due > today:
            continue
        if not state.done and item.deadline.kind == YEARLY and item.status == DONE:
            return False, False
        return True, done_on_time(state.due, state.completed_on)
    return False, False


def on_time_share(items: Iterable[ActivityDates], year: int, today: dt.date) -> OnTime:
    due = on_time = 0
    for item in items:
        counted, in_time = counts_in_year(item, year, today)
        due += counted
        on_time += in_time
    return OnTime(on_time=on_time, due=due)


# --- text -------------------------------------------------------------------------------------


def _month_text(month: dt.date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def _months_text(months: tuple[int, ...]) -> str:
    """«май, сентябрь»; three or more months in a row as a range: «март – ноябрь»."""
    runs: list[list[int]] = []
    for m in months:
        if runs and runs[-1][-1] == m - 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{MONTHS[run[0] - 1]} – {MONTHS[run[-1] - 1]}")
        else:
            parts.extend(MONTHS[m - 1] for m in run)
    return ", ".join(parts)


def deadline_text(value) -> str:
    """The deadline as the seeds write it: «15.10.2022», «сентябрь – октябрь 2022»,
    «ежегодно: май, сентябрь», «весь период». Takes a Deadline or an Activity."""
    d = value if isinstance(value, Deadline) else deadline_of(value)
    if d.kind == DATE:
        end = f"{d.date:%d.%m.%Y}"
        return f"{d.start:%d.%m.%Y} – {end}" if d.start else end
    if d.kind == MONTH:
        end = _month_text(d.month)
        if d.start is None:
            return end
        if d.start.day != 1:
            return f"{d.start:%d.%m.%Y} – {end}"
        if d.start.year == d.month.year:
            return f"{MONTHS[d.start.month - 1]} – {end}"
        return f"{_month_text(d.start)} – {end}"
    prefix = ""
    if d.start is not None:
        since = (
            f"{MONTHS_GENITIVE[d.start.month - 1]} {d.start.year}"
            if d.start.day == 1
            else f"{d.start:%d.%m.%Y}"
        )
        prefix = f"с {since} "
    if d.kind == PERIOD:
        return f"{prefix}весь период"
    return f"{prefix}ежегодно" + (f": {_months_text(d.months)}" if d.months else "")


# --- parsing ----------------------------------------------------------------------------------

_HELP = (
    "пишите дату (15.10.2022), месяц (октябрь 2022), «ежегодно: май, сентябрь» или «весь период»"
)
_TOKEN = re.compile(
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{2,4})|(?P<iso>\d{4}-\d{2}-\d{2})|(?P<num>\d+)"
    r"|(?P<word>[a-zа-я]+)|(?P<dash>[-–—−‒])|(?P<sep>[,;:/])"
)
_YEAR_WORDS = {"год", "года", "году", "г", "гг"}
# Words that say nothing about the date. Any other word («квартал», «ежемесячно») makes the
# text unreadable rather than silently misread.
_FILLERS = {
    "до", "с", "со", "по", "не", "позднее", "позже", "срок", "сроки", "в", "течение", "к",
    "конец", "конца", "и", "ежегодно", "каждый", "каждого", "мере", "необходимости",
    "весь", "всего", "всем", "период", "периода", "реализации", "программы",
}  # fmt: skip
_PERIOD = re.compile(r"\b(весь|всего|всем)\s+(период|срок)")
_WHOLE_YEAR = re.compile(r"в\s+течение\s+(всего\s+)?года")


@dataclass
class _Point:
    """A date, a month (maybe still without its year) or a bare year in the text."""

    kind: str  # "date", "month", "daymonth" («1 октября»), "year"
    day: dt.date | None = None
    month: int | None = None
    year: int | None = None
    group: int = 0  # which comma-separated part of the text it is in
    day_number: int | None = None

    def first_day(self) -> dt.date:
        if self.kind == "date":
            return self.day
        return dt.date(self.year, self.month or 1, 1)


class _Fail(ValueError):
    pass


def _tokens(text: str) -> list[tuple[str, str]]:
    found = []
    position = 0
    for match in _TOKEN.finditer(text):
        if text[position : match.start()].strip(" .()«»\"'"):
            raise _Fail
        position = match.end()
        found.append((match.lastgroup, match.group()))
    if text[position:].strip(" .()«»\"'"):
        raise _Fail
    return found


def _points(tokens: list[tuple[str, str]]) -> tuple[list[_Point], list[tuple[int, int, int]]]:
    """Dates, months and years in the order written, and the ranges between months
    («январь-февраль»: (index of январь, index of февраль)). Unknown words are fillers
    («до», «не позднее», «по мере необходимости») and are skipped."""
    points: list[_Point] = []
    dashes: list[tuple[int, int]] = []  # (points before the dash, group)
    group = 0
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "sep":
            group += 1
        elif kind == "dash":
            dashes.append((len(points), group))
        elif kind in ("date", "iso"):
            try:
                points.append(_Point("date", day=parse_date(value), group=group))
            except ValueError:
                raise _Fail from None
        elif kind == "num":
            number = int(value)
            following = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
            if following[0] == "word" and following[1] in _MONTH_WORDS and number <= 31:
                # «1 октября 2023»: a day of a month
                month = _MONTH_WORDS[following[1]]
                points.append(_Point("daymonth", month=month, group=group, day_number=number))
                i += 1
            elif len(value) == 4 and 1990 <= number <= 2100:
                last = points[-1] if points else None
                if last and last.kind in ("month", "daymonth") and last.year is None:
                    last.year = number
                else:
                    points.append(_Point("year", year=number, group=group))
            else:
                raise _Fail
        elif kind == "word" and value in _MONTH_WORDS:
            points.append(_Point("month", month=_MONTH_WORDS[value], group=group))
        elif kind == "word" and value not in _FILLERS:
            raise _Fail
        i += 1
    ranges = [(before - 1, before, g) for before, g in dashes if 0 < before < len(points)]
    return points, ranges


def _resolve_days(points: list[_Point]) -> None:
    for p in points:
        if p.kind == "daymonth" and p.year is not None:
            try:
                p.day = dt.date(p.year, p.month, p.day_number)
            except ValueError:
                raise _Fail from None
            p.kind = "date"


def _fill_years(points: list[_Point], year: int | None) -> None:
    """A month written without its year takes the year of the next dated point (the year
    before, when its month comes later: «ноябрь – февраль 2023» starts in November 2022),
    else the default year."""
    following: _Point | None = None
    for p in reversed(points):
        if p.kind in ("month", "daymonth") and p.year is None:
            if following is not None:
                ahead = following.first_day()
                p.year = ahead.year - (1 if p.month > ahead.month else 0)
            elif year is not None:
                p.year = year
            else:
                raise ValueError(f"укажите год: «{MONTHS[p.month - 1]}»")
        following = p
    _resolve_days(points)


def _as_deadline(p: _Point, start: dt.date | None) -> Deadline:
    if p.kind == "date":
        return Deadline(DATE, date=p.day, start=start)
    month = dt.date(p.year, p.month or 12, 1)
    return Deadline(MONTH, month=month, start=start)


def _parse_yearly(points: list[_Point], ranges) -> Deadline:
    """Groups (comma-separated parts) that name a year give the start («сентябрь 2020,
    январь-февраль ежегодно»); months without a year are the months of every year."""
    dated_groups = {p.group for p in points if p.year is not None or p.kind == "date"}
    dated = [p for p in points if p.group in dated_groups]
    months: set[int] = set()
    plain = [i for i, p in enumerate(points) if p.group not in dated_groups]
    for i in plain:
        if points[i].kind in ("month", "daymonth"):
            months.add(points[i].month)
    for left, right, _group in ranges:
        if left in plain and right in plain:
            a, b = points[left].month, points[right].month
            if a and b:
                span = range(a, b + 1) if a <= b else [*range(a, 13), *range(1, b + 1)]
                months.update(span)
    start = None
    if dated:
        _fill_years(dated, None)
        start = dated[0].first_day()
    return Deadline(YEARLY, months=tuple(months), start=start)


def deadline_parse(text, *, year: int | None = None) -> Deadline:
    """Read a deadline written the way the seeds and curators write it (see the module doc).

    `year` is taken for a month written without one. Accepts a date (an Excel cell).
    Raises ValueError with a Russian message a curator can act on."""
    if isinstance(text, dt.datetime):
        return Deadline(DATE, date=text.date())
    if isinstance(text, dt.date):
        return Deadline(DATE, date=text)
    raw = " ".join(str(text or "").split())
    if not raw:
        raise ValueError("срок не указан")
    s = raw.lower().replace("ё", "е")
    s = re.sub(r"<[^>]+>", " ", s)
    is_period = bool(_PERIOD.search(s))
    is_yearly = "ежегодн" in s or "каждый год" in s or "каждого года" in s
    if _WHOLE_YEAR.search(s):
        is_yearly = True
        s = _WHOLE_YEAR.sub(" ", s)
    # «2022года», «ноябрь2020»: words glued to numbers
    s = re.sub(r"(\d)([а-я])", r"\1 \2", s)
    s = re.sub(r"([а-я])(\d)", r"\1 \2", s)
    s = re.sub(r"\b(гг?)\.", r"\1", s)
    try:
        tokens = [t for t in _tokens(s) if not (t[0] == "word" and t[1] in _YEAR_WORDS)]
        points, ranges = _points(tokens)
        if is_period and is_yearly:
            raise _Fail
        if is_yearly:
            return _parse_yearly(points, ranges)
        if is_period:
            if not points:
                return Deadline(PERIOD)
            _fill_years(points, year)
            return Deadline(PERIOD, start=points[0].first_day())
        if not points or len(points) > 2:
            raise _Fail
        _fill_years(points, year)
        if len(points) == 1:
            return _as_deadline(points[0], None)
        first, last = points
        start = first.first_day()
        if last.kind == "year" and first.kind != "year":
            raise _Fail
        return _as_deadline(last, start)
    except _Fail:
        raise ValueError(f"не удалось разобрать срок «{raw}»: {_HELP}") from None
    except ValueError as error:
        if str(error).startswith("укажите год"):
            raise ValueError(f"срок «{raw}»: {error}") from None
        raise ValueError(f"срок «{raw}»: {error}; {_HELP}") from None


def deadline_in_period(text, period: Period | None) -> Deadline:
    """deadline_parse(), and for a month written without its year («май») the year in
    which that month falls within the roadmap's period, if there is exactly one."""
    try:
        return deadline_parse(text)
    except ValueError as error:
        if "укажите год" not in str(error) or period is None:
            raise
        fits = []
        for year in range(period.start.year, period.end.year + 1):
            deadline = deadline_parse(text, year=year)
            dues = [due for _year, due in occurrences(deadline, period)]
            if dues and all(period.start <= due <= period.end for due in dues):
                fits.append(deadline)
        if len(fits) == 1:
            return fits[0]
        raise ValueError(
            f"{error}: в периоде дорожной карты {period.start:%d.%m.%Y} – "
            f"{period.end:%d.%m.%Y} этот месяц не один"
        ) from None
