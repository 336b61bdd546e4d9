"""The yearly report on the programme's KPIs («Отчёт о реализации программы наставничества»),
the director's document for the founder and the Ministry.

Built in two steps, like the order drafts: report_data_build(year) reads the database into
a ReportData (a fixed number of aggregate queries, whatever the size of the bases; no HTTP,
no PDF), then report_pdf_render(data) lays it out as an A4 PDF with WeasyPrint through
mentorship.lib.pdf (our fonts, our static files, nothing fetched from outside).

A year with nothing in it is still a report: every section says «нет данных» for that year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mentorship.lib import charts
from mentorship.lib.pdf import render_pdf
from mentorship.people.models import College

from .dashboard import (
    KpiLine,
    KpiSummary,
    YearFigures,
    kpi_lines,
    kpi_summary,
    kpi_year_chart,
    year_figures,
)
from .kpi import kpi_values_for_year

TEMPLATE = "roadmap/report/report.html"
TITLE = "Отчёт о реализации программы наставничества"


@dataclass(frozen=True)
class CollegeCard:
    full_name: str
    short_name: str
    city: str
    director_position: str
    director_name: str
    curator_name: str


@dataclass(frozen=True)
class ReportData:
    year: int
    today: dt.date  # the day the data was read
    college: CollegeCard
    kpi: list[KpiLine]
    summary: KpiSummary
    chart: charts.YearChart
    figures: YearFigures

    @property
    def title(self) -> str:
        return f"{TITLE} за {self.year} год"

    @property
    def filename(self) -> str:
        return f"Отчёт по наставничеству за {self.year} год.pdf"

    @property
    def is_running_year(self) -> bool:
        """The year is not over: the figures are «на дату», not final."""
        return self.today.year == self.year

    @property
    def is_future_year(self) -> bool:
        return self.year > self.today.year

    @property
    def has_data(self) -> bool:
        """Anything happened in the year: pairs, answers, roadmap dates, achievements, a
        count above zero, an entered value. «0 из 241 обучающихся» alone is a registry
        with nothing done in the year."""
        return self.figures.has_data or any(
            line.row.numerator or (line.row.is_manual and line.row.actual is not None)
            for line in self.kpi
        )


def report_data_build(year: int, *, today: dt.date | None = None) -> ReportData:
    """Everything the report prints for a calendar year: the organisation card (1 query),
    the indicators (roadmap.kpi, at most 10), the year's figures (dashboard, 14)."""
    today = today or timezone.localdate()
    college = College.get()
    lines = kpi_lines(kpi_values_for_year(year, today=today))
    return ReportData(
        year=year,
        today=today,
        college=CollegeCard(
            full_name=college.full_name,
            short_name=college.short_name,
            city=college.city,
            director_position=college.director_position,
            director_name=college.director_name,
            curator_name=college.curator_name,
        ),
        kpi=lines,
        summary=kpi_summary(lines),
        chart=kpi_year_chart(lines),
        figures=year_figures(year, today),
    )


def report_pdf_render(data: ReportData) -> bytes:
    """The report as A4 PDF bytes."""
    return render_pdf(TEMPLATE, {"report": data, "figures": data.figures})
