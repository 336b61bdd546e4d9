"""KPI indicators of the programme: the registry of computations, the maths, the values.

An Indicator (roadmap.models) names a computation of this registry by its code, or is
«вводится вручную». For a calendar year (1 January – 31 December, as in the seeds' tables)
each computation gives a Measure — numerator and denominator counted from the data — and
kpi_value() turns it into a percentage compared with the year's target.

Counting. Every family of indicators is one aggregate query (conditional Count over one
table, uncorrelated sub-selects for «was a mentee / a mentor in the year»), so that
kpi_values_for_year() runs a fixed number of queries whatever the size of the bases:
indicators (1), their targets and entered figures (2), people (1), organisations (1),
satisfaction (2: mentors and mentees, the surveys' own selector), plan tasks (1), roadmap
activities (2: the roadmap's own selector). A family runs only if an indicator needs it.

Shared definitions (every computation's docstring relies on them):
- a pair «works in the year» when Pair.objects.active_in(year) says so: it was activated
  (not only being formed), started by 31 December and had not ended before 1 January;
- a mentee «of the year» is the person of a mentee profile that joined such a pair by
  31 December; a mentor «of the year» is the person who mentors such a pair;
- the participants of the year are its mentees and mentors, each person once;
- ages are taken on 31 December of the year: «from 10 to 19 years» means born in the years
  Y−19 … Y−10 (the age a person reaches in the year);
- the registry is the people base as it is now (kind, ОВЗ, experience are not kept by
  date): for past years the shares use today's categories.

An entered denominator (IndicatorYearData.denominator for the year) replaces the one
counted from the registry — how the seeds' regional shares («проживающих в субъекте РФ»,
«предприятий, осуществляющих деятельность в субъекте») and the count of full-time students
(the registry has no form-of-study flag) come in. Satisfaction has no denominator to enter.

Status (kpi_value): «нет данных» when there is nothing to divide by (zero or no
denominator) and no value was entered; otherwise «выполнен» when the actual value, rounded
to one decimal as it is shown, is at least the target, «не выполнен» when below; without a
target for the year there is no status (None).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import Count, Q
from django.utils import timezone

from mentorship.pairs.models import Pair, PairMembership, PlanTask
from mentorship.lib.numbers import percent
from mentorship.people.consent_rules import consent_holds_q
from mentorship.people.models import PartnerOrganisation, Person
from mentorship.surveys.models import Invitation
from mentorship.surveys.results import satisfaction_for_year

from .models import Indicator, IndicatorTarget, IndicatorYearData
from .selectors import activities_on_time

MANUAL = Indicator.MANUAL
MANUAL_LABEL = "вводится вручную"

Number = int | Decimal


# --- the maths (pure) ----------------------------------------------------------------------


class KpiStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return {"met": "выполнен", "not_met": "не выполнен", "no_data": "нет данных"}[self]


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
) -> KpiValue:
    """The value of an indicator for a year, from plain numbers.

    manual — a value entered (or computed elsewhere, like satisfaction) that is the actual
    value itself, taken as it is; without it the actual is numerator ÷ denominator × 100,
    rounded half up to one decimal.
    """
    target = _decimal(target)
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


# --- the families: one aggregate query each ------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """What a computation found for a year: the counts, or (satisfaction) the value itself
    with a note on what it is made of."""

    numerator: Number | None
    denominator: Number | None
    value: Number | float | None = None
    note: str = ""


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def born_for_ages(year: int, youngest: int, oldest: int) -> tuple[dt.date, dt.date]:
    """Birth dates of those aged youngest…oldest on 31 December of the year."""
    return dt.date(year - oldest, 1, 1), dt.date(year - youngest, 12, 31)


def people_counts(year: int) -> dict[str, int]:
    """Every people-based count of the year in one aggregate query over Person.

    students / student_mentees — people of kind «обучающийся» (all of them: the registry
      has no full-time flag), and those who were mentees of the year;
    disabled_students / disabled_student_mentees — the same among those marked ОВЗ;
    teachers / teacher_mentors — kind «педагог», and those who mentored a pair of the year;
    aged_10_19 / aged_10_19_mentees — anyone aged 10–19 on 31 December, and the mentees;
    aged_15_19 / aged_15_19_mentors — anyone aged 15–19 on 31 December, and the mentors;
    young_teachers / young_teacher_mentees — teachers with 0–3 years of experience
      recorded (unknown experience is not counted), and the mentees among them;
    participants / participants_consented — mentees and mentors of the year, each once,
      and those for whom a consent held on 31 December (people.consent_rules).
    """
    _start, end = year_bounds(year)
    pairs = Pair.objects.active_in(year).order_by()
    mentee_ids = PairMembership.objects.filter(
        pair__in=pairs.values("pk"), joined_on__lte=end
    ).values("mentee__person_id")
    mentor_ids = pairs.values("mentor__person_id")
    # The consent rule on 31 December, as the file stood then: a later withdrawal does not
    # take back a consent that held for the year.
    consented = Q(consent_holds_q(end, as_it_stood=True))
    mentee = Q(pk__in=mentee_ids)
    mentor = Q(pk__in=mentor_ids)
    participant = mentee | mentor
    student = Q(kind=Person.Kind.STUDENT)
    disabled_student = student & Q(has_disability=True)
    teacher = Q(kind=Person.Kind.TEACHER)
    young_teacher = teacher & Q(experience_years__isnull=False, experience_years__lte=3)
    aged_10_19 = Q(birth_date__range=born_for_ages(year, 10, 19))
    aged_15_19 = Q(birth_date__range=born_for_ages(year, 15, 19))
    return Person.objects.order_by().aggregate(
        students=Count("pk", filter=student),
        student_mentees=Count("pk", filter=student & mentee),
        disabled_students=Count("pk", filter=disabled_student),
        disabled_student_mentees=Count("pk", filter=disabled_student & mentee),
        teachers=Count("pk", filter=teacher),
        teacher_mentors=Count("pk", filter=teacher & mentor),
        aged_10_19=Count("pk", filter=aged_10_19),
        aged_10_19_mentees=Count("pk", filter=aged_10_19 & mentee),
        aged_15_19=Count("pk", filter=aged_15_19),
        aged_15_19_mentors=Count("pk", filter=aged_15_19 & mentor),
        young_teachers=Count("pk", filter=young_teacher),
        young_teacher_mentees=Count("pk", filter=young_teacher & mentee),
        participants=Count("pk", filter=participant),
        participants_consented=Count("pk", filter=participant & consented),
    )


def organisation_counts(year: int) -> dict[str, int]:
    """Partner organisations, and those with an employee mentoring a pair of the year."""
    gave = Pair.objects.active_in(year).order_by().values("mentor__person__organisation_id")
    return PartnerOrganisation.objects.order_by().aggregate(
        organisations=Count("pk"),
        organisations_gave_mentors=Count("pk", filter=Q(pk__in=gave)),
    )


def satisfaction_counts(year: int) -> dict[str, object]:
    """Mentors' and mentees' satisfaction of the year, as the surveys compute it."""
    return {
        "mentee_satisfaction": satisfaction_for_year(year, Invitation.Role.MENTEE),
        "mentor_satisfaction": satisfaction_for_year(year, Invitation.Role.MENTOR),
    }


def plan_counts(year: int) -> dict[str, int]:
    """Individual plan tasks due in the year, and how many of them are done."""
    return (
        PlanTask.objects.filter(due_date__range=year_bounds(year))
        .order_by()
        .aggregate(tasks_due=Count("pk"), tasks_done=Count("pk", filter=Q(done=True)))
    )


def roadmap_counts(year: int, today: dt.date) -> dict[str, int]:
    """Roadmap activities due in the year (up to today, cancelled ones aside) and how many
    were done by their due date — the roadmap's own rule (selectors / schedule.py): a
    month is due on its last day, «ежегодно» every year of the roadmap, «весь период» when
    the roadmap ends. Two queries (the second only for yearly activities' marks)."""
    share = activities_on_time(year, today=today)
    return {"activities_due": share.due, "activities_on_time": share.on_time}


# family → (year, today) → the counts its computations pick from.
FAMILIES: dict[str, Callable[[int, dt.date], Mapping[str, object]]] = {
    "people": lambda year, today: people_counts(year),
    "organisations": lambda year, today: organisation_counts(year),
    "satisfaction": lambda year, today: satisfaction_counts(year),
    "plans": lambda year, today: plan_counts(year),
    "roadmap": roadmap_counts,
}


# --- the registry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Computation:
    """A way to compute an indicator from the data.

    code — what Indicator.computation stores; label — the curator's choice in the admin;
    name — the indicator's name as the seeds write it (the shipped indicator);
    family / numerator_key / denominator_key — where the counts come from.
    """

    code: str
    label: str
    name: str
    numerator_text: str
    denominator_text: str
    family: str
    numerator_key: str
    denominator_key: str = ""
    denominator_may_be_entered: bool = True
    details: str = ""

    @property
    def formula(self) -> str:
        if not self.denominator_key:
            return self.numerator_text
        return f"{self.numerator_text} ÷ {self.denominator_text} × 100 %"

    @property
    def description(self) -> str:
        """The shipped indicator's «пояснение»: the formula and what it rests on."""
        formula = self.formula[:1].upper() + self.formula[1:]
        return f"{formula}. {self.details}".strip()

    def measure_from(self, counts: Mapping[str, object]) -> Measure:
        found = counts[self.numerator_key]
        if not self.denominator_key:  # satisfaction: the surveys' value itself
            return Measure(
                numerator=None,
                denominator=None,
                value=found.percent,
                note=_satisfaction_note(found),
            )
        return Measure(numerator=found, denominator=counts[self.denominator_key])

    def measure(self, year: int, *, today: dt.date | None = None) -> Measure:
        """The counts for one year (runs this computation's family query)."""
        return self.measure_from(FAMILIES[self.family](year, today or timezone.localdate()))


def _satisfaction_note(found) -> str:
    if not found.respondents:
        return "ответов нет"
    mean = f"{found.mean:.2f}".replace(".", ",")
    return f"респондентов: {found.respondents}, оценок: {found.answers}, средний балл {mean}"


_MENTEE_OF_YEAR = "в паре, работавшей в году"
_AGES = "возраст — на 31 декабря года"

COMPUTATIONS: dict[str, Computation] = {
    c.code: c
    for c in (
        Computation(
            code="mentees_students",
            label="Наставляемые среди обучающихся",
            name=(
                "Удельный вес численности наставляемых из числа обучающихся, % от общего "
                "числа обучающихся очной формы обучения"
            ),
            numerator_text=f"обучающиеся-наставляемые ({_MENTEE_OF_YEAR})",
            denominator_text="все обучающиеся в базе",
            family="people",
            numerator_key="student_mentees",
            denominator_key="students",
            details=(
                "Формы обучения в базе нет: считаются все обучающиеся; число обучающихся "
                "очной формы можно внести знаменателем за год."
            ),
        ),
        Computation(
            code="mentees_disability",
            label="Наставляемые среди обучающихся с ОВЗ и инвалидностью",
            name=(
                "Удельный вес численности наставляемых из числа обучающихся инвалидов и лиц "
                "с ограниченными возможностями здоровья, % от общего числа обучающихся "
                "инвалидов и лиц с ограниченными возможностями здоровья"
            ),
            numerator_text=(
                f"обучающиеся с отметкой «ОВЗ / инвалидность» — наставляемые ({_MENTEE_OF_YEAR})"
            ),
            denominator_text="все обучающиеся с отметкой «ОВЗ / инвалидность»",
            family="people",
            numerator_key="disabled_student_mentees",
            denominator_key="disabled_students",
        ),
        Computation(
            code="mentors_teachers",
            label="Наставники среди педагогов",
            name=(
                "Удельный вес численности наставников из числа преподавателей, % от общего "
                "числа преподавателей"
            ),
            numerator_text="педагоги — наставники пар, работавших в году",
            denominator_text="все педагоги в базе",
            family="people",
            numerator_key="teacher_mentors",
            denominator_key="teachers",
        ),
        Computation(
            code="mentee_satisfaction",
            label="Удовлетворённость наставляемых (анкеты)",
            name="Уровень удовлетворенности наставляемых участием в программах наставничества",
            numerator_text=(
                "средний балл ответов наставляемых на вопросы об удовлетворённости "
                "(шкала 1–10) ÷ 10 × 100 %"
            ),
            denominator_text="",
            family="satisfaction",
            numerator_key="mentee_satisfaction",
            denominator_may_be_entered=False,
            details="Ответы, полученные в календарном году; каждая оценка весит одинаково.",
        ),
        Computation(
            code="mentor_satisfaction",
            label="Удовлетворённость наставников (анкеты)",
            name="Уровень удовлетворенности наставников участием в программах наставничества",
            numerator_text=(
                "средний балл ответов наставников на вопросы об удовлетворённости "
                "(шкала 1–10) ÷ 10 × 100 %"
            ),
            denominator_text="",
            family="satisfaction",
            numerator_key="mentor_satisfaction",
            denominator_may_be_entered=False,
            details="Ответы, полученные в календарном году; каждая оценка весит одинаково.",
        ),
        Computation(
            code="mentees_aged_10_19",
            label="Наставляемые в возрасте 10–19 лет",
            name=(
                "Доля детей в возрасте от 10 до 19 лет, проживающих в субъекте РФ, вошедших "
                "в программы наставничества в роли наставляемого"
            ),
            numerator_text=f"люди 10–19 лет — наставляемые ({_MENTEE_OF_YEAR})",
            denominator_text="все люди 10–19 лет в базе",
            family="people",
            numerator_key="aged_10_19_mentees",
            denominator_key="aged_10_19",
            details=(
                f"{_AGES.capitalize()}. Число детей 10–19 лет в субъекте РФ вносится "
                "знаменателем за год; без него знаменатель — люди 10–19 лет в базе."
            ),
        ),
        Computation(
            code="mentors_aged_15_19",
            label="Наставники в возрасте 15–19 лет",
            name=(
                "Доля детей и подростков в возрасте от 15 до 19 лет, проживающих в субъекте "
                "РФ, вошедших в программы наставничества в роли наставника"
            ),
            numerator_text="люди 15–19 лет — наставники пар, работавших в году",
            denominator_text="все люди 15–19 лет в базе",
            family="people",
            numerator_key="aged_15_19_mentors",
            denominator_key="aged_15_19",
            details=(
                f"{_AGES.capitalize()}. Число подростков 15–19 лет в субъекте РФ вносится "
                "знаменателем за год; без него знаменатель — люди 15–19 лет в базе."
            ),
        ),
        Computation(
            code="young_teachers_mentees",
            label="Молодые педагоги (стаж 0–3 года) — наставляемые",
            name=(
                "Доля преподавателей – молодых специалистов (с опытом работы от 0 до 3 лет), "
                "проживающих в субъекте РФ, вошедших в программы наставничества в роли "
                "наставляемого"
            ),
            numerator_text=f"педагоги со стажем 0–3 года — наставляемые ({_MENTEE_OF_YEAR})",
            denominator_text="все педагоги со стажем 0–3 года в базе",
            family="people",
            numerator_key="young_teacher_mentees",
            denominator_key="young_teachers",
            details="Стаж — как записан в базе сейчас; педагоги без стажа не считаются.",
        ),
        Computation(
            code="enterprises_gave_mentors",
            label="Предприятия, предоставившие наставников",
            name=(
                "Доля предприятий (организаций) от общего количества предприятий, "
                "осуществляющих деятельность в субъекте РФ, вошедших в программы "
                "наставничества, предоставив своих наставников"
            ),
            numerator_text=(
                "организации-партнёры, чей сотрудник — наставник пары, работавшей в году"
            ),
            denominator_text="все организации-партнёры в базе",
            family="organisations",
            numerator_key="organisations_gave_mentors",
            denominator_key="organisations",
            details=(
                "Число предприятий субъекта РФ вносится знаменателем за год; без него "
                "знаменатель — все организации-партнёры в базе."
            ),
        ),
        Computation(
            code="consents_on_file",
            label="Согласия на обработку персональных данных",
            name=(
                "Доля участников программы наставничества, у которых оформлено согласие "
                "на обработку персональных данных"
            ),
            numerator_text="участники года с согласием, действующим на 31 декабря",
            denominator_text="участники года (наставники и наставляемые пар, работавших в году)",
            family="people",
            numerator_key="participants_consented",
            denominator_key="participants",
            details=(
                "Согласие действует, если подписано до конца года и не отозвано до конца "
                "года. Каждый человек считается один раз."
            ),
        ),
        Computation(
            code="plans_done",
            label="Выполнение индивидуальных планов",
            name="Индивидуальные планы реализованы, % выполненных задач",
            numerator_text="выполненные задачи индивидуальных планов со сроком в году",
            denominator_text="все задачи индивидуальных планов со сроком в году",
            family="plans",
            numerator_key="tasks_done",
            denominator_key="tasks_due",
        ),
        Computation(
            code="roadmap_on_time",
            label="Мероприятия дорожной карты в срок",
            name=("Доля мероприятий дорожной карты, реализованных в установленные сроки"),
            numerator_text="мероприятия, выполненные не позже срока",
            denominator_text="мероприятия со сроком в году (кроме отменённых)",
            family="roadmap",
            numerator_key="activities_on_time",
            denominator_key="activities_due",
            details=(
                "Срок-месяц наступает в его последний день, «ежегодно» — в каждом году "
                "периода дорожной карты, «весь период» — в день окончания периода; в "
                "текущем году считаются мероприятия, срок которых уже наступил."
            ),
        ),
    )
}


def computation_choices() -> list[tuple[str, str]]:
    """(code, Russian label) for the admin: the registry, then «вводится вручную»."""
    return [(c.code, c.label) for c in COMPUTATIONS.values()] + [(MANUAL, MANUAL_LABEL)]


def computation_label(code: str) -> str:
    if code == MANUAL:
        return MANUAL_LABEL
    found = COMPUTATIONS.get(code)
    return found.label if found else f"неизвестный расчёт «{code}»"


# --- values for a year ---------------------------------------------------------------------


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
    plan tasks (1), roadmap (2) — at most 10, whatever the number of people, pairs or
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
