"""Achievements of a year by level and result."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from mentorship.pairs.models import Achievement

from ..kpi.counts import PeriodLike, year_bounds


@dataclass(frozen=True)
class AchievementLine:
    level: str
    label: str
    by_result: list[int]
    total: int


@dataclass(frozen=True)
class Achievements:
    results: list[str]  # column labels
    levels: list[AchievementLine]
    total: AchievementLine

    @property
    def has_data(self) -> bool:
        return bool(self.total.total)


# Column heads count people: plural of Achievement.Result's labels.
RESULT_COLUMNS = {
    "winner": "победители",
    "prize": "призёры",
    "laureate": "лауреаты",
    "participant": "участники",
}


def achievements_of_year(year: PeriodLike) -> Achievements:
    """Achievements dated in the report period by level and result. One query."""
    Result = Achievement.Result
    found = {
        row["level"]: row
        for row in Achievement.objects.filter(date__range=year_bounds(year))
        .order_by()
        .values("level")
        .annotate(
            total=Count("pk"),
            **{f"result_{value}": Count("pk", filter=Q(result=value)) for value in Result.values},
        )
    }
    levels = []
    for value, label in Achievement.Level.choices:
        row = found.get(value, {})
        levels.append(
            AchievementLine(
                level=value,
                label=label,
                by_result=[row.get(f"result_{r}", 0) for r in Result.values],
                total=row.get("total", 0),
            )
        )
    return Achievements(
        results=[RESULT_COLUMNS.get(value, label) for value, label in Result.choices],
        levels=levels,
        total=AchievementLine(
            level="",
            label="Всего",
            by_result=[
                sum(line.by_result[i] for line in levels) for i in range(len(Result.values))
            ],
            total=sum(line.total for line in levels),
        ),
    )
