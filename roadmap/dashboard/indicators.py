"""The indicators of a year as the table and the charts print them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mentorship.lib import charts
from mentorship.lib.numbers import DASH, number_text
from mentorship.lib.periods import ReportPeriod, as_period

from ..formatting import value_text
from ..kpi import KpiRow, KpiSeries, KpiStatus

STATUS_NO_TARGET = "no_target"
STATUS_LABELS = {
    KpiStatus.MET.value: KpiStatus.MET.label,
    KpiStatus.NOT_MET.value: KpiStatus.NOT_MET.label,
    KpiStatus.NO_DATA.value: KpiStatus.NO_DATA.label,
    KpiStatus.NO_REGIONAL_DENOMINATOR.value: KpiStatus.NO_REGIONAL_DENOMINATOR.label,
    STATUS_NO_TARGET: "цель не задана",
}


@dataclass(frozen=True)
class KpiLine:
    """An indicator of the year as the table prints it."""

    number: int
    row: KpiRow

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def unit(self) -> str:
        return self.row.unit

    @property
    def own_name(self) -> str:
        """The college's own wording, when it is not the indicator's name."""
        own = self.row.own_name
        return own if own and " ".join(own.split()) != self.row.name else ""

    @property
    def result(self) -> str:
        return self.row.result

    @property
    def formula(self) -> str:
        return self.row.formula

    @property
    def target_text(self) -> str:
        return value_text(self.row.target, self.row.unit)

    @property
    def actual_text(self) -> str:
        if self.row.status is KpiStatus.NO_REGIONAL_DENOMINATOR:
            return DASH  # not computed: the status says why
        if self.row.actual is None:
            return "нет данных"
        return value_text(self.row.actual, self.row.unit)

    @property
    def counts_text(self) -> str:
        """«19 / 241», or what a value without counts is made of (satisfaction)."""
        if self.row.numerator is not None and self.row.denominator:
            return f"{number_text(self.row.numerator)} / {number_text(self.row.denominator)}"
        if self.row.numerator is not None:
            return f"{number_text(self.row.numerator)} / {DASH}"
        return self.row.note or DASH

    @property
    def has_counts(self) -> bool:
        return self.row.numerator is not None

    @property
    def status(self) -> str:
        return self.row.status.value if self.row.status is not None else STATUS_NO_TARGET

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_percent(self) -> bool:
        return self.row.unit.strip() == charts.PERCENT


@dataclass(frozen=True)
class KpiSummary:
    total: int
    with_target: int
    met: int
    no_data: int
    no_regional_denominator: int

    @property
    def without_target(self) -> int:
        return self.total - self.with_target


def kpi_lines(rows: Iterable[KpiRow]) -> list[KpiLine]:
    return [KpiLine(number, row) for number, row in enumerate(rows, start=1)]


def kpi_summary(lines: Sequence[KpiLine]) -> KpiSummary:
    return KpiSummary(
        total=len(lines),
        with_target=sum(1 for line in lines if line.row.target is not None),
        met=sum(1 for line in lines if line.status == KpiStatus.MET.value),
        no_data=sum(1 for line in lines if line.status == KpiStatus.NO_DATA.value),
        no_regional_denominator=sum(
            1 for line in lines if line.status == KpiStatus.NO_REGIONAL_DENOMINATOR.value
        ),
    )


def kpi_year_chart(lines: Sequence[KpiLine]) -> charts.YearChart:
    return charts.year_chart(
        [
            charts.ChartInput(
                number=line.number,
                name=line.name,
                unit=line.unit,
                target=line.row.target,
                actual=line.row.actual,
            )
            for line in lines
        ]
    )


def kpi_series_charts(
    series: Sequence[KpiSeries], chosen: ReportPeriod | int, today: dt.date
) -> list[charts.SeriesChart]:
    """A small chart across the report periods for each indicator in percent, a column per
    period under its key («2025», «2025/2026»). A period that has not begun has no actual
    value yet (what the bases hold today is not its result): only its target is drawn."""
    chosen = as_period(chosen)
    return [
        charts.series_chart(
            number,
            one.name,
            [period.key for period in one.periods],
            one.targets,
            [
                None if period.is_future(today) else actual
                for period, actual in zip(one.periods, one.actuals, strict=True)
            ],
            chosen=chosen.key,
        )
        for number, one in enumerate(series, start=1)
        if one.unit.strip() == charts.PERCENT
    ]
