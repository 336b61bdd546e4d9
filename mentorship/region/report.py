"""The regional report for a period: the centre and its region, the region's indicators, the
colleges × their indicators, who did not send a package, the regional denominators used and
where they come from, and the day it was made.

One builder (region_report_build: the dashboard's reads, region_dashboard_build, and the
centre's card) for both forms, so the screen, the PDF and the workbook say the same thing:
region_report_pdf (A4 landscape, WeasyPrint through mentorship.lib.pdf — our fonts, nothing
fetched from outside) and region_report_xlsx (mentorship.lib.xlsx.write_xlsx: every string a
text cell). The view region:report and the command region_report both call them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mentorship.lib.pdf import render_pdf
from mentorship.lib.xlsx import Sheet, write_xlsx

from .indicators import RegionDashboard, region_dashboard_build
from .models import RegionalCentre

TEMPLATE = "region/report.html"
TITLE = "Отчёт регионального наставнического центра"
FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class RegionReport:
    centre_name: str
    centre_region: str
    made_at: dt.datetime  # local time
    dash: RegionDashboard

    @property
    def period(self):
        return self.dash.period

    @property
    def title(self) -> str:
        return f"{TITLE} за {self.period.label}"

    def filename(self, extension: str) -> str:
        """«Отчёт РНЦ за 2025 год.pdf», «Отчёт РНЦ за 2025-2026 учебный год.xlsx»."""
        return f"Отчёт РНЦ за {self.period.label.replace('/', '-')}.{extension}"


def region_report_build(raw_period: object = None, *, today: dt.date | None = None) -> RegionReport:
    """The report's data: the dashboard's reads (a fixed number of queries) and the centre's
    card (1). ValueError (Russian) for a bad period key."""
    dash = region_dashboard_build(raw_period, today=today)
    centre = RegionalCentre.get()
    return RegionReport(
        centre_name=centre.name,
        centre_region=centre.region,
        made_at=timezone.localtime(),
        dash=dash,
    )


def region_report_pdf(report: RegionReport) -> bytes:
    return render_pdf(TEMPLATE, {"report": report, "dash": report.dash})


def _own_text(cell) -> str:
    """A college's own indicator in one line: «Конкурсы: 3 (цель 2, выполнен)»."""
    if cell.target is None:
        return f"{cell.name}: {cell.value_text}"
    return f"{cell.name}: {cell.value_text} (цель {cell.target_text}, {cell.status_label})"


def region_report_xlsx(report: RegionReport) -> bytes:
    dash = report.dash
    made = report.made_at.strftime("%d.%m.%Y %H:%M")
    about = Sheet(
        title="Отчёт",
        headers=["", ""],
        rows=[
            ["Отчёт", report.title],
            ["Центр", report.centre_name],
            ["Субъект РФ", report.centre_region or "—"],
            [
                "Отчётный период",
                f"{dash.period.label} ({dash.period.start:%d.%m.%Y} – {dash.period.end:%d.%m.%Y})",
            ],
            ["Колледжей прислали пакет", len(dash.colleges)],
            ["Не прислали пакет", len(dash.missing)],
            *[[f"{total.label} (сумма по пакетам)", total.text] for total in dash.totals],
            ["Сформирован", made],
        ],
        widths=[34, 90],
    )
    indicators = Sheet(
        title="Показатели региона",
        headers=[
            "№",
            "Показатель",
            "Значение, %",
            "Числитель / знаменатель",
            "Формула расчёта",
            "Колледжей в расчёте",
            "Скрытые числа («< 3»)",
        ],
        rows=[
            [
                i.number,
                i.name,
                i.value if i.value is not None and not i.missing_denominator else i.value_text,
                i.counts_text,
                i.formula,
                i.counted,
                i.suppressed_text or "—",
            ]
            for i in dash.indicators
        ],
        widths=[5, 60, 16, 22, 60, 14, 50],
        wrap=True,
    )
    college_headers = ["Колледж", "ИНН"]
    for column in dash.columns:
        college_headers += [f"{column.number}. {column.label}", "цель", "статус"]
    college_headers.append("Показатели колледжа (вносимые вручную)")
    college_rows = []
    for row in dash.colleges:
        line: list[object] = [row.college.short_name, row.college.inn]
        for cell in row.row_cells:
            line += [cell.value_text, cell.target_text, cell.status_label] if cell else ["—"] * 3
        line.append("; ".join(_own_text(c) for c in row.own) or "—")
        college_rows.append(line)
    colleges = Sheet(title="Колледжи", headers=college_headers, rows=college_rows, wrap=True)
    missing = Sheet(
        title="Не прислали пакет",
        headers=["Колледж", "ИНН", "Город"],
        rows=[[c.short_name, c.inn, c.city] for c in dash.missing],
    )
    denominators = Sheet(
        title="Знаменатели",
        headers=["Знаменатель", "Период", "Значение", "Источник"],
        rows=[
            [d.label, d.period, d.value if d.value is not None else "не внесён", d.source or "—"]
            for d in dash.denominators
        ],
        widths=[60, 12, 14, 50],
    )
    return write_xlsx([about, indicators, colleges, missing, denominators])
