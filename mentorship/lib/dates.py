"""Date helpers: ages, whole years back and forth, the academic year, working days, and the
ways Russians write dates."""

import datetime as dt
import re

from mentorship.lib.periods import ReportPeriod

_RU_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Excel counts days from 30.12.1899 (with the 1900 leap-year bug already folded in).
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years of a person born on birth_date, on the given day."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` years earlier; 29 February becomes 28 February in a common year
    (so someone born then comes of age on 28 February, not on 1 March)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_after(day: dt.date, years: int) -> dt.date:
    return years_before(day, -years)


# The academic year runs from 1 September to 30 June; July and August are the holidays
# between two years.
ACADEMIC_YEAR_START = (9, 1)  # (month, day)
ACADEMIC_YEAR_END = (6, 30)


def academic_year_first_day(year: int) -> dt.date:
    """1 September of `year`: the first day of the academic year year/year + 1."""
    return dt.date(year, *ACADEMIC_YEAR_START)


def academic_year_start(day: dt.date) -> dt.date:
    """1 September that opened the academic year the day falls in (July and August belong
    to the year that has just ended)."""
    start = academic_year_first_day(day.year)
    return start if day >= start else academic_year_first_day(day.year - 1)


def academic_year_end(day: dt.date) -> dt.date:
    """30 June that ends the academic year the day falls in (after it: next year's)."""
    end = dt.date(day.year, *ACADEMIC_YEAR_END)
    return end if day < end else dt.date(day.year + 1, *ACADEMIC_YEAR_END)


def academic_year_of(day: dt.date) -> int:
    """The first calendar year of the academic year the day falls in: 2026 for 15.07.2027's
    2026/2027 (July and August close the year that has just ended)."""
    return academic_year_start(day).year


def academic_year_label(first_year: int) -> str:
    """«2027/2028» for the academic year that opens on 1 September 2027."""
    return f"{first_year}/{first_year + 1}"


def academic_year_parse(text: str) -> int:
    """The first calendar year of «2027/2028» (also «2027-2028»); raises ValueError with a
    Russian message for anything else, two years that do not follow each other included.
    The rule is ReportPeriod.parse_academic's: the report periods read years the same way."""
    return ReportPeriod.parse_academic(text).first_year


def college_workday(day: dt.date) -> dt.date:
    """The day itself or the next one on which the college works with its learners: no
    Sundays, no winter holidays (29 December – 11 January), nothing in July and August."""
    if (day.month, day.day) >= (12, 29):
        day = dt.date(day.year + 1, 1, 12)
    elif day.month == 1 and day.day < 12:
        day = dt.date(day.year, 1, 12)
    elif day.month in (7, 8):
        day = dt.date(day.year, 9, 8)
    if day.weekday() == 6:
        day += dt.timedelta(days=1)
    return day


def weekday_on_or_before(day: dt.date) -> dt.date:
    """Saturday and Sunday move back to Friday: offices sign papers on weekdays."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def parse_date(value: object) -> dt.date | None:
    """Parse ДД.ММ.ГГГГ, ГГГГ-ММ-ДД, an Excel serial number, a date or a datetime.

    Returns None for an empty value; raises ValueError (Russian message) for anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError("ожидается дата в виде ДД.ММ.ГГГГ")
    if isinstance(value, int | float):
        if not 1 <= value < 2958466:
            raise ValueError("ожидается дата в виде ДД.ММ.ГГГГ")
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value).replace("\xa0", " ").strip()
    if not text:
        return None
    if text.isdigit() and 4 < len(text) < 7:
        return parse_date(int(text))
    match = _RU_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000 if year <= dt.date.today().year % 100 else 1900
    else:
        match = _ISO_DATE.match(text.split(" ")[0])
        if not match:
            raise ValueError(f"«{text}» — не дата; ожидается ДД.ММ.ГГГГ")
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"даты «{text}» не существует") from None
