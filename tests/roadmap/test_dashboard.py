"""The director's dashboard: the year's figures against a hand count, the page, its cost;
the charts' geometry and the number format, without the database."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.lib import charts
from mentorship.lib.numbers import number_text
from mentorship.lib.periods import ReportPeriod
from mentorship.surveys import metrics, results
from roadmap import dashboard
from roadmap.formatting import value_text
from roadmap.kpi import COMPUTATIONS, kpi_series_and_counts, kpi_values_for_year
from roadmap.models import Roadmap
from tests.worlds import built_once

from .report_data import SPECIAL_MENTEE, TODAY, YEAR, year_grow, year_make

D = dt.date


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture(scope="module")
def year_world(django_db_setup, django_db_blocker):
    """The hand-counted year, built once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it, so what a test writes (a
    roadmap, more of everything) is gone before the next one. Built on the tests' day. The
    tests of a college with nothing in it are in test_dashboard_empty.py."""
    with built_once(django_db_blocker, year_make, today=TODAY) as world:
        yield world


@pytest.fixture
def year_data(year_world, db):
    return year_world


# --- years ---------------------------------------------------------------------------------


def test_programme_years_run_from_the_first_data_to_the_roadmaps_end(year_data):
    # The 2023 pair and the 2024 answers come first; the roadmap ends in 2026.
    assert dashboard.programme_years(TODAY) == [2023, 2024, 2025, 2026]
    Roadmap.objects.create(title="Следующая", start_date=D(2026, 9, 1), end_date=D(2028, 6, 30))
    assert dashboard.programme_years(TODAY)[-1] == 2028


# --- the year's figures --------------------------------------------------------------------


def test_participants_by_form_and_category_are_counted_by_hand(year_data):
    found = dashboard.participants_of_year(YEAR)
    forms = {line.name: line for line in found.forms}
    assert found.statuses == ["формируется", "активна", "завершена", "прекращена досрочно"]
    teacher_student = forms["Педагог – студент"]
    assert (teacher_student.pairs_by_status, teacher_student.mentors, teacher_student.mentees) == (
        [0, 1, 0, 0],
        1,
        2,
    )
    assert forms["Студент – ученик"].pairs_by_status == [0, 0, 1, 0]
    assert (forms["Работодатель – студент"].pairs, forms["Работодатель – студент"].mentors) == (
        1,
        0,
    )
    assert (found.total.pairs, found.total.mentors, found.total.mentees) == (3, 2, 3)
    assert found.participants == 5
    kinds = {line.label: line for line in found.kinds}
    assert (kinds["обучающийся"].mentees, kinds["обучающийся"].mentors) == (2, 1)
    assert kinds["школьник"].mentees == 1 and kinds["педагог"].mentors == 1
    categories = {line.label: line for line in found.categories}
    assert categories["ОВЗ / инвалидность"].participants == 1
    assert categories["Сирота"].mentees == 1
    assert categories["Сельская местность"].mentees == 1
    assert categories["ТЖС"].participants == 0


def test_satisfaction_of_the_year_is_the_surveys_own(year_data):
    mentees, mentors = dashboard.satisfaction_of_year(YEAR)
    assert (mentees.percent_text, mentees.value.respondents, mentees.mean_text) == (
        "90\xa0%",
        2,
        "9",
    )
    assert (mentors.percent_text, mentors.share_8_plus_text) == ("60\xa0%", "0\xa0%")
    assert dashboard.satisfaction_of_year(2019)[0].percent_text == "нет данных"


def test_entry_exit_by_form_agrees_with_the_surveys_maths(year_data):
    """The database's aggregate gives what surveys.metrics.entry_exit gives from the rows."""
    found = dashboard.entry_exit_of_year(YEAR)
    data = results.entry_exit_data(year=YEAR)
    summary = metrics.entry_exit(data.rows)
    expected = {
        (p.form, p.parameter): (p.compared, Decimal(str(p.mean_change)), p.improved)
        for form in summary.by_form
        for p in form.parameters
    }
    got = {
        (form, parameter.code): (cell.compared, cell.mean_change, cell.improved)
        for parameter in found.parameters
        for form, cell in zip(found.forms, parameter.cells, strict=True)
        if cell.compared
    }
    assert got == expected
    assert found.forms == ["Студент – ученик", "Педагог – студент"]
    assert found.participants == [0, 2]
    assert found.without_entry == summary.without_entry == 1
    motivation = next(p for p in found.parameters if p.code == "motivation")
    assert (motivation.total.change_text, motivation.total.improved_text) == ("+2", "1 из 2")


