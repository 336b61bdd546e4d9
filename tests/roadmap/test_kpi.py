"""KPI maths and the registry, without the database."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from mentorship.lib.dates import age_on
from roadmap.kpi import (
    COMPUTATIONS,
    MANUAL,
    KpiStatus,
    born_for_ages,
    computation_choices,
    computation_label,
    kpi_status,
    kpi_value,
    percent,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (3, 8, "37.5"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 16, "6.3"),  # 6.25: half up, not to even
        (1, 6, "16.7"),
        (0, 5, "0.0"),
        (8, 8, "100.0"),
        (9, 8, "112.5"),  # more than the whole: shown as it is
        (4, Decimal(400), "1.0"),  # an entered denominator is a Decimal
        (5, 0, None),
        (0, 0, None),
        (5, None, None),
        (None, 5, None),
    ],
)
def test_percent_rounds_half_up_to_one_decimal(numerator, denominator, expected):
    assert percent(numerator, denominator) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize(
    ("target", "numerator", "denominator", "manual", "actual", "status"),
    [
        (70, 7, 10, None, "70.0", KpiStatus.MET),  # equal to the target: met
        (70, 8, 10, None, "80.0", KpiStatus.MET),
        (70, 6, 10, None, "60.0", KpiStatus.NOT_MET),
        (70, 6999, 10000, None, "70.0", KpiStatus.MET),  # 69.99 is shown as 70.0
        (70, 6994, 10000, None, "69.9", KpiStatus.NOT_MET),
        (Decimal("16.7"), 1, 6, None, "16.7", KpiStatus.MET),
        (100, 0, 0, None, None, KpiStatus.NO_DATA),  # zero denominator: no data
        (100, 3, None, None, None, KpiStatus.NO_DATA),
        (None, 1, 2, None, "50.0", None),  # no target: no status
        (None, 0, 0, None, None, KpiStatus.NO_DATA),
        (85, None, None, 72.5, "72.5", KpiStatus.NOT_MET),  # satisfaction: the value itself
        (50, 1, 10, Decimal("60"), "60", KpiStatus.MET),  # entered value wins over counts
        (0, 0, 7, None, "0.0", KpiStatus.MET),
    ],
)
def test_kpi_value_compares_actual_with_target(
    target, numerator, denominator, manual, actual, status
):
    value = kpi_value(target=target, numerator=numerator, denominator=denominator, manual=manual)
    assert value.actual == (Decimal(actual) if actual else None)
    assert value.status is status
    assert (value.numerator, value.denominator) == (numerator, denominator)
    assert value.target == (None if target is None else Decimal(str(target)))
    assert value.is_met == (status is KpiStatus.MET)


def test_kpi_status_labels_are_russian():
    assert [s.label for s in KpiStatus] == [
        "выполнен",
        "не выполнен",
        "нет данных",
        "нет регионального знаменателя",
    ]
    assert kpi_status(target=Decimal(1), actual=None) is KpiStatus.NO_DATA
    assert KpiStatus.MET == "met"  # templates may compare with the plain string
    # The package (mentorship/package) writes the values as they are.
    assert KpiStatus.NO_REGIONAL_DENOMINATOR == "no_regional_denominator"


def test_kpi_value_without_the_regional_denominator_keeps_the_numerator_only():
    value = kpi_value(target=50, numerator=7, denominator=9, regional_missing=True)
    assert (value.numerator, value.denominator, value.actual) == (7, None, None)
    assert value.status is KpiStatus.NO_REGIONAL_DENOMINATOR and not value.is_met
    value = kpi_value(target=None, numerator=0, denominator=0, regional_missing=True)
    assert value.status is KpiStatus.NO_REGIONAL_DENOMINATOR


@pytest.mark.parametrize(
    ("year", "youngest", "oldest", "first", "last"),
    [
        (2023, 10, 19, dt.date(2004, 1, 1), dt.date(2013, 12, 31)),
        (2023, 15, 19, dt.date(2004, 1, 1), dt.date(2008, 12, 31)),
        (2024, 10, 19, dt.date(2005, 1, 1), dt.date(2014, 12, 31)),
    ],
)
def test_ages_are_taken_on_31_december(year, youngest, oldest, first, last):
    assert born_for_ages(year, youngest, oldest) == (first, last)
    end = dt.date(year, 12, 31)
    assert age_on(first, end) == oldest
    assert age_on(last, end) == youngest
    assert age_on(first - dt.timedelta(days=1), end) == oldest + 1
    assert age_on(last + dt.timedelta(days=1), end) == youngest - 1


# Every KPI of DESIGN.md «KPIs the seeds use», by the code that computes it.
DESIGN_KPIS = {
    "mentees among full-time students": "mentees_students",
    "mentees among students with disability / ОВЗ": "mentees_disability",
    "mentors among teachers": "mentors_teachers",
    "mentee satisfaction": "mentee_satisfaction",
    "mentor satisfaction": "mentor_satisfaction",
    "mentees aged 10–19": "mentees_aged_10_19",
    "mentors aged 15–19": "mentors_aged_15_19",
    "young teachers (0–3 years) as mentees": "young_teachers_mentees",
    "enterprises that gave mentors": "enterprises_gave_mentors",
    "consents on file": "consents_on_file",
    "individual plans done": "plans_done",
    "roadmap activities done on time": "roadmap_on_time",
}


# The programmes' own readings, each beside the design's indicator it reads differently.
PROGRAMME_READINGS = {
    "mentees_satisfied": "mentee_satisfaction",
    "mentors_satisfied": "mentor_satisfaction",
    "consents_whole_base": "consents_on_file",
    "plans_done_90": "plans_done",
}


def test_registry_has_every_kpi_of_the_design_and_the_programmes_readings():
    assert set(COMPUTATIONS) == set(DESIGN_KPIS.values()) | set(PROGRAMME_READINGS)
    assert set(PROGRAMME_READINGS.values()) <= set(DESIGN_KPIS.values())


def test_registry_labels_and_names_are_unique_and_russian():
    labels = [c.label for c in COMPUTATIONS.values()]
    names = [c.name for c in COMPUTATIONS.values()]
    assert len(set(labels)) == len(labels) and len(set(names)) == len(names)
    for computation in COMPUTATIONS.values():
        assert computation.formula and computation.description
        assert any("а" <= ch <= "я" for ch in computation.label.lower())


def test_registry_choices_end_with_manual():
    choices = computation_choices()
    assert choices[-1] == (MANUAL, "вводится вручную")
    assert [code for code, _ in choices[:-1]] == list(COMPUTATIONS)
    assert computation_label(MANUAL) == "вводится вручную"
    assert computation_label("plans_done") == "Выполнение индивидуальных планов"
    assert computation_label("gone") == "неизвестный расчёт «gone»"


def test_only_satisfaction_and_the_programmes_readings_refuse_an_entered_denominator():
    """The readings divide the data by the data itself (respondents, plans, the base):
    an outside figure has no place there."""
    refusing = {c.code for c in COMPUTATIONS.values() if not c.denominator_may_be_entered}
    assert refusing == {"mentee_satisfaction", "mentor_satisfaction", *PROGRAMME_READINGS}


def test_ratio_formula_reads_numerator_over_denominator():
    computation = COMPUTATIONS["mentors_teachers"]
    assert computation.formula == (
        "педагоги — наставники пар, работавших в периоде ÷ все педагоги в базе × 100 %"
    )


def test_measure_from_picks_its_counts():
    counts = {"students": 8, "student_mentees": 3}
    measure = COMPUTATIONS["mentees_students"].measure_from(counts)
    assert (measure.numerator, measure.denominator, measure.value) == (3, 8, None)


def test_measure_of_satisfaction_is_the_surveys_percent():
    found = SimpleNamespace(percent=72.5, respondents=4, answers=9, mean=7.25)
    measure = COMPUTATIONS["mentor_satisfaction"].measure_from({"mentor_satisfaction": found})
    assert (measure.numerator, measure.denominator, measure.value) == (None, None, 72.5)
    assert measure.note == "респондентов: 4, оценок: 9, средний балл 7,25"


@pytest.mark.parametrize(
    ("code", "counts", "numerator", "denominator"),
    [
        ("mentees_satisfied", {"mentee_satisfied": 17, "mentee_respondents": 20}, 17, 20),
        ("mentors_satisfied", {"mentor_satisfied": 4, "mentor_respondents": 5}, 4, 5),
        ("plans_done_90", {"plans_done_90": 9, "plans_with_tasks": 12}, 9, 12),
        (
            "consents_whole_base",
            {"base_participants_consented": 30, "base_participants": 31},
            30,
            31,
        ),
    ],
)
def test_programme_readings_are_shares_of_their_counts(code, counts, numerator, denominator):
    computation = COMPUTATIONS[code]
    measure = computation.measure_from(counts)
    assert (measure.numerator, measure.denominator, measure.value) == (
        numerator,
        denominator,
        None,
    )
    assert computation.formula.endswith("× 100 %") and " ÷ " in computation.formula


def test_a_satisfaction_computation_names_whose_answers_it_reads():
    from roadmap.kpi import COMPUTATIONS

    roles = {code: c.respondents_role for code, c in COMPUTATIONS.items() if c.respondents_role}
    assert roles == {
        "mentee_satisfaction": "mentee",
        "mentees_satisfied": "mentee",
        "mentor_satisfaction": "mentor",
        "mentors_satisfied": "mentor",
    }
