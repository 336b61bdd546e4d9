"""Which report periods the dashboard and the report offer: calendar years and academic
years (mentorship.lib.periods.ReportPeriod)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.db.models.functions import Coalesce

from mentorship.lib.periods import FIRST_YEAR, LAST_YEAR, ReportPeriod
from mentorship.pairs.models import Pair
from mentorship.surveys.models import Response

from ..models import IndicatorTarget, Roadmap

# --- which years -----------------------------------------------------------------------------


def programme_years(today: dt.date) -> list[int]:
    """The years a director may choose: from the first to the last year of any roadmap's
    period, of any pair, of any indicator target and of any survey answer, and always the
    current year. Four aggregate queries."""
    firsts, lasts = [today.year], [today.year]
    roadmaps = Roadmap.objects.aggregate(first=Min("start_date"), last=Max("end_date"))
    pairs = Pair.objects.aggregate(
        first=Min("start_date"), last=Max(Coalesce("end_date", "start_date"))
    )
    # Period keys: «2025» or «2025/2026» — the first four digits open it, the last four
    # close it.
    keys = IndicatorTarget.objects.aggregate(first=Min("period"), last=Max("period"))
    targets = {
        "first": int(keys["first"][:4]) if keys["first"] else None,
        "last": int(keys["last"][-4:]) if keys["last"] else None,
    }
    answers = Response.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    for found in (roadmaps, pairs, targets, answers):
        for key, bucket in (("first", firsts), ("last", lasts)):
            value = found[key]
            if value is not None:
                bucket.append(value if isinstance(value, int) else value.year)
    first = max(min(firsts), FIRST_YEAR)
    last = min(max(lasts), LAST_YEAR)
    return list(range(first, last + 1))


def programme_periods(
    years: list[int], *, academic: bool, start_month: int
) -> list[ReportPeriod]:
    """The periods of one kind over the programme's years (programme_years): the calendar
    years themselves, or every academic year that overlaps them."""
    if not academic:
        return [ReportPeriod.calendar(year) for year in years]
    first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    found = []
    for year in range(max(years[0] - 1, FIRST_YEAR), min(years[-1], LAST_YEAR - 1) + 1):
        period = ReportPeriod.academic_year(year, start_month)
        if period.end >= first and period.start <= last:
            found.append(period)
    return found
