"""The registry of computations: what an Indicator.computation code means, and its text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from ..models import Indicator
from .counts import FAMILIES, Measure

MANUAL = Indicator.MANUAL
MANUAL_LABEL = "вводится вручную"

# The regional denominators: the region's own figures some indicators divide by (a college
# enters it for its year; the regional centre keeps it per year), by key.
REGIONAL_DENOMINATORS: dict[str, str] = {
    "children_10_19": "дети в возрасте 10–19 лет, проживающие в субъекте РФ",
    "children_15_19": "дети и подростки в возрасте 15–19 лет, проживающие в субъекте РФ",
    "young_teachers": "преподаватели — молодые специалисты (стаж 0–3 года) в субъекте РФ",
    "enterprises": "предприятия (организации), осуществляющие деятельность в субъекте РФ",
}


@dataclass(frozen=True)
class Computation:
    """A way to compute an indicator from the data.

    code — what Indicator.computation stores; label — the curator's choice in the admin;
    name — the indicator's name as colleges' roadmaps write it (the shipped indicator);
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
    # A key of REGIONAL_DENOMINATORS: the indicator's denominator is the region's, and the
    # college's own base is no stand-in for it.
    regional_denominator: str = ""

    @property
    def respondents_role(self) -> str | None:
        """For a satisfaction computation, whose answers it reads: "mentee" or "mentor" (the
        numerator key's first word: mentee_satisfaction, mentor_satisfied…); None otherwise."""
        if self.family != "satisfaction":
            return None
        return self.numerator_key.split("_", 1)[0]

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

    def measure(self, year, *, today: dt.date | None = None) -> Measure:
        """The counts for one report period — a ReportPeriod, or an int for a calendar year
        (runs this computation's family query)."""
        return self.measure_from(FAMILIES[self.family](year, today or timezone.localdate()))


def _satisfaction_note(found) -> str:
    if not found.respondents:
        return "ответов нет"
    mean = f"{found.mean:.2f}".replace(".", ",")
    return f"респондентов: {found.respondents}, оценок: {found.answers}, средний балл {mean}"


