"""The region's indicators from the colleges' packages (mentorship/region/indicators.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from mentorship.lib.periods import ReportPeriod
from mentorship.region.indicators import region_dashboard_build
from tests.region.dashboard_data import (
    college_make,
    denominator_make,
    kpi,
    package_make,
    region_make,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def indicator(dash, code):
    (found,) = [i for i in dash.indicators if i.code == code]
    return found


def test_regional_indicator_is_the_sum_of_numerators_over_the_entered_denominator():
    a, b, c = college_make(1), college_make(2), college_make(3)
    package_make(a, "2025", [kpi("mentees_aged_10_19", numerator=120, denominator=400)])
    package_make(b, "2025", [kpi("mentees_aged_10_19", numerator=37, denominator=90)])
    package_make(c, "2025", [kpi("mentees_aged_10_19", numerator=0, denominator=50)])
    denominator_make("2025", "children_10_19", 41_870, "Кировстат на 01.01.2026")

    found = indicator(region_dashboard_build("2025", today=TODAY), "mentees_aged_10_19")

    # (120 + 37 + 0) ÷ 41 870 × 100 = 0.37497… → 0.4; the colleges' own denominators are not used.
    assert found.numerator == Decimal(157)
    assert found.value == Decimal("0.4")
    assert found.value_text == "0,4"
    assert found.counts_text == "157 / 41\u00a0870"
    assert found.counted == 3 and found.suppressed == 0
    assert found.regional.source == "Кировстат на 01.01.2026"
    assert "дети в возрасте 10–19 лет" in found.formula


def test_regional_indicator_exact_decimal_rounding_half_up():
    college = college_make(1)
    package_make(college, "2025", [kpi("enterprises_gave_mentors", numerator=25, denominator=30)])
    denominator_make("2025", "enterprises", 400)
    found = indicator(region_dashboard_build("2025", today=TODAY), "enterprises_gave_mentors")
    assert found.value == Decimal("6.3")  # 6.25 rounds half up, as on paper


def test_missing_denominator_says_so_and_names_the_figure_to_enter():
    college = college_make(1)
    package_make(college, "2025", [kpi("mentors_aged_15_19", numerator=12, denominator=80)])
    denominator_make("2024", "children_15_19", 1000)  # another period's figure is not used

    found = indicator(region_dashboard_build("2025", today=TODAY), "mentors_aged_15_19")

    assert found.missing_denominator
    assert found.value is None
    assert found.value_text == "нет регионального знаменателя"
    assert found.regional.kind == "children_15_19"
    assert "15–19 лет" in found.regional.label
    assert found.numerator == Decimal(12)


def test_suppressed_numerators_are_left_out_and_reported():
    names = ["Альфа", "Бета", "Гамма", "Дельта"]
    colleges = [college_make(n, name=name) for n, name in enumerate(names, start=1)]
    numerators = [50, "< 3", 30, "< 3"]
    for college, numerator in zip(colleges, numerators, strict=True):
        package_make(
            college, "2025", [kpi("young_teachers_mentees", numerator=numerator, denominator=9)]
        )
    denominator_make("2025", "young_teachers", 1000)

    found = indicator(region_dashboard_build("2025", today=TODAY), "young_teachers_mentees")

    assert found.numerator == Decimal(80)
    assert found.value == Decimal("8.0")
    assert found.counted == 2 and found.suppressed == 2 and found.colleges == 4
    assert "У 2 колледжей числитель скрыт («< 3»" in found.suppressed_text
    assert "не вошёл" in found.suppressed_text
    assert "(Бета, Дельта)" in found.suppressed_text
    # Each left-out college adds 1 or 2: at most 4 ÷ 1000 = 0.4 percentage points.
    assert "не более чем на 0,4 процентного пункта" in found.suppressed_text


def test_other_indicators_divide_summed_numerators_by_summed_denominators_where_both_known():
    a, b, c, d = (college_make(n) for n in range(1, 5))
    package_make(a, "2025", [kpi("mentees_students", numerator=30, denominator=100)])
    package_make(b, "2025", [kpi("mentees_students", numerator=15, denominator=200)])
    package_make(c, "2025", [kpi("mentees_students", numerator="< 3", denominator=50)])
    package_make(d, "2025", [kpi("mentees_students", numerator=5, denominator=None)])

    found = indicator(region_dashboard_build("2025", today=TODAY), "mentees_students")

    assert (found.numerator, found.denominator) == (Decimal(45), Decimal(300))
    assert found.value == Decimal("15.0")
    assert found.counted == 2 and found.suppressed == 1
    assert found.left_out_text == "Без данных для расчёта — 1 колледж."


def test_satisfaction_is_averaged_weighted_by_respondents():
    a, b = college_make(1), college_make(2)
    package_make(a, "2025", [kpi("mentee_satisfaction", value="90")], satisfaction={"mentee": 30})
    package_make(b, "2025", [kpi("mentee_satisfaction", value="60")], satisfaction={"mentee": 10})

    found = indicator(region_dashboard_build("2025", today=TODAY), "mentee_satisfaction")

    assert found.way == "mean" and found.weighted
    assert found.value == Decimal("82.5")  # (90 × 30 + 60 × 10) ÷ 40
    assert "взвешенное по числу ответивших" in found.formula


def test_satisfaction_without_respondents_is_a_plain_mean_and_says_so():
    a, b = college_make(1), college_make(2)
    package_make(a, "2025", [kpi("mentee_satisfaction", value="90")], satisfaction={"mentee": 30})
    package_make(b, "2025", [kpi("mentee_satisfaction", value="60")])  # no satisfaction section

    found = indicator(region_dashboard_build("2025", today=TODAY), "mentee_satisfaction")

    assert not found.weighted
    assert found.value == Decimal("75.0")
    assert "простое среднее" in found.formula


def test_colleges_table_keeps_values_statuses_and_manual_indicators():
    a = college_make(1, name="Альфа")
    package_make(
        a,
        "2025",
        [
            kpi(
                "mentees_students",
                numerator=20,
                denominator=100,
                value="20",
                target="30",
                status="not_met",
            ),
            kpi(
                "mentees_aged_10_19",
                numerator="< 3",
                denominator=10,
                value="< 3",
                status="no_regional_denominator",
            ),
            kpi("plans_done", numerator=0, denominator=0, status="no_data"),
            kpi("roadmap_on_time", numerator=9, denominator=10, value="90", status="future"),
            kpi("plans_done_90", numerator=5, denominator=10, value="50"),  # no target
            kpi("", value="4", target="3", status="met", name="Конкурсы профмастерства"),
        ],
    )
    dash = region_dashboard_build("2025", today=TODAY)

    # Registry order, not the package's.
    assert [c.code for c in dash.columns] == [
        "mentees_students",
        "mentees_aged_10_19",
        "plans_done",
        "plans_done_90",
        "roadmap_on_time",
    ]
    (row,) = dash.colleges
    cells = {cell.code: cell for cell in row.row_cells}
    assert cells["mentees_students"].status_label == "не выполнен"
    assert cells["mentees_students"].value_text == "20"
    assert cells["mentees_aged_10_19"].value_text == "< 3"
    assert cells["mentees_aged_10_19"].status_label == "нет регионального знаменателя"
    assert cells["plans_done"].status_label == "нет данных"
    assert cells["roadmap_on_time"].status_label == "—"  # a status unknown here
    assert cells["plans_done_90"].status_label == "цель не задана"  # as the package says it
    assert [(c.name, c.status_label) for c in row.own] == [("Конкурсы профмастерства", "выполнен")]
    # The manual indicator is the college's own: not a region's indicator.
    assert "" not in {i.code for i in dash.indicators}


def test_expected_colleges_without_a_package_are_listed():
    sent, silent = college_make(1, name="Прислал"), college_make(2, name="Молчит")
    college_make(3, name="Не участвует", expected=False)
    other_period = college_make(4, name="Прислал за 2024")
    package_make(sent, "2025", [kpi("mentees_students", numerator=1, denominator=1)])
    package_make(other_period, "2024", [kpi("mentees_students", numerator=1, denominator=1)])

    dash = region_dashboard_build("2025", today=TODAY)

    assert [c.short_name for c in dash.missing] == ["Молчит", "Прислал за 2024"]
    assert silent in dash.missing


def test_default_period_is_the_latest_with_packages_and_trends_keep_its_kind():
    region_make(2, ["2023/2024", "2024/2025", "2024"])
    dash = region_dashboard_build(None, today=TODAY)
    assert dash.period == ReportPeriod.parse("2024/2025")
    assert dash.trends.keys == ["2023/2024", "2024/2025"]  # the calendar year is another kind
    assert len(dash.trends.charts) == len(dash.trends.rows)

    calendar = region_dashboard_build("2024", today=TODAY)
    assert calendar.trends.keys == ["2024"]


def test_totals_sum_packages_and_say_at_least_for_suppressed_cells():
    a, b = college_make(1), college_make(2)
    package_make(a, "2025", [], mentors=12, mentees=30, pairs=10, groups=2)
    package_make(b, "2025", [], mentors="< 3", mentees=4, pairs=2, groups=0)
    totals = {t.label: t for t in region_dashboard_build("2025", today=TODAY).totals}
    assert totals["Наставники"].text == "не менее 13"
    assert "1 число скрыто («< 3»): каждое добавляет 1 или 2" in totals["Наставники"].note
    assert totals["Наставляемые"].text == "34"
    assert totals["Пары"].text == "12"
    assert totals["Группы"].text == "2"


def test_a_bad_period_key_is_refused_in_russian():
    with pytest.raises(ValueError, match="не период отчёта"):
        region_dashboard_build("двадцать пятый", today=TODAY)


def count_build_queries(django_assert_num_queries, expected: int) -> None:
    with django_assert_num_queries(expected):
        dash = region_dashboard_build(None, today=TODAY)
        # Everything the page reads, read here: nothing is lazily queried later.
        for row in dash.colleges:
            _ = [row.college.short_name, row.package.created_at, row.row_cells, row.own]
        _ = [dash.missing, dash.trends.rows, dash.denominators, dash.totals]


@pytest.mark.parametrize("colleges", [2, 8])
def test_build_runs_a_fixed_number_of_queries(colleges, django_assert_num_queries):
    region_make(colleges, ["2023", "2024", "2025"])
    denominator_make("2025", "children_10_19", 10_000)
    count_build_queries(django_assert_num_queries, 7)
