"""Builders for the package tests (tests/package/): a college with its ИНН, a year whose
people carry distinctive personal data (to look for in the exported files), and a year of
known small and large counts (for the disclosure rule).

Year 2025, read on 1 March 2026 (a finished year), written straight to the models as the
report tests do (tests/roadmap/report_data.py).
"""

import datetime as dt
import io
import json

from mentorship.cases.models import Case
from mentorship.lib.xlsx import load_workbook
from mentorship.people.models import College, MenteeProfile, MentoringForm, MentorProfile, Person
from mentorship.surveys.models import Invitation
from tests.history_dates import history_back_date
from tests.mentorship.surveys.survey_data import at, satisfaction_answer, wave_make
from tests.roadmap.report_data import achievement, college_make, pair, person

YEAR = 2025
TODAY = dt.date(2026, 3, 1)
NOW = dt.datetime(2026, 3, 1, 10, 30, tzinfo=dt.UTC)
INN = "4205001234"
REGION = "Кемеровская область — Кузбасс"
D = dt.date
Kind = Person.Kind


def college_with_inn(inn: str = INN) -> College:
    college = college_make()
    college.inn = inn
    college.region = REGION
    college.save()
    return college


# People whose every personal value is unlike anything a package writes by itself.
PEOPLE = [
    dict(
        last_name="Зюзюкина",
        first_name="Аглая",
        middle_name="Евлампиевна",
        birth_date=D(2008, 2, 17),
        email="zyuzyukina.aglaya@example.org",
        phone="+7 913 555-17-29",
        study_group="ЖЩ-77-9",
        has_disability=True,
        orphan=True,
    ),
    dict(
        last_name="Пафнутьев",
        first_name="Евстигней",
        middle_name="Ксенофонтович",
        birth_date=D(2009, 7, 13),
        email="pafnutiev@example.org",
        phone="8 (3842) 61-44-07",
        study_group="ЪЫ-13-4",
        rural=True,
    ),
    dict(
        last_name="Квакушкин",
        first_name="Онуфрий",
        middle_name="Изяславович",
        birth_date=D(2007, 10, 29),
        email="kvakushkin@example.org",
        phone="+79045553311",
        study_group="ФЯ-21-8",
        low_income_family=True,
    ),
]
MENTOR = dict(
    last_name="Перепелицына",
    first_name="Гликерия",
    middle_name="Амвросиевна",
    birth_date=D(1977, 11, 23),
    email="perepelitsyna@example.org",
    phone="+7 905 777-00-13",
    kind=Kind.TEACHER,
    experience_years=2,
)
NOTES = "Заметка куратора: секрет-ЧЧ-4711 о семье"
CASE_TITLE = "Педагог-наставник для первокурсника из села"


def region_case(author: str) -> Case:
    """A practice marked «для РНЦ», added in YEAR, whose author is a person of the base."""
    case = Case.objects.create(
        title=CASE_TITLE,
        form=MentoringForm.objects.get(code="teacher-student"),
        problem="Первокурсники из сёл уходят в первый семестр.",
        actions="Каждому назначен педагог-наставник, встречи раз в неделю.",
        result="Из 12 первокурсников к лету учатся все.",
        author=author,
        for_region=True,
    )
    Case.objects.filter(pk=case.pk).update(created_at=at(YEAR))
    return case


def personal_year() -> list[dict]:
    """A year whose mentees and mentor have distinctive personal data (and notes, answers,
    achievements of their own); returns the people's fields, for the search in the files."""
    college_with_inn()
    mentees = [Person.objects.create(kind=Kind.STUDENT, course=2, **fields) for fields in PEOPLE]
    teacher = Person.objects.create(**MENTOR)
    pair(teacher, mentees, "teacher-student", D(2025, 2, 1))
    for mentee in mentees:
        MenteeProfile.objects.filter(person=mentee).update(notes=NOTES)
    MentorProfile.objects.filter(person=teacher).update(notes=NOTES)
    wave = wave_make("mentee-satisfaction", opened_on=D(2025, 5, 1), closes_on=D(2025, 6, 1))
    for score, mentee in zip((9, 7, 10), mentees, strict=True):
        satisfaction_answer(wave, mentee, Invitation.Role.MENTEE, [score], submitted_at=at(2025))
    achievement(mentees[0], "М", "winner", D(2025, 4, 1))
    region_case(f"{MENTOR['last_name']} {MENTOR['first_name']} {MENTOR['middle_name']}")
    history_back_date(D(2023, 1, 1))
    return [*PEOPLE, MENTOR]


def counts_year() -> None:
    """2025: five full-time student mentees (two of them ОВЗ) of one teacher, three mentees
    answering the satisfaction survey, one mentor answering it."""
    college_with_inn()
    mentees = [person(f"Счётный-{n}", D(2000, 1, 1), has_disability=n < 2) for n in range(5)]
    teacher = person("Наставникова", D(1980, 1, 1), kind=Kind.TEACHER, experience_years=10)
    pair(teacher, mentees, "teacher-student", D(2025, 2, 1))
    mentee_wave = wave_make("mentee-satisfaction", opened_on=D(2025, 5, 1), closes_on=D(2025, 6, 1))
    for score, mentee in zip((8, 9, 10), mentees, strict=False):
        satisfaction_answer(
            mentee_wave, mentee, Invitation.Role.MENTEE, [score], submitted_at=at(2025)
        )
    mentor_wave = wave_make("mentor-satisfaction", opened_on=D(2025, 5, 1), closes_on=D(2025, 6, 1))
    satisfaction_answer(mentor_wave, teacher, Invitation.Role.MENTOR, [6], submitted_at=at(2025))
    history_back_date(D(2023, 1, 1))


# --- reading what was written -------------------------------------------------------------


def json_values(data) -> list:
    """Every key and value of a JSON document, depth first."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append(key)
            found.extend(json_values(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(json_values(value))
    else:
        found.append(data)
    return found


def xlsx_cells(content: bytes) -> dict[str, list]:
    """Every non-empty cell value of every sheet (the hidden one too), by sheet name."""
    workbook = load_workbook(io.BytesIO(content))
    try:
        return {
            name: [
                value
                for row in workbook[name].iter_rows(values_only=True)
                for value in row
                if value is not None
            ]
            for name in workbook.sheetnames
        }
    finally:
        workbook.close()


def xlsx_sheet_rows(content: bytes, name: str) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    try:
        return list(workbook[name].iter_rows(values_only=True))
    finally:
        workbook.close()


def loads(content: bytes) -> dict:
    return json.loads(content.decode())
