import datetime as dt

import pytest

from mentorship.lib.periods import ReportPeriod


def test_calendar_year_bounds_key_and_label():
    period = ReportPeriod.parse("2025")
    assert (period.start, period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert period.key == "2025"
    assert period.label == "2025 год"
    assert period.years == (2025,)


def test_academic_year_runs_from_the_start_month_to_the_day_before_it():
    period = ReportPeriod.parse("2025/2026")
    assert (period.start, period.end) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    assert period.label == "2025/2026 учебный год"
    assert period.years == (2025, 2026)
    october = ReportPeriod.parse("2025-2026", start_month=10)
    assert (october.start, october.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert october.key == "2025/2026"


def test_the_period_a_day_falls_in():
    assert ReportPeriod.of_day(dt.date(2026, 8, 31), academic=True).key == "2025/2026"
    assert ReportPeriod.of_day(dt.date(2026, 9, 1), academic=True).key == "2026/2027"
    assert ReportPeriod.of_day(dt.date(2026, 9, 1), academic=False).key == "2026"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025/2027", "второй год должен следовать за первым"),
        ("двадцать пятый", "не период отчёта"),
        ("1899", "вне допустимого диапазона"),
    ],
)
def test_bad_periods_are_refused_in_russian(text, message):
    with pytest.raises(ValueError, match=message):
        ReportPeriod.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025", "не учебный год; ожидается ГГГГ/ГГГГ"),
        ("2025/2027", "второй год должен следовать за первым"),
        ("1899/1900", "вне допустимого диапазона"),
    ],
)
def test_an_academic_year_alone_is_read_by_the_same_rule(text, message):
    assert ReportPeriod.parse_academic(" 2025 - 2026 ", start_month=10) == ReportPeriod(
        2025, True, 10
    )
    with pytest.raises(ValueError, match=message):
        ReportPeriod.parse_academic(text)


def test_running_future_over_and_neighbours():
    period = ReportPeriod.academic_year(2025)
    assert period.is_running(dt.date(2026, 1, 10))
    assert period.is_future(dt.date(2025, 8, 31))
    assert period.is_over(dt.date(2026, 9, 1))
    assert (period.previous.key, period.next.key) == ("2024/2025", "2026/2027")
    assert ReportPeriod.parse(period.key).academic and not ReportPeriod.parse("2025").academic
    assert ReportPeriod.calendar(2024) < ReportPeriod.calendar(2025)
