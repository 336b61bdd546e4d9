"""KPI values from the data: every computation against a small registry counted by hand.

The year is 2023, a finished year, so nothing depends on the clock (the roadmap's «due so
far» gets an explicit today). Each person below is commented with what they count for.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorship.lib.periods import ReportPeriod
from mentorship.pairs.models import IndividualPlan, Pair, PairMembership, PlanTask
from mentorship.people.models import (
    Consent,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Wave
from roadmap import kpi
from roadmap.kpi import COMPUTATIONS, KpiStatus, kpi_series, kpi_values_for_year
from roadmap.models import (
    Activity,
    ActivityYearDone,
    Indicator,
    IndicatorTarget,
    IndicatorYearData,
    Roadmap,
    Section,
)
from tests.history_dates import history_back_date
from tests.worlds import built_once

pytestmark = pytest.mark.django_db

YEAR = 2023
TODAY = dt.date(2025, 3, 1)
D = dt.date
Kind = Person.Kind


def person(name, born, kind=Kind.STUDENT, **fields):
    return Person.objects.create(
        last_name=name, first_name="Тест", birth_date=born, kind=kind, **fields
    )


def consent(who, signed, withdrawn=None):
    Consent.objects.create(
        person=who,
        signer=Consent.Signer.REPRESENTATIVE,
        representative_name="Представитель",
        signed_on=signed,
        withdrawn_on=withdrawn,
    )


def pair(mentor, mentees, form, start, *, status=Pair.Status.ACTIVE, end=None, joined=None):
    """A pair written straight to the database: the KPIs read states, not workflows."""
    mentor_profile, _ = MentorProfile.objects.get_or_create(person=mentor)
    extra = {"end_reason": "переезд"} if status == Pair.Status.ENDED_EARLY else {}
    made = Pair.objects.create(
        mentor=mentor_profile,
        form=MentoringForm.objects.get(code=form),
        status=status,
        start_date=start,
        planned_end_date=start + dt.timedelta(days=300),
        end_date=end,
        **extra,
    )
    for mentee in mentees:
        add_mentee(made, mentee, joined or start)
    return made


def add_mentee(made, mentee, joined):
    profile, _ = MenteeProfile.objects.get_or_create(person=mentee)
    PairMembership.objects.create(
        pair=made,
        mentee=profile,
        form=made.form,
        is_current=made.status in Pair.CURRENT_STATUSES,
        joined_on=joined,
    )


def task(plan, due, done_on=None):
    PlanTask.objects.create(
        plan=plan, title="задача", due_date=due, done=done_on is not None, done_on=done_on
    )


def satisfaction_answer(wave, question, who, role, scores, submitted):
    invitation = Invitation.objects.create(wave=wave, person=who, role=role)
    response = Response.objects.create(
        invitation=invitation, source=Response.Source.PAPER, submitted_at=submitted
    )
    for position, score in enumerate(scores):
        Answer.objects.create(response=response, question=question[position], number=score)


@pytest.fixture(scope="module")
def registry_world(django_db_setup, django_db_blocker):
    """registry_make once for the module, inside a transaction rolled back at its end; each
    test's own transaction is a savepoint within it, so what a test writes (targets,
    entered denominators, more people) is gone before the next one."""
    with built_once(django_db_blocker, registry_make) as world:
        yield world


@pytest.fixture
def registry(registry_world, db):
    return registry_world


def registry_make():
    """The hand-counted registry of 2023 (see each line)."""
    o1 = PartnerOrganisation.objects.create(name="АО «Шахта»")  # gave a mentor in 2023
    o2 = PartnerOrganisation.objects.create(name="ООО «Разрез»")  # only in 2022
    PartnerOrganisation.objects.create(name="ПАО «Уголь»")  # never

    # Students (8). Ages on 31.12.2023 in brackets.
    s1 = person("Студент1", D(2006, 5, 1), has_disability=True)  # (17) ОВЗ, mentee P1
    s2 = person("Студент2", D(2005, 1, 1))  # (18) mentee P1 and P4
    s3 = person("Студент3", D(2004, 12, 31))  # (19) mentee of a pair ended in 2022
    person("Студент4", D(2003, 12, 31), has_disability=True)  # (20) ОВЗ, no pair
    s5 = person("Студент5", D(2005, 6, 1), course=4)  # (18) mentor of P2
    s6 = person("Студент6", D(2009, 1, 1))  # (14) in a pair still being formed
    s7 = person("Студент7", D(2007, 3, 3))  # (16) joined P1 only in January 2024
    s8 = person("Студент8", D(2008, 2, 2))  # (15) mentee of P5, ended early in March 2023
    # Pupils: (10) and (9).
    u1 = person("Школьник1", D(2013, 12, 31), kind=Kind.PUPIL)  # mentee P2
    u2 = person("Школьник2", D(2014, 1, 1), kind=Kind.PUPIL)  # mentee P2, too young
    # Teachers (6); young ones have 0–3 years.
    t1 = person("Педагог1", D(1975, 1, 1), kind=Kind.TEACHER, experience_years=20)
    t2 = person("Педагог2", D(2000, 1, 1), kind=Kind.TEACHER, experience_years=2)
    t3 = person("Педагог3", D(1980, 1, 1), kind=Kind.TEACHER, experience_years=15)
    person("Педагог4", D(2001, 1, 1), kind=Kind.TEACHER, experience_years=0)
    person("Педагог5", D(1990, 1, 1), kind=Kind.TEACHER)  # experience unknown
    t6 = person("Педагог6", D(1999, 1, 1), kind=Kind.TEACHER, experience_years=3)
    e1 = person("Сотрудник1", D(1985, 1, 1), kind=Kind.EMPLOYEE, organisation=o1)
    e2 = person("Сотрудник2", D(1986, 1, 1), kind=Kind.EMPLOYEE, organisation=o2)

    p1 = pair(t1, [s1, s2], "teacher-student", D(2022, 9, 1))
    add_mentee(p1, s7, D(2024, 1, 15))
    pair(
        s5, [u1, u2], "student-pupil", D(2023, 2, 1), status=Pair.Status.FINISHED, end=D(2023, 6, 1)
    )
    p3 = pair(t3, [t2], "teacher-teacher", D(2023, 10, 1))
    pair(e1, [s2], "employer-student", D(2023, 1, 10))
    pair(
        t3,
        [s8],
        "teacher-student",
        D(2022, 9, 1),
        status=Pair.Status.ENDED_EARLY,
        end=D(2023, 3, 1),
    )
    pair(
        e2, [s3], "employer-student", D(2021, 9, 1), status=Pair.Status.FINISHED, end=D(2022, 6, 30)
    )
    pair(t1, [s6], "teacher-student", D(2023, 5, 1), status=Pair.Status.FORMING)
    pair(t3, [t6], "teacher-teacher", D(2024, 2, 1))

    # Participants of 2023: mentees s1 s2 s8 u1 u2 t2, mentors t1 s5 t3 e1 — 10 people.
    consent(s1, D(2022, 8, 1))  # valid
    consent(s2, D(2024, 2, 1))  # signed after the year
    consent(u1, D(2023, 1, 20))  # valid
    consent(u2, D(2023, 1, 20), withdrawn=D(2023, 10, 1))  # withdrawn within the year
    consent(t2, D(2023, 9, 1), withdrawn=D(2024, 3, 1))  # withdrawn only after the year
    consent(s8, D(2022, 8, 1))
    consent(t1, D(2022, 8, 1))
    consent(s5, D(2023, 1, 1))
    consent(e1, D(2023, 1, 1))
    consent(s3, D(2021, 8, 1))  # valid, but s3 is no participant of 2023
    # t3: no consent at all.

    plan1 = IndividualPlan.objects.create(pair=p1, goals="цели")
    task(plan1, D(2023, 3, 1), done_on=D(2023, 2, 20))
    task(plan1, D(2023, 6, 1))
    task(plan1, D(2023, 12, 31), done_on=D(2024, 1, 10))  # done late, still done
    task(plan1, D(2024, 1, 1), done_on=D(2023, 12, 20))  # due in 2024
    plan3 = IndividualPlan.objects.create(pair=p3, goals="цели")
    task(plan3, D(2023, 1, 1), done_on=D(2023, 1, 1))

    roadmap = Roadmap.objects.create(title="ДК", start_date=D(2023, 1, 1), end_date=D(2024, 12, 31))
    section = Section.objects.create(roadmap=roadmap, stage=1, title="Этап 1")

    def activity(kind, status=Activity.Status.PLANNED, **fields):
        return Activity.objects.create(
            roadmap=roadmap,
            section=section,
            title="мероприятие",
            responsible="Куратор",
            deadline_kind=kind,
            status=status,
            **fields,
        )

    done = Activity.Status.DONE
    activity("date", done, deadline_date=D(2023, 3, 15), completed_on=D(2023, 3, 10))  # in time
    activity("date", done, deadline_date=D(2023, 5, 1), completed_on=D(2023, 5, 20))  # late
    activity("month", done, deadline_month=D(2023, 10, 1), completed_on=D(2023, 10, 31))  # in time
    activity("date", deadline_date=D(2023, 11, 1))  # not done
    activity("date", Activity.Status.CANCELLED, deadline_date=D(2023, 6, 1))  # not counted
    yearly = activity("yearly", yearly_months=[5])
    ActivityYearDone.objects.create(activity=yearly, year=2023, completed_on=D(2023, 5, 15))
    activity("period")  # due at the end of 2024
    activity("date", deadline_date=D(2024, 2, 1))  # due in 2024

    questionnaire = Questionnaire.objects.create(
        code="kpi-test",
        title="Удовлетворённость (тест)",
        purpose=Questionnaire.Purpose.SATISFACTION,
        audience=Questionnaire.Audience.PARTICIPANT,
    )
    questions = [
        Question.objects.create(
            questionnaire=questionnaire,
            order=n,
            text=f"Вопрос {n}",
            kind="scale",
            is_satisfaction=True,
        )
        for n in (1, 2)
    ]
    wave = Wave.objects.create(
        questionnaire=questionnaire,
        title="Опрос",
        opened_on=D(2023, 5, 1),
        closes_on=D(2024, 1, 31),
    )
    moment = timezone.make_aware(dt.datetime(2023, 6, 1, 12, 0))
    mentee = Invitation.Role.MENTEE
    satisfaction_answer(wave, questions, s1, mentee, [8, 10], moment)
    satisfaction_answer(wave, questions, s2, mentee, [6], moment)
    satisfaction_answer(
        wave, questions, u1, mentee, [1, 1], timezone.make_aware(dt.datetime(2024, 1, 10, 12))
    )  # answered in 2024
    # The registry as it was entered: on the first day of the year counted.
    history_back_date(D(2023, 1, 1))
    return {"roadmap": roadmap, "section": section}


def rows_by_code(year=YEAR, today=TODAY):
    rows = kpi_values_for_year(year, today=today)
    return {row.computation: row for row in rows}


EXPECTED_2023 = [
    # code, numerator, denominator, actual
    ("mentees_students", 3, 8, "37.5"),
    ("mentees_disability", 1, 2, "50.0"),
    ("mentors_teachers", 2, 6, "33.3"),
    ("mentees_aged_10_19", 4, 8, "50.0"),
    ("mentors_aged_15_19", 1, 6, "16.7"),
    ("young_teachers_mentees", 1, 3, "33.3"),
    ("enterprises_gave_mentors", 1, 3, "33.3"),
    ("consents_on_file", 7, 10, "70.0"),
    ("plans_done", 3, 4, "75.0"),
    ("roadmap_on_time", 3, 5, "60.0"),
    # Mean of 8, 10, 6 = 8 of 10; the answer of 2024 is not counted.
    ("mentee_satisfaction", None, None, "80"),
    # The programmes' readings. s1 scored 9 on average (satisfied), s2 6.
    ("mentees_satisfied", 1, 2, "50.0"),
    # Plans of pairs working in 2023: plan1 2 of its 3 tasks due in 2023, plan3 1 of 1.
    ("plans_done_90", 1, 2, "50.0"),
    # The banks: the 10 participants, and s3 (consent valid), s6, s7, t6, e2 (none) — 8 of 15.
    ("consents_whole_base", 8, 15, "53.3"),
]


# The region's shares (their denominator is the region's figure, entered for the period).
REGIONAL = sorted(code for code, c in COMPUTATIONS.items() if c.regional_denominator)


def enter_denominator(code, value, year=YEAR):
    return IndicatorYearData.objects.create(
        indicator=Indicator.objects.get(computation=code),
        period=str(year),
        denominator=Decimal(value),
    )


@pytest.mark.parametrize(("code", "numerator", "denominator", "actual"), EXPECTED_2023)
def test_kpi_computation_matches_hand_count(registry, code, numerator, denominator, actual):
    """The hand counts; a regional share divides by the region's figure, here entered equal
    to the count of the college's base so the same value comes out."""
    if code in REGIONAL:
        enter_denominator(code, denominator)
    row = rows_by_code()[code]
    assert (row.numerator, row.denominator) == (numerator, denominator)
    assert row.actual == Decimal(actual)