def test_entry_exit_with_more_answers_still_agrees(year_data):
    year_grow(5)
    found = dashboard.entry_exit_of_year(YEAR)
    summary = metrics.entry_exit(results.entry_exit_data(year=YEAR).rows)
    by_form = {f.form: f for f in summary.by_form}
    motivation = next(p for p in found.parameters if p.code == "motivation")
    cell = motivation.cells[found.forms.index("Педагог – студент")]
    expected = next(
        p for p in by_form["Педагог – студент"].parameters if p.parameter == "motivation"
    )
    assert (cell.compared, cell.mean_change) == (
        expected.compared,
        Decimal(str(expected.mean_change)),
    )


def test_roadmap_of_the_year_by_stage_agrees_with_the_kpi(year_data):
    found = dashboard.roadmap_of_year(YEAR, TODAY)
    stages = {line.title: line for line in found.stages}
    stage1 = stages["Этап 1. Подготовка условий для запуска программы"]
    assert (stage1.due, stage1.on_time, stage1.late, stage1.not_done) == (2, 1, 1, 0)
    stage5 = stages["Этап 5. Формирование наставнических пар / групп"]
    assert (stage5.due, stage5.on_time, stage5.not_done) == (2, 1, 1)
    assert (found.on_time.on_time, found.on_time.due) == (2, 4)
    kpi = next(
        r for r in kpi_values_for_year(YEAR, today=TODAY) if r.computation == "roadmap_on_time"
    )
    assert (kpi.numerator, kpi.denominator) == (found.total.on_time, found.total.due)
    assert [(o.title, o.due, o.overdue_days) for o in found.overdue] == [
        ("Провести заседание методического совета по итогам полугодия", D(2025, 12, 15), 76)
    ]
    assert found.overdue[0].responsible == "Куратор, Заместитель директора"


def test_roadmap_of_a_running_year_counts_what_is_still_ahead(year_data):
    found = dashboard.roadmap_of_year(2026, TODAY)
    # Due in 2026: the one-off of September and the yearly one of June — both ahead.
    assert (found.total.due, found.total.ahead) == (0, 2)
    assert found.on_time.due == 0
    # Overdue from 2025 is still overdue in the list of 2026.
    assert [o.due for o in found.overdue] == [D(2025, 12, 15)]


def test_achievements_by_level_and_result(year_data):
    found = dashboard.achievements_of_year(YEAR)
    levels = {line.level: line for line in found.levels}
    assert found.results == ["победители", "призёры", "лауреаты", "участники"]
    assert (levels["Р"].by_result, levels["Р"].total) == ([1, 0, 0, 1], 2)
    assert levels["Г"].by_result == [0, 1, 0, 0]
    assert levels["В"].total == 0  # the all-Russian win was in 2024
    assert (found.total.by_result, found.total.total) == ([1, 1, 0, 1], 3)


# --- the page ------------------------------------------------------------------------------


