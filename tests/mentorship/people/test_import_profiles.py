"""Importing the mentor and mentee banks and the partner organisations."""

import datetime as dt

import pytest

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.people.models import (
    Competency,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    PartnerOrganisation,
)
from tests.factories import MenteeProfileFactory, PartnerOrganisationFactory, PersonFactory
from tests.lib.xlsx_files import (
    MENTEE_HEADERS,
    MENTOR_HEADERS,
    ORGANISATION_HEADERS,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def run(base: str, headers, rows, commit: bool = True):
    return xlsx_import(base=xlsx_bases()[base], data=xlsx_bytes(headers, rows), commit=commit)


def texts(report) -> list[str]:
    return [str(issue) for issue in report.issues]


def identity(person) -> dict:
    return {
        "Фамилия": person.last_name.upper(),
        "Имя": person.first_name,
        "Отчество": person.middle_name,
        "Дата рождения": person.birth_date.strftime("%d.%m.%Y"),
    }


def test_mentor_import_creates_profile_with_forms_and_competencies():
    person = PersonFactory(teacher=True, last_name="Наставникова")
    row = identity(person) | {
        "Статус": "Утверждён",
        "Формы наставничества": "педагог - студент; Студент – студент",
        "Компетенции": "Проектная деятельность;Психоэмоциональная поддержка",
        "Чем могу быть полезен": "Помогу с курсовой\nи практикой",
        "Количество наставляемых": 3,
    }
    report = run("mentors", MENTOR_HEADERS, [row])
    assert report.issues == [] and report.new == 1
    profile = MentorProfile.objects.get(person=person)
    assert profile.status == MentorProfile.Status.APPROVED
    assert sorted(profile.forms.values_list("code", flat=True)) == [
        "student-student",
        "teacher-student",
    ]
    assert profile.competencies.count() == 2
    assert profile.useful_for == "Помогу с курсовой\nи практикой"
    assert profile.capacity == 3

    again = run("mentors", MENTOR_HEADERS, [row])
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1)
    assert MentorProfile.objects.count() == 1

    row["Компетенции"] = "Проектная деятельность"
    changed = run("mentors", MENTOR_HEADERS, [row])
    assert changed.changed == 1
    assert profile.competencies.count() == 1


def test_mentor_import_needs_the_person_in_the_people_base():
    row = {"Фамилия": "Неизвестнов", "Имя": "Иван", "Отчество": "", "Дата рождения": "01.01.1980"}
    report = run("mentors", MENTOR_HEADERS, [row])
    assert texts(report) == [
        "Строка 2, «ФИО и дата рождения»: человека «Неизвестнов Иван», 01.01.1980 г. р. нет "
        "в базе людей — сначала загрузите его в базу «Люди» (или проверьте написание и дату "
        "рождения)"
    ]
    assert MentorProfile.objects.count() == 0


def test_mentor_import_reports_bad_identity_cell_by_its_column():
    row = {"Фамилия": "Иванов", "Имя": "Иван", "Дата рождения": "30.02.1980"}
    report = run("mentors", MENTOR_HEADERS, [row])
    assert texts(report) == ["Строка 2, «Дата рождения»: даты «30.02.1980» не существует"]


def test_mentor_import_lists_unknown_competencies_and_capacity_range():
    person = PersonFactory(teacher=True)
    row = identity(person) | {
        "Компетенции": "Вязание; Проектная деятельность",
        "Количество наставляемых": 50,
    }
    report = run("mentors", MENTOR_HEADERS, [row])
    assert texts(report) == [
        "Строка 2, «Компетенции»: нет такой компетенции: «Вязание»; допустимо: см. лист "
        "«Справка» в шаблоне (несколько значений — через «;»)",
        "Строка 2, «Количество наставляемых»: «50» — ожидается целое число от 1 до 30",
    ]
    assert MentorProfile.objects.count() == 0


def test_mentor_import_duplicate_person_names_both_rows():
    person = PersonFactory(teacher=True)
    report = run("mentors", MENTOR_HEADERS, [identity(person), identity(person)])
    assert texts(report) == [
        "Строка 3, «ФИО и дата рождения»: повтор строки 2: одна запись не может быть в файле дважды"
    ]


def test_mentee_import_adds_requests_and_never_removes_others():
    profile = MenteeProfileFactory()
    psychologist_topic = Competency.objects.get(name="Психоэмоциональная поддержка")
    MenteeRequest.objects.create(
        mentee=profile, topic=psychologist_topic, raised_by=MenteeRequest.RaisedBy.PSYCHOLOGIST
    )
    row = identity(profile.person) | {
        "Статус": "в паре / группе",
        "Форма наставничества": "Педагог – студент",
        "Запросы": "Проектная деятельность",
    }
    report = run("mentees", MENTEE_HEADERS, [row])
    assert report.issues == [] and report.changed == 1
    profile.refresh_from_db()
    assert profile.status == MenteeProfile.Status.IN_PAIR
    requests = {r.topic.name: r.raised_by for r in profile.requests.all()}
    assert requests == {
        "Проектная деятельность": MenteeRequest.RaisedBy.SELF,
        "Психоэмоциональная поддержка": MenteeRequest.RaisedBy.PSYCHOLOGIST,
    }
    again = run("mentees", MENTEE_HEADERS, [row])
    assert (again.changed, again.unchanged) == (0, 1)
    assert profile.requests.count() == 2


def test_mentee_import_creates_profile_with_default_status():
    person = PersonFactory(last_name="Новенький")
    report = run("mentees", MENTEE_HEADERS, [identity(person)])
    assert report.new == 1
    assert MenteeProfile.objects.get(person=person).status == MenteeProfile.Status.WAITING


def test_organisation_import_creates_then_matches_by_name_any_spelling():
    row = {
        "Название": "АО «Шахта Распадская»",
        "ИНН": 4214000608,
        "Номер соглашения": "12/24",
        "Дата соглашения": dt.datetime(2024, 9, 1),
        "Контактное лицо": "Петров П. П.",
        "Телефон": "+7 3843 00-00-00",
        "Email": "HR@example.ru",
        "Адрес": "г. Междуреченск",
    }
    assert run("organisations", ORGANISATION_HEADERS, [row]).new == 1
    org = PartnerOrganisation.objects.get()
    assert (org.inn, org.agreement_date, org.email) == (
        "4214000608",
        dt.date(2024, 9, 1),
        "hr@example.ru",
    )
    row["Название"] = 'ао "шахта  распадская"'
    again = run("organisations", ORGANISATION_HEADERS, [row])
    assert (again.new, again.changed + again.unchanged) == (0, 1)
    assert PartnerOrganisation.objects.count() == 1


def test_organisation_import_refuses_an_inn_already_taken():
    PartnerOrganisationFactory(name="ООО «Первая»", inn="4205000001")
    rows = [
        {"Название": "ООО «Вторая»", "ИНН": "4205000001"},
        {"Название": "ООО «Третья»", "ИНН": "4205000002"},
        {"Название": "ООО «Четвёртая»", "ИНН": "4205000002"},
        {"Название": "ООО «Третья»"},
    ]
    report = run("organisations", ORGANISATION_HEADERS, rows)
    assert texts(report) == [
        "Строка 2, «ИНН»: ИНН 4205000001 уже указан у организации «ООО «Первая»»",
        "Строка 4, «ИНН»: ИНН 4205000002 уже указан в строке 3",
        "Строка 5, «Название»: эта организация уже есть в файле в строке 3; оставьте одну строку",
    ]
    assert PartnerOrganisation.objects.count() == 1
