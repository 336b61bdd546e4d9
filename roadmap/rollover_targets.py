"""The roll-over's part in the KPIs: the new academic year's targets, proposed from the
programme's table for the curator to confirm.

A programme sets its indicators' targets by calendar year (the seeds' tables: 2022, 2023,
2024 …); the office reports by academic year. For the academic year Y/Y+1 an indicator
without a target of its own is proposed:
- the programme's target for Y+1, the calendar year the academic year is reported in
  (the справка is due in May);
- failing that, for Y;
- failing that, the latest target it had for an earlier period (the programme's table
  has ended: the level reached is kept).
An indicator with no target at all is not proposed. Nothing is written until the curator
confirms (targets_confirm): the values may be changed then, and a target entered meanwhile
is never overwritten.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from mentorship.lib.numbers import number_text
from mentorship.lib.periods import ReportPeriod

from .models import Indicator, IndicatorTarget
from .resources import TargetWidget


@dataclasses.dataclass(frozen=True)
class ProposedTarget:
    indicator: Indicator
    value: Decimal
    source: str  # where the value comes from, in Russian


def _period_end(key: str) -> tuple:
    period = ReportPeriod.parse(key)
    return (period.end, period.academic)


def targets_proposed(period: ReportPeriod) -> list[ProposedTarget]:
    """The targets to propose for the period (see the module doc), in the indicators'
    order. Two queries."""
    indicators = list(Indicator.objects.order_by("order", "pk"))
    table: dict[int, dict[str, Decimal]] = {}
    for indicator_id, key, value in IndicatorTarget.objects.values_list(
        "indicator_id", "period", "value"
    ):
        table.setdefault(indicator_id, {})[key] = value
    proposed = []
    for indicator in indicators:
        targets = table.get(indicator.pk, {})
        if period.key in targets:
            continue
        found = _programme_target(targets, period)
        if found is not None:
            proposed.append(ProposedTarget(indicator, *found))
    return proposed


def _programme_target(targets: dict[str, Decimal], period: ReportPeriod):
    if period.academic:
        for year in (period.first_year + 1, period.first_year):
            if str(year) in targets:
                return targets[str(year)], f"по программе на {year} год"
    earlier = [key for key in targets if ReportPeriod.parse(key).end < period.end]
    if not earlier:
        return None
    latest = max(earlier, key=_period_end)
    return targets[latest], f"как за {ReportPeriod.parse(latest).label}"


def _decimal(raw: object, name: str) -> Decimal:
    """The value the curator typed, read by the one rule for a target (the KPI tables'
    import): «82,5», «не менее 70 %»; from 0 to 9 999 999,99, two decimals at most."""
    try:
        return TargetWidget().clean(raw)
    except ValueError as error:
        raise ValidationError(f"«{name}»: {error}.") from None


@transaction.atomic
def targets_confirm(
    period: ReportPeriod, values: dict[int, object], *, reason: str = ""
) -> list[IndicatorTarget]:
    """Write the period's targets the curator confirmed: indicator id → value (text or
    number; Russian decimal comma accepted; empty: no target now). All or nothing: a value
    that is not a number refuses the whole set with a Russian ValidationError. An indicator
    that got a target for the period meanwhile keeps it. Returns the targets written."""
    indicators = Indicator.objects.in_bulk(list(values))
    taken = set(
        IndicatorTarget.objects.filter(period=period.key, indicator__in=indicators).values_list(
            "indicator_id", flat=True
        )
    )
    written = []
    errors = []
    for indicator_id, raw in values.items():
        indicator = indicators.get(indicator_id)
        if indicator is None or indicator_id in taken or raw is None or not str(raw).strip():
            # Left empty: the indicator gets no target for the period now.
            continue
        try:
            value = _decimal(raw, indicator.name)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        target = IndicatorTarget(indicator=indicator, period=period.key, value=value)
        target._change_reason = reason or f"Целевые показатели на {period.label}"
        written.append(target)
    if errors:
        raise ValidationError(errors)
    for target in written:
        target.save()
    return written


def targets_summary(proposed: list[ProposedTarget], period: ReportPeriod) -> list[str]:
    """The proposal in Russian lines (the roll-over's summary): the values are written only
    when the curator confirms them."""
    if not proposed:
        return [
            f"Целевые показатели на {period.label}: предложить нечего — у показателей уже есть "
            "цели на этот год или нет целей в программе."
        ]
    return [
        f"Целевые показатели на {period.label} предлагаются по программе: {len(proposed)}; "
        "записываются, когда куратор их подтвердит.",
        *(
            f"  {p.indicator.name} — {number_text(p.value)} {p.indicator.unit} ({p.source})"
            for p in proposed
        ),
    ]

