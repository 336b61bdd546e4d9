"""The date helpers shared by the apps, the demo and the bench: whole years, the academic
year, working days. Pure functions: no database."""

import datetime as dt

import pytest

from mentorship.lib.dates import (
    academic_year_end,
    academic_year_first_day,
    academic_year_label,
    academic_year_of,
    academic_year_parse,
    academic_year_start,
    college_workday,
    weekday_on_or_before,
    years_after,
    years_before,
)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2026, 12, 6), 18, dt.date(2008, 12, 6)),
        # No 29 February in 2006: the day before 1 March, so one comes of age on 28 February.
        (dt.date(2024, 2, 29), 18, dt.date(2006, 2, 28)),
        (dt.date(2024, 2, 29), 4, dt.date(2020, 2, 29)),
        (dt.date(2025, 3, 1), 1, dt.date(2024, 3, 1)),
    ],
)
def test_years_before(day, years, expected):
    assert years_before(day, years) == expected


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2008, 12, 6), 18, dt.date(2026, 12, 6)),
        (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), -4, dt.date(2020, 2, 29)),
    ],
)
def test_years_after(day, years, expected):
    assert years_after(day, years) == expected


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (dt.date(2025, 9, 1), dt.date(2025, 9, 1)),
        (dt.date(2025, 12, 31), dt.date(2025, 9, 1)),
        (dt.date(2026, 1, 1), dt.date(2025, 9, 1)),
        (dt.date(2026, 6, 30), dt.date(2025, 9, 1)),
        # The summer holidays belong to the year that has just ended.
        (dt.date(2026, 8, 31), dt.date(2025, 9, 1)),
    ],
)
def test_academic_year_start(day, start):
    assert academic_year_start(day) == start


def test_academic_year_first_day_is_1_september():
    assert academic_year_first_day(2025) == dt.date(2025, 9, 1)


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (dt.date(2025, 9, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 6, 29), dt.date(2026, 6, 30)),
        # On 30 June itself and in the summer: the end of the year being prepared.
        (dt.date(2026, 6, 30), dt.date(2027, 6, 30)),
        (dt.date(2026, 8, 15), dt.date(2027, 6, 30)),
    ],
)
def test_academic_year_end(day, end):
    assert academic_year_end(day) == end


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (dt.date(2025, 10, 15), dt.date(2025, 10, 15)),  # a Wednesday
        (dt.date(2025, 10, 19), dt.date(2025, 10, 20)),  # Sunday → Monday
        (dt.date(2025, 10, 18), dt.date(2025, 10, 18)),  # Saturday classes are held
        (dt.date(2025, 12, 29), dt.date(2026, 1, 12)),  # winter holidays
        (dt.date(2026, 1, 5), dt.date(2026, 1, 12)),
        (dt.date(2026, 7, 20), dt.date(2026, 9, 8)),  # summer
        (dt.date(2024, 8, 1), dt.date(2024, 9, 9)),  # 8 September 2024 is a Sunday
    ],
)
def test_college_workday(day, workday):
    assert college_workday(day) == workday


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (dt.date(2025, 10, 17), dt.date(2025, 10, 17)),  # Friday
        (dt.date(2025, 10, 18), dt.date(2025, 10, 17)),  # Saturday → Friday
        (dt.date(2025, 10, 19), dt.date(2025, 10, 17)),  # Sunday → Friday
        (dt.date(2025, 10, 20), dt.date(2025, 10, 20)),  # Monday
    ],
)
def test_weekday_on_or_before(day, weekday):
    assert weekday_on_or_before(day) == weekday


@pytest.mark.parametrize(
    "day, first_year",
    [
        (dt.date(2027, 9, 1), 2027),
        (dt.date(2027, 8, 31), 2026),  # the holidays close the year that has ended
        (dt.date(2027, 7, 1), 2026),
        (dt.date(2027, 1, 15), 2026),
        (dt.date(2026, 12, 31), 2026),
    ],
)
def test_academic_year_of_names_the_year_the_day_belongs_to(day, first_year):
    assert academic_year_of(day) == first_year


def test_academic_year_label():
    assert academic_year_label(2027) == "2027/2028"


@pytest.mark.parametrize(
    "text, first_year",
    [("2027/2028", 2027), (" 2027 / 2028 ", 2027), ("2027-2028", 2027)],
)
def test_academic_year_parse_reads_the_ways_it_is_written(text, first_year):
    assert academic_year_parse(text) == first_year


@pytest.mark.parametrize(
    "text, message",
    [
        ("2027", "ожидается ГГГГ/ГГГГ"),
        ("2027/2029", "второй год должен следовать за первым"),
        ("27/28", "ожидается ГГГГ/ГГГГ"),
        ("", "ожидается ГГГГ/ГГГГ"),
        ("1899/1900", "вне допустимого диапазона"),
    ],
)
def test_academic_year_parse_refuses_other_text(text, message):
    with pytest.raises(ValueError, match=message):
        academic_year_parse(text)
