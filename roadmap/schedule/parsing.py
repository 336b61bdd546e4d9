"""Reading a deadline a college's roadmap or the curator wrote into a Deadline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mentorship.lib.dates import parse_date

from .dates import occurrences
from .text import _MONTH_WORDS, MONTHS, NONE_TEXT, deadline_text, deadline_wording
from .values import DATE, MONTH, NONE, PERIOD, YEARLY, Deadline, Period, month_end

_HELP = (
    "пишите дату (15.10.2022), месяц (октябрь 2022), «ежегодно: май, сентябрь», «весь период» "
    "или «без фиксированного срока»"
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
    "весь", "всего", "всем", "период", "периода", "реализации", "программы", "далее",
    "затем", "постоянно", "всех", "этапов", "этапа",
}  # fmt: skip
# «по мере необходимости», «при необходимости»: never due; a date written beside it
# («ноябрь 2020, ежегодно по мере необходимости») is the one due date.
_AS_NEEDED = re.compile(r"\b(по\s+мере|при)\s+необходимости")
_NO_DEADLINE = re.compile(r"^(без\s+(фиксированного\s+)?срока|бессрочно)$")
# «с сентября 2022 ежегодно: май»: the date is where the yearly duty starts, not a due date.
_SINCE = re.compile(r"^\s*(с|со)\s")
# A recurrence whose wording could not be read — one the schedule cannot hold
# («ежеквартально»), or a yearly one with a month it cannot read («ежегодно: сентяборь»):
# refused rather than read as «без срока», which would drop the duty without a word.
_RECURRENCE = re.compile(r"квартал|ежемесячн|еженедел|ежедневн|полугод|кажд|ежегодн")
_PERIOD = re.compile(r"\b(весь|всего|всем)\s+(период|срок)|\bпостоянно\b|\bвсех\s+этапов\b")
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


def _parse_yearly(points: list[_Point], ranges, since: bool = False) -> Deadline:
    """Groups (comma-separated parts) that name a year are a one-off due date and the start
    («сентябрь 2020, январь-февраль ежегодно»: due in September 2020, then every February);
    after «с» («с сентября 2022 ежегодно: май») only the start. Months without a year are
    the months of every year."""
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
    start = once = None
    if dated:
        _fill_years(dated, None)
        start = dated[0].first_day()
        last = dated[-1]
        if not since:
            once = last.day if last.kind == "date" else month_end(last.first_day())
    return Deadline(YEARLY, months=tuple(months), start=start, once=once)


def deadline_parse(text, *, year: int | None = None) -> Deadline:
    """Read a deadline written the way colleges' roadmaps and curators write it (see the
    module doc).

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
    if _NO_DEADLINE.match(s.strip(" .")):
        return Deadline(NONE)
    as_needed = bool(_AS_NEEDED.search(s))
    s = _AS_NEEDED.sub(" ", s)
    is_period = bool(_PERIOD.search(s))
    is_yearly = not as_needed and ("ежегодн" in s or "каждый год" in s or "каждого года" in s)
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
        if as_needed and not points:
            return Deadline(NONE)
        if is_yearly:
            return _parse_yearly(points, ranges, since=bool(_SINCE.match(s)))
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
        if fits and "ежегодн" not in str(text).lower():
            # «сентябрь» in a roadmap of several years: every year of it.
            return deadline_parse(f"{text}, ежегодно")
        raise ValueError(
            f"{error}: в периоде дорожной карты {period.start:%d.%m.%Y} – "
            f"{period.end:%d.%m.%Y} этого месяца нет"
        ) from None


def deadline_read(text, period: Period | None) -> tuple[Deadline, str]:
    """An import's reading of a roadmap's «Срок»: deadline_in_period(), and a note for the
    preview when the reading is not literal. Wording with no date in it that names no
    recurrence («В течение первого месяца реализации программы», «по итогам») and an empty
    cell are «без фиксированного срока» (never overdue); a month without a year that falls
    into several years of the roadmap is read as every year. A bad date, or a recurrence that
    could not be read («ежеквартально», «ежегодно: сентяборь»), still raises ValueError."""
    raw = deadline_wording(text)
    if not raw:
        return Deadline(NONE), f"срок не указан — мероприятие {NONE_TEXT}, просроченным не бывает"
    try:
        deadline = deadline_in_period(text, period)
    except ValueError:
        words = raw.lower()
        if re.search(r"\d", words) or _RECURRENCE.search(words):
            raise
        return Deadline(NONE), (
            f"срок «{raw}» не содержит дат — мероприятие {NONE_TEXT}, просроченным не бывает"
        )
    note = ""
    if _AS_NEEDED.search(raw.lower()) and deadline.kind != NONE:
        note = (
            f"срок «{raw}» прочитан как «{deadline_text(deadline)}»; «по мере необходимости» — "
            f"{NONE_TEXT}, просроченным не бывает"
        )
    elif deadline.kind == NONE:
        note = f"срок «{raw}» — {NONE_TEXT}, просроченным не бывает"
    elif deadline.kind == YEARLY and "ежегодн" not in raw.lower() and "кажд" not in raw.lower():
        note = (
            f"срок «{raw}» без года прочитан как «{deadline_text(deadline)}» — в каждом году "
            "дорожной карты"
        )
    return deadline, note