@pytest.mark.parametrize(
    ("code", "numerator", "base"), [e[:3] for e in EXPECTED_2023 if e[0] in REGIONAL]
)
def test_kpi_regional_share_without_its_denominator_is_not_computed(
    registry, code, numerator, base
):
    """Without the region's figure for the period the college's base is no stand-in: the
    numerator stays as counted, no denominator, no value, and the formula says what is
    missing and what the base holds; the status says so whatever the target."""
    set_target(code, "1")  # the base's count would have met it
    row = rows_by_code()[code]
    assert (row.numerator, row.denominator, row.actual) == (numerator, None, None)
    assert row.status is KpiStatus.NO_REGIONAL_DENOMINATOR
    assert row.status.label == "нет регионального знаменателя"
    assert not row.denominator_entered
    assert row.formula == (
        f"{COMPUTATIONS[code].formula}; знаменатель за 2023 год не внесён; "
        f"в базе колледжа: {base}"
    )
    assert "субъекте РФ" in row.formula
    # The base's count is still what the computation measures (the package may report it).
    measure = COMPUTATIONS[code].measure(YEAR, today=TODAY)
    assert (measure.numerator, measure.denominator) == (numerator, base)


def test_kpi_regional_share_without_target_still_says_the_denominator_is_missing(registry):
    row = rows_by_code()["enterprises_gave_mentors"]
    assert row.target is None
    assert row.status is KpiStatus.NO_REGIONAL_DENOMINATOR


