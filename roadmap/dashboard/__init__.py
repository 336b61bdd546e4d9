"""Reads for the director's dashboard and the yearly KPI report: one calendar year of the
programme in aggregate figures.

Every figure is a count or a sum from the database (values().annotate() / aggregate(), a
fixed number of queries whatever the size of the bases); Python only shapes a few dozen
result rows. The definitions are the KPIs' (roadmap/kpi/): a pair «works in the year»
when Pair.objects.active_in(year) says so, its mentees are those who joined it by
31 December, roadmap dates follow schedule/.

Personal data. The director has no people.view_special_categories permission, and neither
page names a person next to a category. Counts per category (ОВЗ, ТЖС, сирота, малоимущая
семья…) are aggregates the programme reports to the Ministry, not data about a person, so
they are shown; no name appears anywhere next to such a count. The only names printed are
those of the roadmap's responsible staff, as the roadmap itself writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mentorship.lib import charts

from .. import selectors
from ..kpi import kpi_series
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
from .participants import CategoryLine, FormLine, Participants, participants_of_year
from .surveys import (
    ChangeCell,
    EntryExit,
    ParameterLine,
    SatisfactionLine,
    entry_exit_of_year,
    satisfaction_of_year,
)
from .years import FIRST_YEAR, LAST_YEAR, programme_years, year_bounds

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
    "participants_of_year",
    "programme_years",
    "roadmap_of_year",
    "satisfaction_of_year",
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


def year_figures(year: int, today: dt.date) -> YearFigures:
    """Fourteen queries, whatever the size of the bases."""
    return YearFigures(
        participants=participants_of_year(year),
        satisfaction=satisfaction_of_year(year),
        entry_exit=entry_exit_of_year(year),
        roadmap=roadmap_of_year(year, today),
        achievements=achievements_of_year(year),
    )


@dataclass(frozen=True)
class Dashboard:
    year: int
    years: list[int]
    today: dt.date
    kpi: list[KpiLine]
    summary: KpiSummary
    chart: charts.YearChart
    series: list[charts.SeriesChart]
    figures: YearFigures
    approvals: list[ReportApproval]  # the year's approved versions, the newest first
    approved_years: frozenset[int]

    @property
    def approval(self) -> ReportApproval | None:
        """The approved version in force: what a download of the year serves."""
        return self.approvals[0] if self.approvals else None

    @property
    def is_finished_year(self) -> bool:
        """Over, so its report may be approved."""
        return self.year < self.today.year

    @property
    def is_running_year(self) -> bool:
        return self.year == self.today.year

    @property
    def is_future_year(self) -> bool:
        return self.year > self.today.year


def dashboard_build(year: int, *, today: dt.date | None = None) -> Dashboard:
    """The dashboard of a year: the indicators with their values across the programme's
    years (kpi_series: 3 queries plus its families' once per year), the year's figures,
    and which years' reports are approved (1 query)."""
    today = today or timezone.localdate()
    approvals = selectors.report_approvals_by_period()
    years = programme_years(today)
    chart_years = sorted({*years, year})
    series = kpi_series(chart_years, today=today)
    position = chart_years.index(year)
    lines = kpi_lines(one.rows[position] for one in series)
    return Dashboard(
        year=year,
        years=years,
        today=today,
        kpi=lines,
        summary=kpi_summary(lines),
        chart=kpi_year_chart(lines),
        series=kpi_series_charts(series, year, today),
        figures=year_figures(year, today),
        approvals=approvals.get(selectors.report_period(year), []),
        # Calendar years only: an academic year's period («2025/2026») is no year here.
        approved_years=frozenset(int(period) for period in approvals if period.isdigit()),
    )
