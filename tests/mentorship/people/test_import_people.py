"""Importing the people base: preview, errors by row and column, all or nothing, no duplicates."""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.people.models import Person
from mentorship.people.resources import PersonResource
from tests.factories import PartnerOrganisationFactory, PersonFactory
from tests.lib.xlsx_files import (
    PEOPLE_HEADERS,
    Formula,
    people_rows,
    people_xlsx,
    person_row,
    xlsx_bytes,
)

PEOPLE = xlsx_bases()["people"]
pytestmark = pytest.mark.django_db


def run(data: bytes, commit: bool = True):
    return xlsx_import(base=PEOPLE, data=data, commit=commit)


def issue_texts(report) -> list[str]:
    return [str(issue) for issue in report.issues]


def history_count() -> int:
    return Person.history.count()


def test_import_preview_shows_new_rows_and_writes_nothing():
    report = run(people_xlsx(people_rows(3)), commit=False)
    assert (report.new, report.changed, report.unchanged, report.issues) == (3, 0, 0, [])
    assert not report.committed
    assert Person.objects.count() == 0
    assert history_count() == 0


def test_import_commit_writes_every_row_normalised_with_history():
    row = person_row(
        0,
        **{
            "Фамилия": "  сидорова\xa0",
            "Имя": "анна  мария",
            "Категория": "ШКОЛЬНИК",
            "Курс": "2",
            "Телефон": "+7 900 111-22-33",
            "Email": " Anna@Example.RU ",
            "ОВЗ": "+",
            "Сирота": "1",
            "Сельская местность": "да",
            "Одарённый": None,
        },
    )
    report = run(people_xlsx([row]))
    assert report.committed and report.new == 1
    person = Person.objects.get()
    assert (person.last_name, person.first_name) == ("Сидорова", "Анна Мария")
    assert person.kind == Person.Kind.PUPIL and person.course == 2
    assert person.phone == "+7 900 111-22-33"
    assert person.email == "anna@example.ru"
    assert (person.has_disability, person.orphan, person.rural, person.is_gifted) == (
        True,
        True,
        True,
        False,
    )
    assert person.birth_date == dt.date(2007, 3, 15)
    assert person.history.count() == 1  # an audit record per imported person


def test_import_one_bad_date_among_500_rows_writes_nothing_and_names_row_and_column():
    rows = people_rows(500)
    rows[250]["Дата рождения"] = "31.02.2008"
    report = run(people_xlsx(rows))
    assert issue_texts(report) == ["Строка 252, «Дата рождения»: даты «31.02.2008» не существует"]
    assert not report.committed
    assert Person.objects.count() == 0
    assert history_count() == 0


