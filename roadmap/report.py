"""The report on the programme's KPIs («Отчёт о реализации программы наставничества») for a
report period — a calendar year or an academic year (mentorship.lib.periods.ReportPeriod) —
the director's document for the founder and the Ministry.

Built in two steps, like the order drafts: report_data_build(period) reads the database into
a ReportData (a fixed number of aggregate queries, whatever the size of the bases; no HTTP,
no PDF), then report_pdf_render(data) lays it out as an A4 PDF with WeasyPrint through
mentorship.lib.pdf (our fonts, our static files, nothing fetched from outside), or
report_json_render(data) writes the same figures as JSON for other programs (no query of
its own: everything it writes is in the ReportData).

A period with nothing in it is still a report: every section says «нет данных» for it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.text import capfirst

from mentorship.lib import charts
from mentorship.lib.pdf import render_pdf
from mentorship.lib.periods import ReportPeriod, as_period
from mentorship.people.models import College

from .dashboard import (
    CategoryLine,
    FormLine,
    KpiLine,
    KpiSummary,
    Participants,
    YearFigures,
    kpi_lines,
    kpi_summary,
    kpi_year_chart,
    period_status_text,
    year_figures,
)
from .kpi import kpi_series_and_counts
from .models.approvals import report_filename

TEMPLATE = "roadmap/report/report.html"
TITLE = "Отчёт о реализации программы наставничества"
# The title page and the signature print these when the college card leaves them empty.
DIRECTOR_POSITION = "Директор"
CURATOR_POSITION = "Куратор программы наставничества"
JSON_SCHEMA_VERSION = 2


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
    period: ReportPeriod
    today: dt.date  # the day the data was read
    college: CollegeCard
    kpi: list[KpiLine]
    summary: KpiSummary
    chart: charts.YearChart
    figures: YearFigures

    @property
    def title(self) -> str:
        return f"{TITLE} за {self.period.label}"

    @property
    def filename(self) -> str:
        """«… за 2025 год.pdf», «… за 2025-2026 учебный год.pdf»."""
        return report_filename(self.period)

    @property
    def status_text(self) -> str:
        """«Год не завершён: данные на …» while the period runs (dashboard's rule)."""
        return period_status_text(self.period, self.today)

    @property
    def is_finished(self) -> bool:
        return self.period.is_over(self.today)

    @property
    def has_data(self) -> bool:
        """Anything happened in the year: pairs, answers, roadmap dates, achievements, a
        count above zero, an entered value. «0 из 241 обучающихся» alone is a registry
        with nothing done in the year."""
        return self.figures.has_data or any(
            line.row.numerator or (line.row.is_manual and line.row.actual is not None)
            for line in self.kpi
        )


def report_data_build(period: ReportPeriod | int, *, today: dt.date | None = None) -> ReportData:
    """Everything the report prints for a report period (an int: a calendar year): the
    organisation card (1 query), the indicators (roadmap.kpi, at most 9), the period's
    figures (dashboard, 10: its satisfaction is the KPI family's, counted with the
    indicators — as the dashboard takes it — not asked of the database twice)."""
    today = today or timezone.localdate()
    period = as_period(period)
    college = College.get()
    series, counts, fingerprint = kpi_series_and_counts([period], today=today)
    lines = kpi_lines([one.rows[0] for one in series])
    return ReportData(
        period=period,
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
        figures=year_figures(period, today, kpi_counts=counts[period], fingerprint=fingerprint),
    )


def report_pdf_render(data: ReportData) -> bytes:
    """The report as A4 PDF bytes."""
    return render_pdf(TEMPLATE, {"report": data, "figures": data.figures})


# --- JSON ----------------------------------------------------------------------------------


def report_json_render(data: ReportData) -> bytes:
    """The report's figures as UTF-8 JSON (indented by 2, Cyrillic as it is), for a scheduled
    job or another program. Version 2 of the layout, keys in this order:

    - schema_version — 2; a key renamed or removed makes it 3, a key added does not.
      What changed from 1: a report is of a period, a calendar or an academic year —
      period gained key («2025» or «2025/2026», as in ?period= and kpi_report) and kind
      («calendar» or «academic»); year is null for an academic year; year_finished is
      renamed period_finished;
    - title, year (the calendar year; null for an academic year), period {key, kind, start,
      end} — dates YYYY-MM-DD, both days included;
    - generated_on — the day the data was read (the PDF's «данные на»); period_finished —
      false while the period runs (the figures are «на дату», not the period's result);
      has_data — false for a period with nothing in it (the PDF's «нет данных»);
    - college {full_name, short_name, city} and signatories [{position, name}] — the
      director and the curator, as the title page and the signature print them (null where
      the PDF leaves a line to fill in by hand); no other person is named;
    - indicators_summary {total, with_target, met, no_data, no_regional_denominator} —
      section 1's lead line (no_regional_denominator added within version 2);
    - indicators — section 1, a row each: number (the table's №), code (the computation,
      «manual» for an entered one), name (the college's wording), unit, formula, target,
      value (the actual; null is «нет данных»), numerator, denominator, note (what a value
      without counts rests on, e.g. satisfaction's respondents), status {code, label}:
      met «выполнен», not_met «не выполнен», no_data «нет данных», no_regional_denominator
      «нет регионального знаменателя» (a regional share whose denominator was not entered:
      value and denominator null, numerator as counted), no_target «цель не задана»;
    - participants — section 3: has_data; by_form [{form, pairs_by_status {status label:
      pairs}, pairs, mentors, mentees}] and total (pairs summed, each person counted once),
      pairs of the year with today's status (3.1); by_kind [{category, mentees, mentors,
      participants}] — only the kinds with participants, as the PDF lists them — and
      by_kind_total, then special_categories, every category, zeros too (3.2).

    Sections 2 (a chart of section 1's numbers) and 4–7 are not in version 2.

    Numbers are JSON numbers rounded as the report prints them (half up, at most two
    decimals: lib.numbers.number_text), so the file says what the PDF says; whole values
    are integers. Keys keep the order the PDF reads in rather than an alphabetical one: a
    status's pairs follow the table's columns.
    """
    college = data.college
    period = data.period
    payload = {
        "schema_version": JSON_SCHEMA_VERSION,
        "title": data.title,
        "year": None if period.academic else period.first_year,
        "period": {
            "key": period.key,
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "generated_on": data.today.isoformat(),
        "period_finished": data.is_finished,
        "has_data": data.has_data,
        "college": {
            "full_name": college.full_name,
            "short_name": college.short_name or None,
            "city": college.city or None,
        },
        "signatories": [
            {
                "position": college.director_position or DIRECTOR_POSITION,
                "name": college.director_name or None,
            },
            {"position": CURATOR_POSITION, "name": college.curator_name or None},
        ],
        "indicators_summary": {
            "total": data.summary.total,
            "with_target": data.summary.with_target,
            "met": data.summary.met,
            "no_data": data.summary.no_data,
            "no_regional_denominator": data.summary.no_regional_denominator,
        },
        "indicators": [_indicator_json(line) for line in data.kpi],
        "participants": _participants_json(data.figures.participants),
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return (text + "\n").encode()


def _number(value) -> int | float | None:
    """A count stays an int; a Decimal is rounded as number_text prints it. Its float is
    then exact enough: at most two decimals and well under 15 significant digits, so the
    float's shortest text is that same decimal (33.3, not 33.299999…)."""
    if value is None or isinstance(value, int):
        return value
    shown = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(shown) if shown == shown.to_integral_value() else float(shown)


def _indicator_json(line: KpiLine) -> dict:
    row = line.row
    return {
        "number": line.number,
        "code": row.computation,
        "name": line.name,
        "unit": line.unit,
        "formula": line.formula,
        "target": _number(row.target),
        "value": _number(row.actual),
        "numerator": _number(row.numerator),
        "denominator": _number(row.denominator),
        "note": row.note or None,
        "status": {"code": line.status, "label": line.status_label},
    }


def _pairs_json(line: FormLine, statuses: list[str]) -> dict:
    return {
        "pairs_by_status": dict(zip(statuses, line.pairs_by_status, strict=True)),
        "pairs": line.pairs,
        "mentors": line.mentors,
        "mentees": line.mentees,
    }


def _category_json(line: CategoryLine, label: str) -> dict:
    return {
        "category": label,
        "mentees": line.mentees,
        "mentors": line.mentors,
        "participants": line.participants,
    }


def _participants_json(participants: Participants) -> dict:
    statuses = participants.statuses
    return {
        "has_data": participants.has_data,
        "by_form": [
            {"form": line.name, **_pairs_json(line, statuses)} for line in participants.forms
        ],
        "total": _pairs_json(participants.total, statuses),
        "by_kind": [
            _category_json(line, capfirst(line.label))
            for line in participants.kinds
            if line.participants
        ],
        "by_kind_total": {
            "mentees": participants.total.mentees,
            "mentors": participants.total.mentors,
            "participants": participants.participants,
        },
        "special_categories": [
            _category_json(line, line.label) for line in participants.categories
        ],
    }