def test_kpi_regional_denominator_of_another_period_is_not_used(registry):
    enter_denominator("mentees_aged_10_19", 400, year=2024)
    IndicatorYearData.objects.create(
        indicator=Indicator.objects.get(computation="mentees_aged_10_19"),
        period=f"{YEAR}/{YEAR + 1}",
        denominator=Decimal(500),
    )
    row = rows_by_code()["mentees_aged_10_19"]
    assert row.status is KpiStatus.NO_REGIONAL_DENOMINATOR
    # An entered row for the period without a denominator (a source alone) is no figure.
    IndicatorYearData.objects.create(
        indicator=Indicator.objects.get(computation="mentees_aged_10_19"),
        period=str(YEAR),
        source="Росстат",
    )
    assert rows_by_code()["mentees_aged_10_19"].status is KpiStatus.NO_REGIONAL_DENOMINATOR


def test_kpi_expectations_cover_every_computation_but_mentors_satisfaction():
    tested = {code for code, *_ in EXPECTED_2023}
    assert set(COMPUTATIONS) - tested == {"mentor_satisfaction", "mentors_satisfied"}


@pytest.mark.parametrize(
    ("code", "note"), [("mentor_satisfaction", "ответов нет"), ("mentors_satisfied", "")]
)
def test_kpi_satisfaction_without_answers_has_no_data(registry, code, note):
    row = rows_by_code()[code]
    assert row.actual is None
    assert row.status is KpiStatus.NO_DATA
    assert row.note == note


