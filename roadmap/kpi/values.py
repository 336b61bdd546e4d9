"""Every indicator's value for a report period (or several): entered figures, the families'
counts and the registry put together, in a fixed number of queries. A report period is a
calendar or an academic year (mentorship.lib.periods.ReportPeriod); targets and entered
figures are kept under its key («2025», «2025/2026»)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone

from mentorship.lib.numbers import number_text
from mentorship.lib.periods import ReportPeriod, as_period
from mentorship.surveys.kept import Fingerprint, fingerprint_columns, fingerprint_of

from ..models import Indicator, IndicatorTarget, IndicatorYearData
from .counts import FAMILIES, FAMILIES_OF_PERIODS, Measure
from .kept import keep_counts, kept_counts
from .maths import KpiStatus, KpiValue, Number, kpi_value
from .registry import COMPUTATIONS, MANUAL_LABEL, REGIONAL_DENOMINATORS


@dataclass(frozen=True)
class KpiRow:
    """One indicator in one report period, as the dashboard and the report show it."""

    indicator_id: int
    name: str
    unit: str
    period: ReportPeriod
    computation: str
    formula: str
    value: KpiValue
    denominator_entered: bool = False
    note: str = ""
    source: str = ""
    own_name: str = ""  # the college's wording of it (a KPI table's own name)
    result: str = ""  # «Результат на выходе из программы»

    @property
    def year(self) -> int:
        """The calendar year, or the one the academic year opens in."""
        return self.period.first_year

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


def _entered_by_period(keys: Iterable[str]) -> dict:
    """(indicator id, period key) → what was entered, in two queries for all periods."""
    keys = list(keys)
    entered: dict[tuple[int, str], dict] = {}
    for target in IndicatorTarget.objects.filter(period__in=keys).values(
        "indicator_id", "period", "value"
    ):
        key = (target["indicator_id"], target["period"])
        entered.setdefault(key, {})["target"] = target["value"]
    for data in IndicatorYearData.objects.filter(period__in=keys).values(
        "indicator_id", "period", "denominator", "numerator", "value", "source"
    ):
        key = (data.pop("indicator_id"), data.pop("period"))
        entered.setdefault(key, {}).update(data)
    return {key: _Entered(**values) for key, values in entered.items()}


def _regional_missing_text(period: ReportPeriod, base: Number | None) -> str:
    """«знаменатель за <период> не внесён; в базе колледжа: N»: N is the count the
    college's own base gives, no stand-in for the region's figure (left out when there is
    none: a period not yet begun)."""
    text = f"знаменатель за {period.label} не внесён"
    if base is not None:
        text += f"; в базе колледжа: {number_text(base)}"
    return text


def _row(indicator: Indicator, period: ReportPeriod, entered: _Entered, counts) -> KpiRow:
    computation = COMPUTATIONS.get(indicator.computation)
    entered_denominator = False
    regional_missing = False
    if computation is None:
        # Manual (or a code no longer in the registry): only what was entered.
        measure = Measure(entered.numerator, entered.denominator, entered.value)
        formula = MANUAL_LABEL
        if entered.value is None and entered.denominator:
            formula = f"{MANUAL_LABEL}: числитель ÷ знаменатель × 100 %"
    else:
        if computation.family not in counts:
            # A period that has not begun: today's data is no result of it.
            note = "учебный год ещё не начался" if period.academic else "год ещё не начался"
            measure = Measure(numerator=None, denominator=None, note=note)
        else:
            measure = computation.measure_from(counts[computation.family])
        formula = computation.formula
        entered_denominator = (
            computation.denominator_may_be_entered and entered.denominator is not None
        )
        if entered_denominator:
            measure = replace(measure, denominator=entered.denominator)
            formula = (
                f"{computation.numerator_text} ÷ знаменатель, внесённый за {period.label} × 100 %"
            )
        elif computation.regional_denominator:
            # The region's figure was not entered: the college's base is no stand-in for it.
            regional_missing = True
            missing = _regional_missing_text(period, measure.denominator)
            formula = f"{computation.formula}; {missing}"
    return KpiRow(
        indicator_id=indicator.pk,
        name=indicator.name,
        unit=indicator.unit,
        period=period,
        computation=indicator.computation,
        formula=formula,
        value=kpi_value(
            target=entered.target,
            numerator=measure.numerator,
            denominator=measure.denominator,
            manual=measure.value,
            regional_missing=regional_missing,
        ),
        denominator_entered=entered_denominator,
        note=measure.note,
        source=entered.source,
        own_name=indicator.own_name,
        result=indicator.result,
    )


def _rows_by_period(
    periods: list[ReportPeriod], today: dt.date | None
) -> tuple[
    list[Indicator], dict[ReportPeriod, list[KpiRow]], dict[ReportPeriod, dict], Fingerprint | None
]:
    today = today or timezone.localdate()
    # A period that has not begun has no counts: today's data is no result of it.
    counted = [period for period in periods if not period.is_future(today)]
    # The counts may be kept (kept.py) under the data's fingerprint, read with the
    # indicators in the same query: the kept families read the data and the period's bounds,
    # never today, so a running period's are kept as well as a past one's.
    indicators = Indicator.objects.only(
        "pk", "name", "unit", "computation", "order", "own_name", "result"
    )
    if counted:
        indicators = indicators.annotate(**fingerprint_columns())
    indicators = list(indicators)
    entered = _entered_by_period(period.key for period in periods)
    families = {
        COMPUTATIONS[i.computation].family for i in indicators if i.computation in COMPUTATIONS
    }
    fingerprint = fingerprint_of(indicators[0]) if counted and indicators else None
    found = kept_counts(fingerprint, counted, families) if fingerprint else {}
    fresh: dict[tuple[ReportPeriod, str], Mapping] = {}
    counts: dict[ReportPeriod, dict] = {period: {} for period in periods}
    for family in sorted(families & FAMILIES_OF_PERIODS.keys()):
        missing = [period for period in counted if (period, family) not in found]
        if missing:
            for period, value in FAMILIES_OF_PERIODS[family](missing, today).items():
                found[period, family] = fresh[period, family] = value
    for period in counted:
        for family in sorted(families):
            if (period, family) not in found:
                found[period, family] = fresh[period, family] = FAMILIES[family](period, today)
            counts[period][family] = found[period, family]
    if fresh and fingerprint:
        keep_counts(fingerprint, fresh)
    rows: dict[ReportPeriod, list[KpiRow]] = {}
    for period in periods:
        rows[period] = [
            _row(
                indicator,
                period,
                entered.get((indicator.pk, period.key), _Entered()),
                counts[period],
            )
            for indicator in indicators
        ]
    return indicators, rows, counts, fingerprint


def kpi_values_for_period(
    period: ReportPeriod | int, *, today: dt.date | None = None
) -> list[KpiRow]:
    """Every indicator's value for a report period — a calendar year or an academic year —
    in the indicators' order.

    A fixed number of queries: indicators (1), targets and entered figures (2), and the
    families of computations in use — people (1), organisations (1), satisfaction (1),
    individual plans (1), roadmap (2) — at most 9, whatever the number of people, pairs or
    indicators; 5 when the four families' counts are kept from an earlier request on the same
    data (kept.py: the indicators' query reads the data's fingerprint). today (default:
    today) bounds the roadmap's «due so far» in a running period; a period that has not
    begun has no counts («нет данных»).
    """
    period = as_period(period)
    return _rows_by_period([period], today)[1][period]


def kpi_values_for_year(year: int, *, today: dt.date | None = None) -> list[KpiRow]:
    """Every indicator's value for a calendar year: kpi_values_for_period of that year."""
    return kpi_values_for_period(ReportPeriod.calendar(year), today=today)


