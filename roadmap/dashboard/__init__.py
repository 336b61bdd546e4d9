"""Reads for the director's dashboard and the KPI report: one report period of the programme
— a calendar year or an academic year (mentorship.lib.periods.ReportPeriod) — in aggregate
figures.

Every figure is a count or a sum from the database (values().annotate() / aggregate(), a
fixed number of queries whatever the size of the bases); Python only shapes a few dozen
result rows. The definitions are the KPIs' (roadmap/kpi/): a pair «works in the year»
when Pair.objects.active_between(period.start, period.end) says so, its mentees are those
who joined it by the period's last day, roadmap dates follow schedule/.

Personal data. The director has no people.view_special_categories permission, and neither
page names a person next to a category. Counts per category (ОВЗ, ТЖС, сирота, малоимущая
семья…) are aggregates the programme reports to the Ministry, not data about a person, so
they are shown; no name appears anywhere next to such a count. The only names printed are
those of the roadmap's responsible staff, as the roadmap itself writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from mentorship.lib import charts
from mentorship.lib.periods import FIRST_YEAR, LAST_YEAR, ReportPeriod, as_period
from mentorship.surveys.kept import Fingerprint
from mentorship.surveys.results import SATISFACTION_ROLES

from .. import selectors
from ..kpi import kpi_series_and_counts
from ..kpi.counts import PeriodLike, year_bounds
from ..models import ReportApproval
from .achievements import AchievementLine, Achievements, achievements_of_year
from .execution import OverdueLine, RoadmapExecution, StageLine, roadmap_of_year
from .indicators import (
    STATUS_LABELS,
    STATUS_NO_TARGET,
    KpiLine,
    KpiSummary,
    kpi_lines,
    kpi_series_charts,
    kpi_summary,
    kpi_year_chart,
)
from .participants import (
    CategoryLine,
    FormLine,
    Participants,
    pairs_of_period,
    participants_of_year,
    status_at_end,
)
from .surveys import (
    ChangeCell,
    EntryExit,
    ParameterLine,
    SatisfactionLine,
    entry_exit_of_year,
    satisfaction_of_year,
)
from .years import programme_periods, programme_years

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "STATUS_LABELS",
    "STATUS_NO_TARGET",
    "AchievementLine",
    "Achievements",
    "CategoryLine",
    "ChangeCell",
    "Dashboard",
    "EntryExit",
    "FormLine",
    "KpiLine",
    "KpiSummary",
    "OverdueLine",
    "ParameterLine",
    "Participants",
    "RoadmapExecution",
    "SatisfactionLine",
    "StageLine",
    "YearFigures",
    "achievements_of_year",
    "dashboard_build",
    "entry_exit_of_year",
    "kpi_lines",
    "kpi_series_charts",
    "kpi_summary",
    "kpi_year_chart",
    "pairs_of_period",
    "participants_of_year",
    "period_status_text",
    "programme_periods",
    "programme_years",
    "roadmap_of_year",
    "satisfaction_of_year",
    "status_at_end",
    "year_bounds",
    "year_figures",
]


@dataclass(frozen=True)
class YearFigures:
    """Everything but the indicators: what the dashboard and the report show beside them."""

    participants: Participants
    satisfaction: list[SatisfactionLine]
    entry_exit: EntryExit
    roadmap: RoadmapExecution
    achievements: Achievements

    @property
    def has_data(self) -> bool:
        return (
            self.participants.has_data
            or any(line.value.has_data for line in self.satisfaction)
            or self.entry_exit.has_data
            or self.roadmap.has_data
            or self.achievements.has_data
        )


def period_status_text(period: ReportPeriod, today: dt.date) -> str:
    """What the dashboard and the report say of a period that is not over: its figures are
    «на дату», not its result. Empty for a period that is over."""
    noun, genitive = ("Учебный год", "учебного года") if period.academic else ("Год", "года")
    if period.is_future(today):
        return (
            f"{noun} ещё не начался: значения рассчитаны по данным на {today:%d.%m.%Y} и не "
            f"являются итогом {genitive}."
        )
    if period.is_running(today):
        return f"{noun} не завершён: данные на {today:%d.%m.%Y}."
    return ""


def year_figures(
    year: PeriodLike,
    today: dt.date,
    *,
    kpi_counts: Mapping[str, Mapping] | None = None,
    fingerprint: Fingerprint | None = None,
) -> YearFigures:
    """The figures of a report period (an int: a calendar year). Eleven queries, whatever
    the size of the bases; ten when kpi_counts — the KPI families' counts of the same
    period (kpi_series_and_counts) — already hold its satisfaction; seven fewer when its
    participants and entry/exit panels are kept under the data's fingerprint read with those
    counts (kpi/kept.py)."""
    satisfaction = (kpi_counts or {}).get("satisfaction")
    found = None
    if satisfaction is not None:
        found = {role: satisfaction[f"{role}_satisfaction"] for role in SATISFACTION_ROLES}
    return YearFigures(
        participants=participants_of_year(year, fingerprint=fingerprint),
        satisfaction=satisfaction_of_year(year, found),
        entry_exit=entry_exit_of_year(year, fingerprint=fingerprint),
        roadmap=roadmap_of_year(year, today),
        achievements=achievements_of_year(year),
    )


@dataclass(frozen=True)
class Dashboard:
    period: ReportPeriod
    years: list[int]  # the programme's calendar years
    today: dt.date
    kpi: list[KpiLine]
    summary: KpiSummary
    chart: charts.YearChart
    series: list[charts.SeriesChart]
    figures: YearFigures
    approvals: list[ReportApproval]  # the period's approved versions, the newest first
    approved_keys: frozenset[str]  # the periods («2025», «2025/2026») with an approved report
    calendar_periods: list[ReportPeriod] = field(default_factory=list)
    academic_periods: list[ReportPeriod] = field(default_factory=list)

    @property
    def period_choices(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """The selector's groups: (group label, [(key, label, selected)]) — calendar years,
        then academic years; the chosen period is always offered."""
        groups = []
        for label, academic, periods in (
            ("Календарные годы", False, self.calendar_periods),
            ("Учебные годы", True, self.academic_periods),
        ):
            if self.period.academic == academic and self.period not in periods:
                periods = sorted([*periods, self.period])
            options = []
            for period in periods:
                text = period.label + (" — утверждён" if period.key in self.approved_keys else "")
                options.append((period.key, text, period == self.period))
            groups.append((label, options))
        return groups

    @property
    def approval(self) -> ReportApproval | None:
        """The approved version in force: what a download of the period serves."""
        return self.approvals[0] if self.approvals else None

    @property
    def is_finished_year(self) -> bool:
        """Over, so its report may be approved."""
        return self.period.is_over(self.today)

    @property
    def status_text(self) -> str:
        return period_status_text(self.period, self.today)


def dashboard_build(
    period: PeriodLike, *, today: dt.date | None = None, start_month: int | None = None
) -> Dashboard:
    """The dashboard of a report period (an int: a calendar year): the indicators with their
    values across the programme's periods of the same kind (kpi_series_and_counts: 3 queries,
    the roadmap's 2 and satisfaction's 1 for all the periods at once, and the other
    families' once per period, only on the first request after a change to the data that
    they read: kpi/kept.py), the period's
    figures (its satisfaction taken from those counts, not asked again), and which
    periods' reports are approved (1 query).
    start_month — the college's (people.College), for the academic years offered; read
    from the period when it is academic, else September."""
    today = today or timezone.localdate()
    period = as_period(period)
    if start_month is None:
        start_month = period.start_month
    approvals = selectors.report_approvals_by_period()
    years = programme_years(today)
    calendar = programme_periods(years, academic=False, start_month=start_month)
    academic = programme_periods(years, academic=True, start_month=start_month)
    chart_periods = sorted({*(academic if period.academic else calendar), period})
    series, counts, fingerprint = kpi_series_and_counts(chart_periods, today=today)
    position = chart_periods.index(period)
    lines = kpi_lines(one.rows[position] for one in series)
    return Dashboard(
        period=period,
        years=years,
        today=today,
        kpi=lines,
        summary=kpi_summary(lines),
        chart=kpi_year_chart(lines),
        series=kpi_series_charts(series, period, today),
        figures=year_figures(period, today, kpi_counts=counts[period], fingerprint=fingerprint),
        approvals=approvals.get(period.key, []),
        approved_keys=frozenset(approvals),
        calendar_periods=calendar,
        academic_periods=academic,
    )