_MENTEE_OF_YEAR = "в паре, работавшей в периоде"
_AGES = "возраст — на последний день периода"
# The regional indicators' details: the college's own base is no stand-in for the region.
_UNTIL_ENTERED = (
    "пока его нет, показатель не рассчитывается: в отчёте вместо статуса — «нет "
    "регионального знаменателя»."
)
_SATISFIED = (
    "Оценка человека — средний балл его ответов на вопросы об удовлетворённости (шкала "
    "1–10), полученных в периоде; каждый ответивший считается один раз."
)

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
            numerator_text=f"обучающиеся очной формы — наставляемые ({_MENTEE_OF_YEAR})",
            denominator_text="все обучающиеся очной формы обучения в базе",
            family="people",
            numerator_key="student_mentees",
            denominator_key="students",
            details=(
                "Обучающиеся очно-заочной и заочной форм не считаются. Число обучающихся "
                "очной формы можно внести знаменателем за период; без него знаменатель — "
                "обучающиеся очной формы в базе."
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
            numerator_text="педагоги — наставники пар, работавших в периоде",
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
            details="Ответы, полученные в периоде; каждая оценка весит одинаково.",
        ),
        Computation(
            code="mentees_satisfied",
            label="Удовлетворённые наставляемые (оценка 8 и выше)",
            name=(
                "Доля наставляемых, удовлетворённых участием в программе наставничества "
                "(оценка не ниже 8 из 10)"
            ),
            numerator_text="наставляемые с оценкой не ниже 8 из 10",
            denominator_text="наставляемые, ответившие на вопросы об удовлетворённости в периоде",
            family="satisfaction",
            numerator_key="mentee_satisfied",
            denominator_key="mentee_respondents",
            denominator_may_be_entered=False,
            details=_SATISFIED,
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
            details="Ответы, полученные в периоде; каждая оценка весит одинаково.",
        ),
        Computation(
            code="mentors_satisfied",
            label="Удовлетворённые наставники (оценка 8 и выше)",
            name=(
                "Доля наставников, удовлетворённых участием в программе наставничества "
                "(оценка не ниже 8 из 10)"
            ),
            numerator_text="наставники с оценкой не ниже 8 из 10",
            denominator_text="наставники, ответившие на вопросы об удовлетворённости в периоде",
            family="satisfaction",
            numerator_key="mentor_satisfied",
            denominator_key="mentor_respondents",
            denominator_may_be_entered=False,
            details=_SATISFIED,
        ),
        Computation(
            code="mentees_aged_10_19",
            label="Наставляемые в возрасте 10–19 лет",
            name=(
                "Доля детей в возрасте от 10 до 19 лет, проживающих в субъекте РФ, вошедших "
                "в программы наставничества в роли наставляемого"
            ),
            numerator_text=f"люди 10–19 лет — наставляемые ({_MENTEE_OF_YEAR})",
            denominator_text="дети 10–19 лет, проживающие в субъекте РФ",
            family="people",
            numerator_key="aged_10_19_mentees",
            denominator_key="aged_10_19",
            details=(
                f"{_AGES.capitalize()}. Число детей 10–19 лет в субъекте РФ вносится "
                f"знаменателем за период; {_UNTIL_ENTERED}"
            ),
            regional_denominator="children_10_19",
        ),
        Computation(
            code="mentors_aged_15_19",
            label="Наставники в возрасте 15–19 лет",
            name=(
                "Доля детей и подростков в возрасте от 15 до 19 лет, проживающих в субъекте "
                "РФ, вошедших в программы наставничества в роли наставника"
            ),
            numerator_text="люди 15–19 лет — наставники пар, работавших в периоде",
            denominator_text="дети и подростки 15–19 лет, проживающие в субъекте РФ",
            family="people",
            numerator_key="aged_15_19_mentors",
            denominator_key="aged_15_19",
            details=(
                f"{_AGES.capitalize()}. Число подростков 15–19 лет в субъекте РФ вносится "
                f"знаменателем за период; {_UNTIL_ENTERED}"
            ),
            regional_denominator="children_15_19",
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
            denominator_text="преподаватели со стажем 0–3 года в субъекте РФ",
            family="people",
            numerator_key="young_teacher_mentees",
            denominator_key="young_teachers",
            details=(
                "Стаж — как он был записан в базе на конец периода; педагоги без стажа не "
                "считаются. Число молодых преподавателей (стаж 0–3 года) в субъекте РФ "
                f"вносится знаменателем за период; {_UNTIL_ENTERED}"
            ),
            regional_denominator="young_teachers",
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
                "организации-партнёры, чей сотрудник — наставник пары, работавшей в периоде"
            ),
            denominator_text="предприятия (организации), осуществляющие деятельность в субъекте РФ",
            family="organisations",
            numerator_key="organisations_gave_mentors",
            denominator_key="organisations",
            details=(
                f"Число предприятий субъекта РФ вносится знаменателем за период; {_UNTIL_ENTERED}"
            ),
            regional_denominator="enterprises",
        ),
        Computation(
            code="consents_on_file",
            label="Согласия на обработку персональных данных",
            name=(
                "Доля участников программы наставничества, у которых оформлено согласие "
                "на обработку персональных данных"
            ),
            numerator_text="участники периода с согласием, действующим на конец периода",
            denominator_text=(
                "участники периода (наставники и наставляемые пар, работавших в периоде)"
            ),
            family="people",
            numerator_key="participants_consented",
            denominator_key="participants",
            details=(
                "Согласие действует, если подписано до конца периода и не отозвано до его "
                "конца. Каждый человек считается один раз."
            ),
        ),
        Computation(
            code="consents_whole_base",
            label="Согласия на обработку персональных данных по всей базе",
            name="Доля участников из общей базы с согласием на обработку персональных данных",
            numerator_text=(
                "наставники и наставляемые из базы с согласием, действующим на конец периода"
            ),
            denominator_text="все наставники и наставляемые в базе, в том числе без пары",
            family="people",
            numerator_key="base_participants_consented",
            denominator_key="base_participants",
            denominator_may_be_entered=False,
            details=(
                "База — банки наставников и наставляемых, какими они были на конец периода. "
                "Согласие действует, если подписано до конца периода и не отозвано до его "
                "конца; за "
                "несовершеннолетнего на конец периода — подписанное законным представителем, "
                "как при составлении пар. Каждый человек считается один раз."
            ),
        ),
        Computation(
            code="plans_done",
            label="Выполнение индивидуальных планов",
            name="Индивидуальные планы реализованы, % выполненных задач",
            numerator_text="выполненные задачи индивидуальных планов со сроком в периоде",
            denominator_text="все задачи индивидуальных планов со сроком в периоде",
            family="plans",
            numerator_key="tasks_done",
            denominator_key="tasks_due",
        ),
        Computation(
            code="plans_done_90",
            label="Индивидуальные планы, выполненные на 90 % и более",
            name="Доля индивидуальных планов, выполненных не менее чем на 90 %",
            numerator_text=(
                "индивидуальные планы, в которых выполнено не менее 90 % задач со сроком в периоде"
            ),
            denominator_text=(
                "индивидуальные планы пар, работавших в периоде, хотя бы с одной задачей со "
                "сроком в периоде"
            ),
            family="plans",
            numerator_key="plans_done_90",
            denominator_key="plans_with_tasks",
            denominator_may_be_entered=False,
            details=(
                "Считаются задачи со сроком в периоде; задача, отмеченная выполненной позже "
                "срока, тоже выполнена."
            ),
        ),
        Computation(
            code="roadmap_on_time",
            label="Мероприятия дорожной карты в срок",
            name=("Доля мероприятий дорожной карты, реализованных в установленные сроки"),
            numerator_text="мероприятия, выполненные не позже срока",
            denominator_text="мероприятия со сроком в периоде (кроме отменённых)",
            family="roadmap",
            numerator_key="activities_on_time",
            denominator_key="activities_due",
            details=(
                "Срок-месяц наступает в его последний день, «ежегодно» — в каждом году "
                "периода дорожной карты, «весь период» — в день окончания периода дорожной "
                "карты; в идущем отчётном периоде считаются мероприятия, срок которых уже "
                "наступил."
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
