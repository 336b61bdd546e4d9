"""Report periods: a calendar year (1 January – 31 December) or an academic year (from the
first day of the college's start month to the day before it a year later; 1 September –
31 August unless the college says otherwise).

Pure: no database. The college's start month (people.College) is passed in by the caller.
A period is written as its key: «2025» for a calendar year, «2025/2026» for an academic
year — the same text in URLs (?period=2025/2026), in the KPI targets' table, in the
approved reports' journal and on the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DEFAULT_START_MONTH = 9
FIRST_YEAR, LAST_YEAR = 2000, 2100

_CALENDAR = re.compile(r"^(\d{4})$")
_ACADEMIC = re.compile(r"^(\d{4})\s*[/-]\s*(\d{4})$")


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """A calendar year (academic=False) or the academic year that opens in first_year."""

    first_year: int
    academic: bool = False
    start_month: int = DEFAULT_START_MONTH

    def __post_init__(self):
        if not FIRST_YEAR <= self.first_year <= LAST_YEAR:
            raise ValueError(
                f"Год {self.first_year} вне допустимого диапазона {FIRST_YEAR}–{LAST_YEAR}"
            )
        if not 1 <= self.start_month <= 12:
            raise ValueError(f"Месяц начала учебного года — от 1 до 12, а не {self.start_month}")

    # --- constructors ------------------------------------------------------------------

    @classmethod
    def calendar(cls, year: int) -> ReportPeriod:
        return cls(year)

    @classmethod
    def academic_year(cls, first_year: int, start_month: int = DEFAULT_START_MONTH) -> ReportPeriod:
        return cls(first_year, True, start_month)

    @classmethod
    def of_day(
        cls, day: dt.date, *, academic: bool, start_month: int = DEFAULT_START_MONTH
    ) -> ReportPeriod:
        """The period of the kind asked that the day falls in."""
        if not academic:
            return cls(day.year)
        first = day.year if day.month >= start_month else day.year - 1
        return cls(first, True, start_month)

    @classmethod
    def parse(cls, text: object, start_month: int = DEFAULT_START_MONTH) -> ReportPeriod:
        """«2025» or «2025/2026» (also «2025-2026»); ValueError with a Russian message for
        anything else — two years that do not follow each other included."""
        raw = str(text).strip()
        if match := _CALENDAR.match(raw):
            return cls(int(match.group(1)))
        if _ACADEMIC.match(raw):
            return cls.parse_academic(raw, start_month)
        raise ValueError(
            f"«{raw}» — не период отчёта; ожидается год (ГГГГ, например 2025) "
            "или учебный год (ГГГГ/ГГГГ, например 2025/2026)"
        )

    @classmethod
    def parse_academic(cls, text: object, start_month: int = DEFAULT_START_MONTH) -> ReportPeriod:
        """«2025/2026» (also «2025-2026») and nothing else — a calendar year is refused too;
        ValueError with a Russian message. The one rule for reading an academic year."""
        raw = str(text).strip()
        match = _ACADEMIC.match(raw)
        if not match:
            raise ValueError(f"«{raw}» — не учебный год; ожидается ГГГГ/ГГГГ, например 2025/2026")
        first, second = (int(g) for g in match.groups())
        if second != first + 1:
            raise ValueError(f"«{raw}» — не учебный год: второй год должен следовать за первым")
        return cls(first, True, start_month)

    # --- what it is --------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        if not self.academic:
            return dt.date(self.first_year, 1, 1)
        return dt.date(self.first_year, self.start_month, 1)

    @property
    def end(self) -> dt.date:
        if not self.academic:
            return dt.date(self.first_year, 12, 31)
        return dt.date(self.first_year + 1, self.start_month, 1) - dt.timedelta(days=1)

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the period touches (one, or two for an academic year that
        does not open in January)."""
        return tuple(range(self.start.year, self.end.year + 1))

    @property
    def key(self) -> str:
        """«2025» or «2025/2026»: the period's name in URLs, tables and the command line."""
        return f"{self.first_year}/{self.first_year + 1}" if self.academic else str(self.first_year)

    @property
    def label(self) -> str:
        """«2025 год» or «2025/2026 учебный год»."""
        return f"{self.key} {'учебный год' if self.academic else 'год'}"

    @property
    def genitive(self) -> str:
        """«2025 года» or «2025/2026 учебного года»: «итоговые анкеты …»."""
        return f"{self.key} {'учебного года' if self.academic else 'года'}"

    @property
    def in_text(self) -> str:
        """«в 2025 году» or «в 2025/2026 учебном году»."""
        return f"в {self.key} {'учебном году' if self.academic else 'году'}"

    @property
    def kind(self) -> str:
        """«calendar» or «academic»: the kind's code in JSON."""
        return "academic" if self.academic else "calendar"

    @property
    def kind_label(self) -> str:
        return "учебный год" if self.academic else "календарный год"

    def __str__(self) -> str:
        return self.label

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def is_running(self, today: dt.date) -> bool:
        """The period has begun and is not over: its figures are «на дату»."""
        return self.contains(today)

    def is_future(self, today: dt.date) -> bool:
        return today < self.start

    def is_over(self, today: dt.date) -> bool:
        return today > self.end

    def shifted(self, years: int) -> ReportPeriod:
        return ReportPeriod(self.first_year + years, self.academic, self.start_month)

    @property
    def previous(self) -> ReportPeriod:
        return self.shifted(-1)

    @property
    def next(self) -> ReportPeriod:
        return self.shifted(1)


def as_period(value: int | ReportPeriod) -> ReportPeriod:
    """A ReportPeriod as it is, or a calendar year given as an int: for callers that
    still speak of a year."""
    if isinstance(value, ReportPeriod):
        return value
    return ReportPeriod.calendar(int(value))