@dataclass(frozen=True)
class KpiSeries:
    """One indicator over several report periods, for a chart: targets and actuals by
    period (None where there is no target or no data)."""

    indicator_id: int
    name: str
    unit: str
    periods: tuple[ReportPeriod, ...]
    targets: tuple[Decimal | None, ...]
    actuals: tuple[Decimal | None, ...]
    rows: tuple[KpiRow, ...]


def kpi_series(
    periods: Iterable[ReportPeriod | int], *, today: dt.date | None = None
) -> list[KpiSeries]:
    """Each indicator's targets and actuals over the given periods (an int is a calendar
    year; sorted, each once): 3 queries, plus the families' queries once per period — the
    roadmap's and satisfaction's once for all of them (counts.FAMILIES_OF_PERIODS)."""
    return kpi_series_and_counts(periods, today=today)[0]


def kpi_series_and_counts(
    periods: Iterable[ReportPeriod | int], *, today: dt.date | None = None
) -> tuple[list[KpiSeries], dict[ReportPeriod, dict], Fingerprint | None]:
    """kpi_series, and the families' counts it was made of: period → family → counts (a
    family no indicator uses, and a period not yet begun, have none) — for a page that
    shows the same figures beside the indicators without counting them again — and the
    data's fingerprint read with them (surveys.kept; None when none was read: no period
    begun, no indicator), under which such a page may keep its other figures."""
    periods = sorted({as_period(period) for period in periods})
    indicators, rows, counts, fingerprint = _rows_by_period(periods, today)
    series = []
    for position, indicator in enumerate(indicators):
        by_year = tuple(rows[period][position] for period in periods)
        series.append(
            KpiSeries(
                indicator_id=indicator.pk,
                name=indicator.name,
                unit=indicator.unit,
                periods=tuple(periods),
                targets=tuple(row.target for row in by_year),
                actuals=tuple(row.actual for row in by_year),
                rows=by_year,
            )
        )
    return series, counts, fingerprint