def test_kpi_satisfaction_note_says_what_it_is_made_of(registry):
    row = rows_by_code()["mentee_satisfaction"]
    assert row.note == "респондентов: 2, оценок: 3, средний балл 8,00"
    assert "÷ 10 × 100 %" in row.formula


def test_kpi_computation_measure_runs_alone(registry):
    measure = COMPUTATIONS["mentees_students"].measure(YEAR)
    assert (measure.numerator, measure.denominator) == (3, 8)


def test_kpi_roadmap_counts_only_what_is_due_by_today(registry):
    # On 1 June 2023: the March activity (in time) and the May one (late) and the yearly
    # May one (in time) were due; October and November were still ahead.
    row = rows_by_code(today=D(2023, 6, 1))["roadmap_on_time"]
    assert (row.numerator, row.denominator) == (2, 3)


def set_target(code, value, year=YEAR):
    indicator = Indicator.objects.get(computation=code)
    IndicatorTarget.objects.create(indicator=indicator, period=str(year), value=Decimal(value))
    return indicator


@pytest.mark.parametrize(
    ("code", "target", "status"),
    [
        ("mentees_students", "30", KpiStatus.MET),  # 37.5 ≥ 30
        ("mentees_disability", "50", KpiStatus.MET),  # 50.0 = 50: met
        ("mentors_teachers", "40", KpiStatus.NOT_MET),  # 33.3 < 40
        ("consents_whole_base", "53.3", KpiStatus.MET),  # 8/15 = 53.33 shown as 53.3
        # Counted over the base it would be met (1/6); without the region's figure it is not
        # computed at all.
        ("mentors_aged_15_19", "3", KpiStatus.NO_REGIONAL_DENOMINATOR),
        ("mentor_satisfaction", "85", KpiStatus.NO_DATA),
        ("plans_done", None, None),  # no target: no status
    ],
)
def test_kpi_status_against_the_years_target(registry, code, target, status):
    if target is not None:
        set_target(code, target)
    row = rows_by_code()[code]
    assert row.status is status
    assert row.target == (Decimal(target) if target else None)


