"""Every indicator's value for a year (or several): entered figures, the families' counts
and the registry put together, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ..models import Indicator, IndicatorTarget, IndicatorYearData
from .counts import FAMILIES, Measure
from .maths import KpiStatus, KpiValue, Number, kpi_value
from .registry import COMPUTATIONS, MANUAL_LABEL


@dataclass(frozen=True)
class KpiRow:
    """One indicator in one year, as the dashboard and the report show it."""

    indicator_id: int
    name: str
    unit: str
    year: int
    computation: str
    formula: str
    value: KpiValue
    denominator_entered: bool = False
    note: str = ""
    source: str = ""

    @property
    def target(self) -> Decimal | None:
        return self.value.target

    @property
    def actual(self) -> Decimal | None:
        return self.value.actual

    @property
    def numerator(self) -> Number | None:
        return self.value.numerator

    @property
    def denominator(self) -> Number | None:
        return self.value.denominator

    @property
    def status(self) -> KpiStatus | None:
        return self.value.status

    @property
    def is_manual(self) -> bool:
        return self.computation not in COMPUTATIONS


@dataclass(frozen=True)
class _Entered:
    target: Decimal | None = None
    denominator: Decimal | None = None
    numerator: Decimal | None = None
    value: Decimal | None = None
    source: str = ""


def _entered_by_year(years: Iterable[int]) -> dict:
    """(indicator id, year) → what was entered, in two queries for all years."""
    years = list(years)
    entered: dict[tuple[int, int], dict] = {}
    for target in IndicatorTarget.objects.filter(year__in=years).values(
        "indicator_id", "year", "value"
    ):
        key = (target["indicator_id"], target["year"])
        entered.setdefault(key, {})["target"] = target["value"]
    for data in IndicatorYearData.objects.filter(year__in=years).values(
        "indicator_id", "year", "denominator", "numerator", "value", "source"
    ):
        key = (data.pop("indicator_id"), data.pop("year"))
        entered.setdefault(key, {}).update(data)
    return {key: _Entered(**values) for key, values in entered.items()}


def _row(indicator: Indicator, year: int, entered: _Entered, counts) -> KpiRow:
    computation = COMPUTATIONS.get(indicator.computation)
    if computation is None:
        # Manual (or a code no longer in the registry): only what was entered.
        formula = MANUAL_LABEL
        if entered.value is None and entered.denominator:
            formula = f"{MANUAL_LABEL}: числитель ÷ знаменатель × 100 %"
        value = kpi_value(
            target=entered.target,
            numerator=entered.numerator,
            denominator=entered.denominator,
            manual=entered.value,
        )
        return KpiRow(
            indicator_id=indicator.pk,
            name=indicator.name,
            unit=indicator.unit,
            year=year,
            computation=indicator.computation,
            formula=formula,
            value=value,
            source=entered.source,
        )
    if computation.family not in counts:
        # A year that has not begun: today's data is no result of it.
        measure = Measure(numerator=None, denominator=None, note="год ещё не начался")
    else:
        measure = computation.measure_from(counts[computation.family])
    denominator = measure.denominator
    formula = computation.formula
    entered_denominator = computation.denominator_may_be_entered and entered.denominator is not None
    if entered_denominator:
        denominator = entered.denominator
        formula = f"{computation.numerator_text} ÷ знаменатель, внесённый за {year} год × 100 %"
    value = kpi_value(
        target=entered.target,
        numerator=measure.numerator,
        denominator=denominator,
        manual=measure.value,
    )
    return KpiRow(
        indicator_id=indicator.pk,
        name=indicator.name,
        unit=indicator.unit,
        year=year,
        computation=indicator.computation,
        formula=formula,
        value=value,
        denominator_entered=entered_denominator,
        note=measure.note,
        source=entered.source,
    )


def _rows_by_year(
    years: list[int], today: dt.date | None
) -> tuple[list[Indicator], dict[int, list[KpiRow]]]:
    today = today or timezone.localdate()
    indicators = list(Indicator.objects.only("pk", "name", "unit", "computation", "order"))
    entered = _entered_by_year(years)
    families = {
        COMPUTATIONS[i.computation].family for i in indicators if i.computation in COMPUTATIONS
    }
    rows: dict[int, list[KpiRow]] = {}
    for year in years:
        counts = (
            {family: FAMILIES[family](year, today) for family in sorted(families)}
            if year <= today.year
            else {}
        )
        rows[year] = [
            _row(indicator, year, entered.get((indicator.pk, year), _Entered()), counts)
            for indicator in indicators
        ]
    return indicators, rows


def kpi_values_for_year(year: int, *, today: dt.date | None = None) -> list[KpiRow]:
    """Every indicator's value for a calendar year, in the indicators' order.

    A fixed number of queries: indicators (1), targets and entered figures (2), and the
    families of computations in use — people (1), organisations (1), satisfaction (2),
    individual plans (1), roadmap (2) — at most 10, whatever the number of people, pairs or
    indicators. today (default: today) bounds the roadmap's «due so far» in a running year.
    """
    return _rows_by_year([year], today)[1][year]


@dataclass(frozen=True)
class KpiSeries:
    """One indicator over several years, for a chart: targets and actuals by year
    (None where there is no target or no data)."""

    indicator_id: int
    name: str
    unit: str
    years: tuple[int, ...]
    targets: tuple[Decimal | None, ...]
    actuals: tuple[Decimal | None, ...]
    rows: tuple[KpiRow, ...]


def kpi_series(years: Iterable[int], *, today: dt.date | None = None) -> list[KpiSeries]:
    """Each indicator's targets and actuals over the given years (sorted, each once):
    3 queries, plus the families' queries once per year."""
    years = sorted(set(years))
    indicators, rows = _rows_by_year(years, today)
    series = []
    for position, indicator in enumerate(indicators):
        by_year = tuple(rows[year][position] for year in years)
        series.append(
            KpiSeries(
                indicator_id=indicator.pk,
                name=indicator.name,
                unit=indicator.unit,
                years=tuple(years),
                targets=tuple(row.target for row in by_year),
                actuals=tuple(row.actual for row in by_year),
                rows=by_year,
            )
        )
    return series