@dataclass(frozen=True)
class MissingDenominator:
    """A regional indicator whose denominator — the region's figure — the curator has to
    enter for a report period."""

    indicator_id: int
    name: str
    computation: str

    @property
    def label(self) -> str:
        """The registry's short name of the indicator («Наставляемые в возрасте 10–19 лет»)."""
        return COMPUTATIONS[self.computation].label

    @property
    def figure(self) -> str:
        """The region's figure to enter («дети в возрасте 10–19 лет, проживающие в
        субъекте РФ»)."""
        return REGIONAL_DENOMINATORS[COMPUTATIONS[self.computation].regional_denominator]


def regional_denominators_missing(
    periods: Iterable[ReportPeriod | int],
) -> dict[ReportPeriod, list[MissingDenominator]]:
    """For each period, the indicators of the region's shares (a computation with a
    regional_denominator) that have a target for it and no denominator entered for it —
    those the report would judge against the region's target and now shows «нет
    регионального знаменателя» instead. An indicator without a target for the period is not
    the college's goal then, and is left out. One query for all the periods, each period's
    list in the indicators' order."""
    by_key = {period.key: period for period in map(as_period, periods)}
    codes = [c.code for c in COMPUTATIONS.values() if c.regional_denominator]
    entered = IndicatorYearData.objects.filter(
        indicator=OuterRef("indicator"), period=OuterRef("period"), denominator__isnull=False
    )
    found = (
        IndicatorTarget.objects.filter(
            ~Exists(entered), period__in=list(by_key), indicator__computation__in=codes
        )
        .order_by("indicator__order", "indicator__pk")
        .values_list("period", "indicator_id", "indicator__name", "indicator__computation")
    )
    missing: dict[ReportPeriod, list[MissingDenominator]] = {p: [] for p in by_key.values()}
    for key, pk, name, code in found:
        missing[by_key[key]].append(MissingDenominator(pk, name, code))
    return missing