def test_kpi_target_of_another_year_is_not_used(registry):
    set_target("mentees_students", "90", year=2024)
    assert rows_by_code()["mentees_students"].target is None


def test_kpi_entered_denominator_replaces_the_registry(registry):
    indicator = Indicator.objects.get(computation="mentees_aged_10_19")
    IndicatorYearData.objects.create(
        indicator=indicator, period=str(YEAR), denominator=Decimal(400), source="Кировстат"
    )
    set_target("mentees_aged_10_19", "1")
    row = rows_by_code()["mentees_aged_10_19"]
    assert (row.numerator, row.denominator, row.actual) == (4, Decimal(400), Decimal("1.0"))
    assert row.denominator_entered
    assert row.status is KpiStatus.MET  # the region's figure entered: a status again
    assert "знаменатель, внесённый за 2023 год" in row.formula
    assert "не внесён" not in row.formula
    assert row.source == "Кировстат"


def test_kpi_entered_zero_denominator_means_no_data(registry):
    indicator = Indicator.objects.get(computation="enterprises_gave_mentors")
    IndicatorYearData.objects.create(indicator=indicator, period=str(YEAR), denominator=Decimal(0))
    row = rows_by_code()["enterprises_gave_mentors"]
    assert row.actual is None and row.status is KpiStatus.NO_DATA


@pytest.mark.parametrize(
    ("code", "actual"),
    [
        ("mentee_satisfaction", "80"),
        ("mentees_satisfied", "50.0"),
        ("plans_done_90", "50.0"),
        ("consents_whole_base", "53.3"),
    ],
)
def test_kpi_ignores_an_entered_denominator_where_the_data_is_the_whole(registry, code, actual):
    indicator = Indicator.objects.get(computation=code)
    IndicatorYearData.objects.create(indicator=indicator, period=str(YEAR), denominator=Decimal(3))
    row = rows_by_code()[code]
    assert row.actual == Decimal(actual) and not row.denominator_entered


