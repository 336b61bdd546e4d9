"""KPI values of an empty base: nothing to divide by is no data, and a regional share says
what is missing. Apart from tests/roadmap/test_kpi_values.py, whose hand-counted registry is
built once for the whole module and would be in the base here."""

import pytest

from roadmap.kpi import COMPUTATIONS, KpiStatus
from tests.roadmap.test_kpi_values import REGIONAL, enter_denominator, rows_by_code, set_target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", sorted(COMPUTATIONS))
def test_kpi_with_nothing_to_divide_by_has_no_data(db, code):
    set_target(code, "50")
    if code in REGIONAL:
        enter_denominator(code, 0)
    row = rows_by_code()[code]
    assert (row.numerator or 0, row.denominator or 0) == (0, 0)
    assert row.actual is None
    assert row.status is KpiStatus.NO_DATA


@pytest.mark.parametrize("code", REGIONAL)
def test_kpi_regional_share_of_an_empty_base_says_what_is_missing(db, code):
    set_target(code, "50")
    row = rows_by_code()[code]
    assert (row.numerator, row.denominator, row.actual) == (0, None, None)
    assert row.status is KpiStatus.NO_REGIONAL_DENOMINATOR
    assert row.formula.endswith("знаменатель за 2023 год не внесён; в базе колледжа: 0")