def test_dashboard_shows_every_indicator_for_the_year(client_for, director, year_data):
    response = client_for(director).get(reverse("reports:dashboard"), {"year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    data = response.context["dash"]
    assert data.period == ReportPeriod.calendar(YEAR) and len(data.kpi) == 16
    for line in data.kpi:
        assert line.name in page
    table = re.search(r'<table[^>]*id="kpi-table".*?</table>', page, re.S).group(0)
    # The programmes' readings, each in the table with its formula.
    for code in ("mentees_satisfied", "mentors_satisfied", "consents_whole_base", "plans_done_90"):
        assert COMPUTATIONS[code].name in table, code
        assert COMPUTATIONS[code].formula in table, code
    assert "50\xa0%" in table and "2 / 4" in table and "выполнен" in table
    assert "33,3\xa0%" in table and "не выполнен" in table
    # The year chart and a chart across the years, as text in SVG.
    assert "факт 50 · цель 30" in page
    assert 'aria-label="Показатель 1 по годам"' in page
    assert '<option value="2025" selected>2025 год</option>' in page
    assert "Скачать отчёт (PDF)" in page
    assert f'formaction="{reverse("reports:kpi-report")}"' in page
    assert response["Cache-Control"] == "no-store"


def test_dashboard_marks_regional_shares_without_the_regions_figure(
    client_for, director, year_data
):
    """2025 has no region's figure entered: the four regional shares have the status «нет
    регионального знаменателя» (a badge of its own, and counted above the table), no value;
    the one entered gets its value back."""
    from roadmap.models import Indicator, IndicatorYearData

    IndicatorYearData.objects.create(
        indicator=Indicator.objects.get(computation="enterprises_gave_mentors"),
        period=str(YEAR),
        denominator=Decimal(40980),
    )
    response = client_for(director).get(reverse("reports:dashboard"), {"year": YEAR})
    page = response.content.decode()
    lines = {line.row.computation: line for line in response.context["dash"].kpi}
    for code in ("mentees_aged_10_19", "mentors_aged_15_19", "young_teachers_mentees"):
        line = lines[code]
        assert (line.status, line.status_label) == (
            "no_regional_denominator",
            "нет регионального знаменателя",
        )
        assert line.actual_text == "—"
        assert line.formula in page
        assert "знаменатель за 2025 год не внесён; в базе колледжа:" in line.formula
    assert lines["enterprises_gave_mentors"].status == "no_target"  # entered, no target
    badge = '<span class="badge text-bg-warning">нет регионального знаменателя</span>'
    assert page.count(badge) == 3
    assert "нет регионального знаменателя: 3</span>" in page


def test_dashboard_defaults_to_the_current_year(client_for, curator, year_data):
    response = client_for(curator).get(reverse("reports:dashboard"))
    assert response.context["dash"].period == ReportPeriod.calendar(2026)
    assert "Показатели программы наставничества за 2026 год" in response.content.decode()
    assert "Год не завершён: данные на 01.03.2026." in response.content.decode()


def test_dashboard_of_an_empty_year_says_there_is_no_data(client_for, director, year_data):
    page = client_for(director).get(reverse("reports:dashboard"), {"year": 2019}).content.decode()
    assert "Нет данных: за 2019 год пар и участников нет." in page
    assert '<option value="2019" selected>2019 год</option>' in page  # asked, though not offered


def test_dashboard_names_no_person(client_for, director, year_data):
    page = client_for(director).get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    assert SPECIAL_MENTEE not in page
    assert "ОВЗ / инвалидность" in page  # the count is there


def count_dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reports:dashboard"), {"year": YEAR}).status_code == 200
    return len(queries)


def test_dashboard_runs_a_fixed_number_of_queries(client_for, director, year_data):
    """Constant whatever the size: counting every period (the first visit, or the data
    changed since) and taking the past periods' kept counts (roadmap.kpi.kept)."""
    client = client_for(director)
    count_dashboard_queries(client)  # session and user warm up
    cache.clear()
    counted = count_dashboard_queries(client)
    kept = count_dashboard_queries(client)
    year_grow(25)
    assert count_dashboard_queries(client) == counted  # the data changed: counted again
    assert count_dashboard_queries(client) == kept
    assert kept < counted


# --- charts and numbers (no database) ------------------------------------------------------


def chart_input(number, actual, target, unit="%"):
    return charts.ChartInput(
        number=number,
        name=f"Показатель {number}",
        unit=unit,
        target=None if target is None else Decimal(target),
        actual=None if actual is None else Decimal(actual),
    )


def test_year_chart_draws_percent_indicators_against_their_target():
    chart = charts.year_chart(
        [
            chart_input(1, "50", "30"),
            chart_input(2, "20", "60"),
            chart_input(3, None, "40"),
            chart_input(4, "12", None, unit="чел."),
        ]
    )
    assert [bar.number for bar in chart.bars] == [1, 2, 3] and chart.left_out == 1
    met, not_met, no_data = chart.bars
    span = charts.YEAR_PLOT_RIGHT - charts.YEAR_PLOT_LEFT
    assert met.bar_width == span / 2 and met.colour == charts.COLOURS["met"]
    assert met.target_x == charts.YEAR_PLOT_LEFT + span * 0.3
    assert not_met.colour == charts.COLOURS["not_met"]
    assert (no_data.has_value, no_data.text) == (False, "нет данных · цель 40")
    assert met.text == "факт 50 · цель 30"
    assert [t.label for t in chart.ticks] == ["0", "25", "50", "75", "100"]


def test_year_chart_widens_its_scale_past_100():
    chart = charts.year_chart([chart_input(1, "130", "100")])
    assert chart.ticks[-1].label == "150"
    assert chart.bars[0].bar_width < charts.YEAR_PLOT_RIGHT - charts.YEAR_PLOT_LEFT


def test_series_chart_has_a_column_per_year_and_marks_the_chosen_one():
    chart = charts.series_chart(
        1,
        "Показатель",
        [2024, 2025, 2026],
        [Decimal(20), Decimal(40), None],
        [Decimal(25), None, Decimal(50)],
        chosen=2025,
    )
    first, second, third = chart.columns
    assert [c.is_chosen for c in chart.columns] == [False, True, False]
    assert (second.value_text, second.bar_height) == ("—", 0)
    assert third.target_y is None and first.target_y is not None
    assert first.colour == charts.COLOURS["met"] and third.colour == charts.COLOURS["no_target"]
    assert third.bar_height == 2 * first.bar_height


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (Decimal("20.00"), {}, "20"),
        (Decimal("7.90"), {}, "7,9"),
        (Decimal("33.333"), {}, "33,33"),
        (Decimal("0.005"), {}, "0,01"),
        (Decimal("0"), {"sign": True}, "0"),
        (Decimal("1.25"), {"sign": True}, "+1,25"),
        (Decimal("-0.43"), {"sign": True}, "\u22120,43"),
        (6000, {}, "6000"),
        (12500, {}, "12\xa0500"),
        (Decimal("1234567.5"), {}, "1\xa0234\xa0567,5"),
        (None, {}, "—"),
    ],
)
def test_number_text_prints_numbers_the_russian_way(value, kwargs, text):
    assert number_text(value, **kwargs) == text


