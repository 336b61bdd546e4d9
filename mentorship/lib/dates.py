"""Date helpers: ages and the ways Russians write dates."""

import datetime as dt
import re

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