@pytest.mark.parametrize(
    ("entered", "actual", "status"),
    [
        ({"value": Decimal("12.5")}, Decimal("12.5"), KpiStatus.NOT_MET),
        ({"numerator": Decimal(9), "denominator": Decimal(12)}, Decimal("75.0"), KpiStatus.MET),
        ({}, None, KpiStatus.NO_DATA),
    ],
)
def test_kpi_manual_indicator_takes_what_was_entered(db, entered, actual, status):
    indicator = Indicator.objects.create(name="Доля выпускников-наставников", order=200)
    IndicatorTarget.objects.create(indicator=indicator, period=str(YEAR), value=Decimal(20))
    if entered:
        IndicatorYearData.objects.create(indicator=indicator, period=str(YEAR), **entered)
    row = next(r for r in kpi_values_for_year(YEAR, today=TODAY) if r.indicator_id == indicator.pk)
    assert row.is_manual
    assert (row.actual, row.status) == (actual, status)
    assert row.formula.startswith("вводится вручную")


def test_kpi_rows_follow_indicator_order_and_carry_name_and_unit(registry):
    rows = kpi_values_for_year(YEAR, today=TODAY)
    assert [row.name for row in rows] == list(Indicator.objects.values_list("name", flat=True))
    first = rows[0]
    assert first.name.startswith("Удельный вес численности наставляемых из числа обучающихся")
    assert first.unit == "%"
    assert first.year == YEAR
    assert first.formula == (
        "обучающиеся очной формы — наставляемые (в паре, работавшей в периоде) ÷ все "
        "обучающиеся очной формы обучения в базе × 100 %"
    )


def test_kpi_series_gives_targets_and_actuals_by_year(registry):
    set_target("plans_done", "90", year=2023)
    set_target("plans_done", "95", year=2024)
    series = {s.name: s for s in kpi_series([2024, 2023, 2023], today=TODAY)}
    plans = series[COMPUTATIONS["plans_done"].name]
    assert plans.periods == (ReportPeriod.calendar(2023), ReportPeriod.calendar(2024))
    assert plans.targets == (Decimal(90), Decimal(95))
    # 2024: the one task due in 2024 was done.
    assert plans.actuals == (Decimal("75.0"), Decimal("100.0"))


def add_people(count):
    """More of everything the families count: students, teachers, pairs, plans and tasks,
    satisfaction answers, mentees in the bank without a pair."""
    form = "teacher-student"
    wave = Wave.objects.get(title="Опрос")
    questions = list(Question.objects.filter(questionnaire__code="kpi-test").order_by("order"))
    moment = timezone.make_aware(dt.datetime(2023, 6, 1, 12, 0))
    for n in range(count):
        student = person(f"Доп{n}", D(2006, 1, 1), has_disability=n % 2 == 0)
        teacher = person(f"ДопПедагог{n}", D(1980, 1, 1), kind=Kind.TEACHER, experience_years=n)
        consent(student, D(2022, 1, 1))
        made = pair(teacher, [student], form, D(2023, 1, 1))
        plan = IndividualPlan.objects.create(pair=made, goals="цели")
        task(plan, D(2023, 4, 1), done_on=D(2023, 4, 1))
        task(plan, D(2023, 9, 1), done_on=D(2023, 9, 1) if n % 2 else None)
        satisfaction_answer(wave, questions, student, Invitation.Role.MENTEE, [n % 10 + 1], moment)
        scores = [9, 6 + n % 2]  # 7.5 on average, or 8: every other one satisfied
        satisfaction_answer(wave, questions, teacher, Invitation.Role.MENTOR, scores, moment)
        MenteeProfile.objects.create(person=person(f"Ждущий{n}", D(2007, 1, 1)))


def count_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        kpi_values_for_year(YEAR, today=TODAY)
    return len(queries)


def test_kpi_values_for_year_runs_a_fixed_number_of_queries(registry):
    """The programmes' readings take no query of their own: each is counted in the query of
    the family beside the indicator it reads differently."""
    readings = {"mentees_satisfied", "mentors_satisfied", "plans_done_90", "consents_whole_base"}
    assert readings <= set(Indicator.objects.values_list("computation", flat=True))
    small = count_queries()
    add_people(40)
    history_back_date(D(2023, 1, 1))
    assert count_queries() == small
    # indicators, targets, year data; people, organisations, satisfaction (both roles),
    # plans, roadmap activities and their yearly marks.
    assert small == 9
    # What grew was counted, not fetched row by row.
    rows = rows_by_code()
    assert (rows["mentors_satisfied"].numerator, rows["mentors_satisfied"].denominator) == (20, 40)
    assert rows["plans_done_90"].denominator == 42
    assert rows["consents_whole_base"].denominator == 15 + 40 * 3


