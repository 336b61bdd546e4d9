"""The report period a package is asked for, read the way the report reads it."""

from mentorship.lib.periods import ReportPeriod
from mentorship.people.selectors import report_period_parse
from roadmap.dashboard import FIRST_YEAR, LAST_YEAR


def package_period(text: str) -> ReportPeriod:
    """«2025» or «2025/2026» (the college's academic start month: one query), within the
    years the report keeps; ValueError with a Russian message otherwise."""
    raw = str(text).strip()
    if not raw:
        raise ValueError(
            "Укажите отчётный период: год (например 2025) или учебный год (например 2025/2026)."
        )
    period = report_period_parse(raw)
    if not FIRST_YEAR <= period.first_year < LAST_YEAR:
        raise ValueError(
            f"Отчёты ведутся за {FIRST_YEAR}–{LAST_YEAR - 1} годы: выберите период в этих пределах."
        )
    return period