def test_value_text_adds_the_unit():
    assert value_text(Decimal("79.6"), "%") == "79,6\xa0%"
    assert value_text(Decimal(12), "чел.") == "12\xa0чел."
    assert value_text(None, "%") == "—"


def test_director_start_page_leads_to_the_dashboard_and_the_report(client_for, director):
    page = client_for(director).get("/").content.decode()
    assert 'href="/reports/"' in page
    assert 'href="/reports/kpi.pdf"' in page
    assert "Показатели и отчёт" in page


def test_year_figures_run_eleven_queries(year_data, django_assert_num_queries):
    """Participants 4 (their mentees, mentors and all participants in one query, down from
    three), satisfaction 1 (both roles), entry and exit 3 (the parameters with their
    questions, the exit responses with their numbers, their people's entries with theirs:
    down from 4), achievements 1,
    the roadmap 2 — the count the dashboard's and the report's docstrings give."""
    assert results.exits_with_entry(between=(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))).exits
    with django_assert_num_queries(11):
        figures = dashboard.year_figures(YEAR, TODAY)
    assert figures.participants.has_data and figures.roadmap.has_data


def test_year_figures_take_the_satisfaction_the_kpis_counted(year_data, django_assert_num_queries):
    """The dashboard counts the period's satisfaction once, for its indicator, and shows the
    same value in the satisfaction block: the figures are those asked afresh, one query
    fewer."""
    period = ReportPeriod.calendar(YEAR)
    _series, counts, _fingerprint = kpi_series_and_counts([period], today=TODAY)
    assert "satisfaction" in counts[period]
    with django_assert_num_queries(10):
        figures = dashboard.year_figures(period, TODAY, kpi_counts=counts[period])
    assert figures == dashboard.year_figures(period, TODAY)
    assert figures.satisfaction[0].value.respondents == 2