@contextmanager
def database_refuses(column: str, value: str):
    """A real database failure: a trigger that refuses to write a person whose column
    holds value (a constraint the import cannot know about), on SQLite and PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_person() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.{column} = %s THEN RAISE EXCEPTION 'refused by the test' "
                "USING ERRCODE = '23514'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                [value],
            )
            cursor.execute(
                "CREATE TRIGGER test_refuse_person BEFORE INSERT OR UPDATE ON people_person "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse_person()"
            )
        else:
            quoted = value.replace("'", "''")
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER test_refuse_person_{event} BEFORE {event} ON people_person "
                    f"WHEN NEW.{column} = '{quoted}' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER test_refuse_person ON people_person")
                cursor.execute("DROP FUNCTION test_refuse_person()")
            else:
                for event in ("INSERT", "UPDATE"):
                    cursor.execute(f"DROP TRIGGER test_refuse_person_{event}")


DB_REFUSED = (
    "Строка 4: база данных отклонила запись (нарушено ограничение целостности); "
    "импорт отменён, ничего не записано"
)


def test_import_database_error_on_row_3_rolls_back_every_row():
    PersonFactory(last_name="Старожилов")
    rows = people_rows(5)
    rows[2]["Группа"] = "ОТКАЗ-1"  # data row 3 = Excel row 4
    before = (Person.objects.count(), history_count())
    with database_refuses("study_group", "ОТКАЗ-1"):
        preview = run(people_xlsx(rows), commit=False)
        report = run(people_xlsx(rows))
    # The preview checks every rule it knows; the database's own refusal shows at the
    # confirmed import, which then writes nothing.
    assert preview.issues == [] and preview.new == 5
    assert not report.committed
    assert issue_texts(report) == [DB_REFUSED]
    assert report.error_rows == 1
    assert (Person.objects.count(), history_count()) == before
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Старожилов"]


def test_import_database_error_while_updating_row_3_keeps_every_stored_value():
    data = people_xlsx(people_rows(5))
    run(data)
    stored = list(Person.objects.order_by("pk").values_list("study_group", "updated_at"))
    before = (Person.objects.count(), history_count())
    rows = people_rows(5)
    for row in rows:
        row["Группа"] = "ГЭ-25-1"
    rows[2]["Группа"] = "ОТКАЗ-2"
    with database_refuses("study_group", "ОТКАЗ-2"):
        report = run(people_xlsx(rows))
    assert issue_texts(report) == [DB_REFUSED]
    assert (Person.objects.count(), history_count()) == before
    assert list(Person.objects.order_by("pk").values_list("study_group", "updated_at")) == stored


def test_import_same_file_twice_creates_no_duplicates():
    data = people_xlsx(people_rows(20))
    assert run(data).new == 20
    again = run(data)
    assert (again.new, again.changed, again.unchanged, again.issues) == (0, 0, 20, [])
    assert Person.objects.count() == 20
    assert history_count() == 20  # unchanged rows are not re-saved


def test_import_matches_existing_person_despite_yo_case_spaces_and_lookalikes():
    person = PersonFactory(last_name="Семёнов", first_name="Пётр", middle_name="Сергеевич")
    row = person_row(
        **{
            "Фамилия": " CEMEНOB ",
            "Имя": "петр",
            "Отчество": "сергеевич\xa0",
            "Группа": person.study_group,
            "Специальность": person.specialty,
            "Телефон": "",
            "ОВЗ": "",
        }
    )
    report = run(people_xlsx([row]))
    assert (report.new, report.changed + report.unchanged) == (0, 1)
    assert Person.objects.count() == 1
    person.refresh_from_db()
    assert (person.last_name, person.first_name) == ("Семёнов", "Пётр")  # ё is kept


def test_import_shows_existing_person_with_new_values_as_changed():
    person = PersonFactory(last_name="Кузнецов", first_name="Илья", middle_name="")
    row = person_row(
        **{"Фамилия": "Кузнецов", "Имя": "Илья", "Отчество": None, "Группа": "ГЭ-23-2"}
    )
    preview = run(people_xlsx([row]), commit=False)
    assert (preview.new, preview.changed) == (0, 1)
    person.refresh_from_db()
    assert person.study_group == "ГЭ-24-1"
    run(people_xlsx([row]))
    person.refresh_from_db()
    assert person.study_group == "ГЭ-23-2"


def test_import_duplicate_person_in_file_names_both_rows():
    rows = people_rows(4)
    rows[3].update({"Фамилия": rows[1]["Фамилия"].upper(), "Имя": "петр"})
    report = run(people_xlsx(rows))
    assert issue_texts(report) == [
        "Строка 5, «ФИО и дата рождения»: этот человек (ФИО и дата рождения) уже есть в "
        "файле в строке 3; оставьте одну строку"
    ]
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (PEOPLE_HEADERS[:-1], "нет колонок «Сирота»"),
        (
            [h if h != "Категория" else "Тип участника" for h in PEOPLE_HEADERS],
            "нет колонок «Категория»; лишние или написанные иначе колонки «Тип участника»",
        ),
        ([*PEOPLE_HEADERS, "Примечание"], "лишние или написанные иначе колонки «Примечание»"),
        ([*PEOPLE_HEADERS, "Фамилия"], "Колонка «Фамилия» встречается в файле дважды"),
    ],
)
def test_import_rejects_file_whose_headers_differ_before_any_row(headers, expected, monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("no row may be processed")

    monkeypatch.setattr(PersonResource, "import_row", must_not_run)
    report = run(xlsx_bytes(headers, [person_row()]))
    assert len(report.issues) == 1
    assert report.issues[0].row is None
    assert expected in report.issues[0].message
    assert Person.objects.count() == 0


def test_import_accepts_headers_in_any_order_case_and_spacing():
    headers = [" " + h.upper().replace("Ё", "Е") + "\xa0" for h in reversed(PEOPLE_HEADERS)]
    row = person_row()
    values = [row.get(h) for h in reversed(PEOPLE_HEADERS)]
    report = run(xlsx_bytes(headers, [values]))
    assert report.issues == [] and report.new == 1


def test_import_formula_without_cached_value_is_a_row_error():
    report = run(people_xlsx([person_row(**{"Группа": Formula('=CONCAT("ГЭ","-24")')})]))
    assert issue_texts(report)[0].startswith(
        "Строка 2, «Группа»: формула без вычисленного значения"
    )
    assert Person.objects.count() == 0


def test_import_keeps_text_starting_with_equals_as_text():
    run(people_xlsx([person_row(**{"Группа": "=1+1", "Специальность": '=HYPERLINK("x")'})]))
    person = Person.objects.get()
    assert (person.study_group, person.specialty) == ("=1+1", '=HYPERLINK("x")')


def test_import_employee_needs_an_organisation_that_exists():
    employee = person_row(
        **{
            "Категория": "сотрудник предприятия",
            "Курс": None,
            "Группа": None,
            "Организация": "АО «Шахта Южная»",
            "Дата рождения": "04.05.1980",
        }
    )
    report = run(people_xlsx([employee]))
    assert issue_texts(report) == [
        "Строка 2, «Организация»: организации «АО «Шахта Южная»» нет в базе "
        "организаций-партнёров — сначала загрузите или добавьте её туда"
    ]
    org = PartnerOrganisationFactory(name="АО «Шахта Южная»")
    assert run(people_xlsx([employee])).new == 1
    assert Person.objects.get().organisation == org


def test_import_model_rules_are_row_errors_with_their_column():
    teacher_with_course = person_row(
        **{"Категория": "педагог", "Курс": 2, "Дата рождения": "01.01.1980"}
    )
    employee_without_org = person_row(
        1, **{"Категория": "сотрудник предприятия", "Курс": None, "Дата рождения": "01.01.1980"}
    )
    nameless = person_row(2, **{"Фамилия": "  ", "Email": "не-почта"})
    report = run(people_xlsx([teacher_with_course, employee_without_org, nameless]))
    assert issue_texts(report) == [
        "Строка 2, «Курс»: курс указывается только для обучающихся и школьников",
        "Строка 3, «Организация»: для сотрудника предприятия укажите организацию",
        "Строка 4, «Фамилия»: это поле не может быть пустым",
        "Строка 4, «Email»: введите правильный адрес электронной почты",
    ]


def test_import_category_or_flag_outside_the_allowed_list_is_a_row_error_listing_them():
    rows = [
        person_row(0, **{"Категория": "студент"}),
        person_row(1, **{"ОВЗ": "может быть"}),
        person_row(2),
    ]
    report = run(people_xlsx(rows))
    assert issue_texts(report) == [
        "Строка 2, «Категория»: «студент» — нет такого значения; допустимо: обучающийся, "
        "школьник, педагог, сотрудник предприятия, выпускник, родитель",
        "Строка 3, «ОВЗ»: «может быть» — допустимо: да, нет, +, -, 1, 0 или пустая ячейка",
    ]
    assert not report.committed
    assert Person.objects.count() == 0


def test_import_future_birth_date_is_a_row_error():
    row = person_row(
        **{"Дата рождения": (dt.date.today() + dt.timedelta(days=3)).strftime("%d.%m.%Y")}
    )
    report = run(people_xlsx([row]))
    assert issue_texts(report)[0].startswith("Строка 2, «Дата рождения»: дата рождения")
    assert "в будущем" in issue_texts(report)[0]


def test_import_excel_dates_and_text_dates_are_the_same_person():
    run(people_xlsx([person_row(**{"Дата рождения": dt.datetime(2007, 3, 15)})]))
    report = run(people_xlsx([person_row(**{"Дата рождения": 39156})]))
    assert (report.new, report.unchanged) == (0, 1)


def test_import_of_a_wrong_format_names_the_formats_it_reads():
    report = xlsx_import(
        base=PEOPLE, data=b"PK\x03\x04 not a workbook", filename="люди.ods", commit=True
    )
    assert len(report.issues) == 1
    assert "Поддерживаются файлы .xlsx, .xls и .csv." in report.issues[0].message
    assert Person.objects.count() == 0


def test_import_200_people_completes():
    report = run(people_xlsx(people_rows(200)))
    assert report.committed and report.new == 200
    assert Person.objects.count() == 200


def test_import_looks_existing_people_up_once_not_per_row():
    PartnerOrganisationFactory(name="АО «Шахта Южная»")
    rows = people_rows(60)
    data = people_xlsx(rows)
    run(data)
    with CaptureQueriesContext(connection) as queries:
        report = run(data, commit=False)
    assert report.unchanged == 60
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) <= 3, selects


# --- the form of study ---------------------------------------------------------------------

FULL, PART, EXTRA = (
    Person.StudyForm.FULL_TIME,
    Person.StudyForm.PART_TIME,
    Person.StudyForm.EXTRAMURAL,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Очная", FULL),
        ("заочная ", EXTRA),
        ("очно-заочная", PART),
        ("ОЧНО – ЗАОЧНАЯ", PART),
        ("\xa0заочная", EXTRA),
        (None, FULL),  # a student's empty cell
        ("  ", FULL),
    ],
)
def test_import_reads_the_form_of_study_as_russians_write_it(cell, expected):
    report = run(people_xlsx([person_row(**{"Форма обучения": cell})]))
    assert report.issues == [] and report.committed
    assert Person.objects.get().study_form == expected


def test_import_pupils_form_of_study_may_stay_empty():
    pupil = {"Категория": "школьник", "Курс": None, "Дата рождения": "04.04.2011"}
    rows = [person_row(0, **pupil), person_row(1, **pupil, **{"Форма обучения": "очная"})]
    assert run(people_xlsx(rows)).new == 2
    assert list(Person.objects.order_by("last_name").values_list("study_form", flat=True)) == [
        "",
        FULL,
    ]


def test_import_file_without_the_form_of_study_column_makes_new_students_full_time():
    """Files made before the column existed still load: new students are full-time, the
    stored form of the others is not touched."""
    stays = PersonFactory(last_name="Заочников", study_form=EXTRA)
    headers = [h for h in PEOPLE_HEADERS if h != "Форма обучения"]
    rows = [
        person_row(0),
        person_row(
            **{
                "Фамилия": stays.last_name,
                "Имя": stays.first_name,
                "Отчество": stays.middle_name,
                "Группа": stays.study_group,
                "Специальность": stays.specialty,
                "Телефон": "+7 900 555-55-55",
            }
        ),
    ]
    report = run(xlsx_bytes(headers, rows))
    assert report.issues == [] and (report.new, report.changed) == (1, 1)
    forms = dict(Person.objects.values_list("last_name", "study_form"))
    assert forms == {"Иванова": FULL, "Заочников": EXTRA}


def test_import_empty_cell_of_a_full_time_student_changes_nothing():
    data = people_xlsx([person_row(**{"Форма обучения": None})])
    assert run(data).new == 1
    again = run(data)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1)


def test_import_changes_a_students_form_of_study():
    run(people_xlsx([person_row(**{"Форма обучения": "очная"})]))
    report = run(people_xlsx([person_row(**{"Форма обучения": "Заочная"})]))
    assert (report.changed, report.issues) == (1, [])
    person = Person.objects.get()
    assert person.study_form == EXTRA
    assert person.history.first().study_form == EXTRA


def test_import_refuses_a_form_of_study_for_a_non_learner_naming_row_and_column():
    teacher = {"Категория": "педагог", "Курс": None, "Дата рождения": "01.01.1980"}
    rows = [
        person_row(0),
        person_row(1, **teacher, **{"Форма обучения": "заочная"}),
        person_row(2, **teacher),
    ]
    report = run(people_xlsx(rows))
    assert issue_texts(report) == [
        "Строка 3, «Форма обучения»: форма обучения указывается только для обучающихся и школьников"
    ]
    assert not report.committed and Person.objects.count() == 0


def test_import_unknown_form_of_study_lists_the_allowed_ones():
    report = run(people_xlsx([person_row(**{"Форма обучения": "дистанционная"})]))
    assert issue_texts(report) == [
        "Строка 2, «Форма обучения»: «дистанционная» — нет такого значения; допустимо: "
        "очная, очно-заочная, заочная"
    ]


def test_import_without_the_column_clears_the_form_of_someone_no_longer_a_learner():
    graduate = PersonFactory(last_name="Выпускников", adult=True)
    headers = [h for h in PEOPLE_HEADERS if h != "Форма обучения"]
    row = person_row(
        **{
            "Фамилия": graduate.last_name,
            "Дата рождения": "01.01.1990",
            "Категория": "выпускник",
            "Курс": None,
        }
    )
    report = run(xlsx_bytes(headers, [row]))
    assert report.issues == [] and report.changed == 1
    graduate.refresh_from_db()
    assert (graduate.kind, graduate.course, graduate.study_form) == (Person.Kind.ALUMNUS, None, "")