@pytest.mark.parametrize(
    ("kept", "queries_run"),
    [
        (["plans_done"], 4),
        (["plans_done", "plans_done_90"], 4),  # one family, one query
        (["consents_whole_base"], 4),
        (["mentees_satisfied", "mentors_satisfied"], 4),  # one surveys' query, both roles
        (["mentee_satisfaction", "mentees_satisfied"], 4),
    ],
)
def test_kpi_families_run_only_when_an_indicator_needs_them(registry, kept, queries_run):
    Indicator.objects.exclude(computation__in=kept).delete()
    with CaptureQueriesContext(connection) as queries:
        rows = kpi_values_for_year(YEAR, today=TODAY)
    assert [row.computation for row in rows] == kept
    assert len(queries) == queries_run


def test_kpi_people_family_is_one_query(registry):
    with CaptureQueriesContext(connection) as queries:
        counts = kpi.people_counts(YEAR)
    assert len(queries) == 1
    assert counts["participants"] == 10
    assert (counts["base_participants_consented"], counts["base_participants"]) == (8, 15)


def test_standard_indicators_ship_one_per_computation_without_targets(db):
    """The data migrations: the seeds' indicators and the programmes' readings, one per
    computation, in %, no targets, each with the registry's name and description."""
    shipped = list(Indicator.objects.values_list("computation", "name", "unit", "description"))
    assert {code: name for code, name, _unit, _text in shipped} == {
        code: computation.name for code, computation in COMPUTATIONS.items()
    }
    assert {code: text for code, _name, _unit, text in shipped} == {
        code: computation.description for code, computation in COMPUTATIONS.items()
    }
    assert len(shipped) == len(COMPUTATIONS)
    assert {unit for _code, _name, unit, _text in shipped} == {"%"}
    assert all("× 100 %" in text for _code, _name, _unit, text in shipped)
    assert not IndicatorTarget.objects.exists()


def test_full_time_migration_rewrites_only_the_shipped_description(db):
    """roadmap 0008: the description 0003 shipped becomes the registry's (the test above
    sees the result); an organisation's own text stays; backwards gives 0003's back."""
    from importlib import import_module

    from django.apps import apps

    shipped = import_module("roadmap.migrations.0003_indicators").INDICATORS[0]
    migration = import_module("roadmap.migrations.0009_students_indicator_full_time")
    periods = import_module("roadmap.migrations.0012_indicator_descriptions_of_periods")
    indicator = Indicator.objects.get(computation="mentees_students")
    assert migration.OLD == shipped["description"]
    # Back before 0012 (the periods' wording), then before 0009.
    periods.backwards(apps, None)
    migration.backwards(apps, None)
    indicator.refresh_from_db()
    assert indicator.description == shipped["description"]
    migration.forwards(apps, None)
    indicator.refresh_from_db()
    assert indicator.description == periods.DESCRIPTIONS["mentees_students"][0]
    periods.forwards(apps, None)
    indicator.refresh_from_db()
    assert indicator.description == COMPUTATIONS["mentees_students"].description
    Indicator.objects.filter(pk=indicator.pk).update(description="Своё пояснение колледжа")
    periods.backwards(apps, None)
    migration.forwards(apps, None)
    migration.backwards(apps, None)
    periods.forwards(apps, None)
    indicator.refresh_from_db()
    assert indicator.description == "Своё пояснение колледжа"


