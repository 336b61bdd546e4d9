"""The KPI maths, pure: plain numbers in, a KpiValue with its status out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mentorship.lib.numbers import percent

Number = int | Decimal


class KpiStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    # The indicator divides by a figure of the region (registry.REGIONAL_DENOMINATORS) and
    # none was entered for the period: the college's own base is no stand-in for it.
    NO_REGIONAL_DENOMINATOR = "no_regional_denominator"

    @property
    def label(self) -> str:
        return {
            "met": "выполнен",
            "not_met": "не выполнен",
            "no_data": "нет данных",
            "no_regional_denominator": "нет регионального знаменателя",
        }[self]


@dataclass(frozen=True)
class KpiValue:
    """An indicator's value for a year: target and actual in the indicator's unit (a
    computed actual is rounded half up to one decimal), the counts it comes from, and the
    status."""

    target: Decimal | None
    actual: Decimal | None
    numerator: Number | None
    denominator: Number | None
    status: KpiStatus | None

    @property
    def is_met(self) -> bool:
        return self.status is KpiStatus.MET


def _decimal(value: Number | float | str | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def kpi_status(*, target: Decimal | None, actual: Decimal | None) -> KpiStatus | None:
    if actual is None:
        return KpiStatus.NO_DATA
    if target is None:
        return None
    return KpiStatus.MET if actual >= target else KpiStatus.NOT_MET


def kpi_value(
    *,
    target: Number | float | None,
    numerator: Number | None,
    denominator: Number | None,
    manual: Number | float | None = None,
    regional_missing: bool = False,
) -> KpiValue:
    """The value of an indicator for a year, from plain numbers.

    manual — a value entered (or computed elsewhere, like satisfaction) that is the actual
    value itself, taken as it is; without it the actual is numerator ÷ denominator × 100,
    rounded half up to one decimal.

    regional_missing — the denominator is the region's and none was entered: the numerator
    is kept, there is no denominator and no actual, and the status is
    NO_REGIONAL_DENOMINATOR whatever the target.
    """
    target = _decimal(target)
    if regional_missing:
        return KpiValue(
            target=target,
            actual=None,
            numerator=numerator,
            denominator=None,
            status=KpiStatus.NO_REGIONAL_DENOMINATOR,
        )
    if manual is not None:
        actual = _decimal(manual)
    else:
        actual = percent(numerator, denominator)
    return KpiValue(
        target=target,
        actual=actual,
        numerator=numerator,
        denominator=denominator,
        status=kpi_status(target=target, actual=actual),
    )
