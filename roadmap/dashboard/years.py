"""Which calendar years the dashboard and the report offer."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.db.models.functions import Coalesce

from mentorship.pairs.models import Pair
from mentorship.surveys.models import Response

from ..models import IndicatorTarget, Roadmap

FIRST_YEAR, LAST_YEAR = 2000, 2100


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


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
    targets = IndicatorTarget.objects.aggregate(first=Min("year"), last=Max("year"))
    answers = Response.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    for found in (roadmaps, pairs, targets, answers):
        for key, bucket in (("first", firsts), ("last", lasts)):
            value = found[key]
            if value is not None:
                bucket.append(value if isinstance(value, int) else value.year)
    first = max(min(firsts), FIRST_YEAR)
    last = min(max(lasts), LAST_YEAR)
    return list(range(first, last + 1))