def test_periods_migration_rewrites_the_shipped_descriptions_only(db):
    """roadmap 0012: every shipped description that spoke of «31 декабря» or «сейчас» now
    speaks of the period; a college's own text stays; backwards gives the old text."""
    from importlib import import_module

    from django.apps import apps

    periods = import_module("roadmap.migrations.0012_indicator_descriptions_of_periods")
    assert set(periods.DESCRIPTIONS) <= set(COMPUTATIONS)
    for _old, new in periods.DESCRIPTIONS.values():
        assert "31 декабря" not in new and "сейчас" not in new and "в году" not in new
    own = Indicator.objects.get(computation="mentors_teachers")
    Indicator.objects.filter(pk=own.pk).update(description="Своё пояснение колледжа")
    periods.backwards(apps, None)
    texts = dict(Indicator.objects.values_list("computation", "description"))
    assert texts["plans_done"] == periods.DESCRIPTIONS["plans_done"][0]
    assert texts["mentors_teachers"] == "Своё пояснение колледжа"
    periods.forwards(apps, None)
    texts = dict(Indicator.objects.values_list("computation", "description"))
    assert texts["plans_done"] == COMPUTATIONS["plans_done"].description
    assert texts["mentors_teachers"] == "Своё пояснение колледжа"


def test_regional_migration_rewrites_the_shipped_descriptions_only(db):
    """roadmap 0014: the four regional shares' descriptions 0012 left («без него знаменатель
    — … в базе») now say the base is no stand-in; a college's own text stays; backwards
    gives 0012's text back."""
    from importlib import import_module

    from django.apps import apps

    periods = import_module("roadmap.migrations.0012_indicator_descriptions_of_periods")
    regional = import_module("roadmap.migrations.0014_regional_indicator_descriptions")
    assert set(regional.DESCRIPTIONS) == {
        code for code, c in COMPUTATIONS.items() if c.regional_denominator
    }
    own = Indicator.objects.get(computation="mentors_aged_15_19")
    Indicator.objects.filter(pk=own.pk).update(description="Своё пояснение колледжа")
    regional.backwards(apps, None)
    texts = dict(Indicator.objects.values_list("computation", "description"))
    for code in ("mentees_aged_10_19", "young_teachers_mentees", "enterprises_gave_mentors"):
        assert texts[code] == regional.DESCRIPTIONS[code][0]
        assert texts[code] == periods.DESCRIPTIONS[code][1]  # 0012's text, 0014's before
    assert texts["mentors_aged_15_19"] == "Своё пояснение колледжа"
    regional.forwards(apps, None)
    texts = dict(Indicator.objects.values_list("computation", "description"))
    for code in ("mentees_aged_10_19", "young_teachers_mentees", "enterprises_gave_mentors"):
        assert texts[code] == COMPUTATIONS[code].description
        assert "нет регионального знаменателя" in texts[code]
    assert texts["mentors_aged_15_19"] == "Своё пояснение колледжа"


def test_a_year_not_yet_begun_has_no_data_but_keeps_its_targets(db):
    from roadmap.kpi import KpiStatus, kpi_values_for_year
    from roadmap.models import Indicator, IndicatorTarget

    indicator = Indicator.objects.get(computation="mentors_teachers")
    IndicatorTarget.objects.create(indicator=indicator, period="2031", value=70)
    rows = {r.computation: r for r in kpi_values_for_year(2031, today=dt.date(2030, 6, 1))}
    row = rows["mentors_teachers"]
    assert row.target == 70 and row.actual is None
    assert row.status == KpiStatus.NO_DATA
    assert row.note == "год ещё не начался"


def test_a_regional_share_of_a_year_not_yet_begun_names_no_base(db):
    rows = {r.computation: r for r in kpi_values_for_year(2031, today=dt.date(2030, 6, 1))}
    row = rows["enterprises_gave_mentors"]
    assert (row.numerator, row.denominator, row.actual) == (None, None, None)
    assert row.status is KpiStatus.NO_REGIONAL_DENOMINATOR
    assert row.note == "год ещё не начался"
    assert row.formula.endswith("знаменатель за 2031 год не внесён")



def test_programme_readings_ship_right_after_the_indicator_they_read(db):
    order = list(Indicator.objects.values_list("computation", flat=True))
    for reading, beside in [
        ("mentees_satisfied", "mentee_satisfaction"),
        ("mentors_satisfied", "mentor_satisfaction"),
        ("consents_whole_base", "consents_on_file"),
        ("plans_done_90", "plans_done"),
    ]:
        assert order.index(reading) == order.index(beside) + 1, reading
