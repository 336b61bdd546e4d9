"""The course read from the group's name (College.course_from_group): the rule on its own,
through the people import (screen service and command) and on the college card."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.people.group_courses import GroupCourseRule
from mentorship.people.models import College, CourseFromGroup, Person
from tests.factories import PersonFactory
from tests.lib.xlsx_files import PEOPLE_HEADERS, people_xlsx, person_row, xlsx_bytes

ENTRY, DIGIT, OFF = (
    CourseFromGroup.ENTRY_YEAR,
    CourseFromGroup.COURSE_DIGIT,
    CourseFromGroup.NONE,
)
PEOPLE = xlsx_bases()["people"]
WITHOUT_COURSE = [h for h in PEOPLE_HEADERS if h != "Курс"]


# --- the rule ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how", "start_month", "group", "day", "course"),
    [
        # intake 2024: 1st course until the academic year turns, then the 2nd
        (ENTRY, 9, "ГР-241", dt.date(2025, 8, 31), 1),
        (ENTRY, 9, "ГР-241", dt.date(2025, 9, 1), 2),
        (ENTRY, 9, "ГР-241", dt.date(2024, 9, 1), 1),
        (ENTRY, 9, "ГР-241", dt.date(2026, 1, 15), 2),
        # the college's own start month decides when the course grows
        (ENTRY, 10, "ГР-241", dt.date(2025, 9, 30), 1),
        (ENTRY, 10, "ГР-241", dt.date(2025, 10, 1), 2),
        (ENTRY, 9, "ЭБ-21-2", dt.date(2025, 3, 1), 4),
        (ENTRY, 9, "22ТМ", dt.date(2025, 9, 1), 4),
        (ENTRY, 9, "гр 25", dt.date(2025, 9, 1), 1),
        # the first digit is the course
        (DIGIT, 9, "ТМ-21", dt.date(2025, 9, 1), 2),
        (DIGIT, 9, "ТМ-21", dt.date(2026, 8, 31), 2),
        (DIGIT, 9, "СП-41к", dt.date(2025, 9, 1), 4),
        (DIGIT, 9, "1ПК", dt.date(2025, 9, 1), 1),
    ],
)
def test_course_of_group(how, start_month, group, day, course):
    assert GroupCourseRule(how, start_month).course(group, day) == course


@pytest.mark.parametrize(
    ("how", "group", "reason"),
    [
        (ENTRY, "ГР", "в названии группы нет цифр"),
        (DIGIT, "Сварщики", "в названии группы нет цифр"),
        (ENTRY, "ГР-2", "в номере группы меньше двух цифр"),
        # an intake of the next year: not a course yet
        (ENTRY, "ГР-261", "выходит курс 0 (набор 2026 года, 2025/2026 учебный год)"),
        (ENTRY, "ГР-181", "выходит курс 8 (набор 2018 года, 2025/2026 учебный год)"),
        (DIGIT, "ТМ-71", "выходит курс 7, а курс бывает от 1 до 6"),
        (DIGIT, "ТМ-01", "выходит курс 0, а курс бывает от 1 до 6"),
    ],
)
def test_group_that_does_not_fit_the_rule_names_the_group_and_the_rule(how, group, reason):
    rule = GroupCourseRule(how, 9)
    with pytest.raises(ValueError) as error:
        rule.course(group, dt.date(2025, 9, 1))
    message = str(error.value)
    assert message.startswith(f"курс не указан, а по группе «{group}» его не узнать: ")
    assert reason in message
    assert f"(правило организации: «{CourseFromGroup(how).label}»)" in message
    assert message.endswith("укажите курс в файле или исправьте группу")


@pytest.mark.django_db
def test_rule_of_college_is_read_in_one_query_with_defaults_before_the_card_is_saved(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):
        assert GroupCourseRule.of_college() == GroupCourseRule(OFF, 9)
    assert not GroupCourseRule.of_college().active
    College.objects.create(pk=1, course_from_group=DIGIT, academic_year_start_month=10)
    with django_assert_num_queries(1):
        assert GroupCourseRule.of_college() == GroupCourseRule(DIGIT, 10)


@pytest.mark.django_db
def test_college_default_is_not_to_read_the_course():
    assert College.get().course_from_group == OFF


# --- through the people import ------------------------------------------------------------


@pytest.fixture
def import_day(monkeypatch):
    """Fix the import day (the birth dates' checks read the same «today»)."""

    def on(day: dt.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return on


def college_rule(how, start_month=9):
    College.objects.update_or_create(
        pk=1, defaults={"course_from_group": how, "academic_year_start_month": start_month}
    )


def student(number, group, **overrides):
    row = person_row(number, **{"Группа": group})
    row.pop("Курс")
    row.update(overrides)
    return row


def run(data: bytes, commit: bool = True):
    return xlsx_import(base=PEOPLE, data=data, commit=commit)


def courses() -> dict[str, int | None]:
    return dict(Person.objects.values_list("study_group", "course"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 8, 31), {"ГР-241": 1, "ГР-231": 2, "ТМ-221": 3}),
        (dt.date(2025, 9, 1), {"ГР-241": 2, "ГР-231": 3, "ТМ-221": 4}),
    ],
)
def test_file_without_the_course_column_reads_the_intake_year(import_day, day, expected):
    college_rule(ENTRY)
    import_day(day)
    rows = [student(0, "ГР-241"), student(1, "ГР-231"), student(2, "ТМ-221")]
    report = run(xlsx_bytes(WITHOUT_COURSE, rows))
    assert report.issues == [] and report.committed and report.new == 3
    assert courses() == expected


@pytest.mark.django_db
def test_file_without_the_course_column_reads_the_first_digit(import_day):
    college_rule(DIGIT)
    import_day(dt.date(2025, 10, 1))
    rows = [student(0, "ТМ-21"), student(1, "ТМ-31"), student(2, "СВ-11")]
    report = run(xlsx_bytes(WITHOUT_COURSE, rows))
    assert report.issues == [] and report.new == 3
    assert courses() == {"ТМ-21": 2, "ТМ-31": 3, "СВ-11": 1}


@pytest.mark.django_db
def test_an_empty_course_cell_is_read_from_the_group_and_a_given_course_wins(import_day):
    college_rule(ENTRY)
    import_day(dt.date(2025, 9, 1))
    rows = [
        person_row(0, **{"Группа": "ГР-241", "Курс": None}),
        person_row(1, **{"Группа": "ГР-231", "Курс": "  "}),
        person_row(2, **{"Группа": "ГР-221", "Курс": 1}),  # the file knows better
    ]
    report = run(people_xlsx(rows))
    assert report.issues == [] and report.new == 3
    assert courses() == {"ГР-241": 2, "ГР-231": 3, "ГР-221": 1}


@pytest.mark.django_db
def test_the_preview_shows_the_course_read_from_the_group_and_writes_nothing(import_day):
    college_rule(ENTRY)
    import_day(dt.date(2025, 9, 1))
    report = run(xlsx_bytes(WITHOUT_COURSE, [student(0, "ГР-241")]), commit=False)
    assert report.issues == [] and report.new == 1 and not report.committed
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_the_course_of_a_known_student_moves_on_with_the_academic_year(import_day):
    college_rule(ENTRY)
    known = PersonFactory(last_name="Иванова", study_group="ГР-241", course=1)
    import_day(dt.date(2025, 9, 1))
    row = student(0, "ГР-241", **{"Фамилия": "Иванова", "Специальность": known.specialty})
    report = run(xlsx_bytes(WITHOUT_COURSE, [row]))
    assert report.issues == [] and report.changed == 1
    known.refresh_from_db()
    assert known.course == 2


@pytest.mark.django_db
def test_without_the_setting_a_file_without_the_course_leaves_it_alone(import_day):
    known = PersonFactory(study_group="ГР-241", course=3)
    import_day(dt.date(2025, 9, 1))
    rows = [
        student(0, "ГР-231"),
        student(
            1,
            "ГР-241",
            **{
                "Фамилия": known.last_name,
                "Имя": known.first_name,
                "Отчество": known.middle_name,
                "Дата рождения": known.birth_date.strftime("%d.%m.%Y"),
                "Специальность": known.specialty,
            },
        ),
    ]
    report = run(xlsx_bytes(WITHOUT_COURSE, rows))
    assert report.issues == [] and report.new == 1
    assert courses() == {"ГР-231": None, "ГР-241": 3}


@pytest.mark.django_db
def test_only_students_get_a_course_from_the_group(import_day):
    college_rule(DIGIT)
    import_day(dt.date(2025, 9, 1))
    rows = [
        student(0, "9Б", **{"Категория": "школьник", "Дата рождения": "04.04.2011"}),
        student(1, "ПК-71", **{"Категория": "педагог", "Дата рождения": "01.01.1980"}),
        student(2, ""),  # a student without a group keeps no course
    ]
    report = run(xlsx_bytes(WITHOUT_COURSE, rows))
    assert report.issues == [] and report.new == 3
    assert sorted(Person.objects.values_list("kind", "course")) == [
        (Person.Kind.PUPIL, None),
        (Person.Kind.STUDENT, None),
        (Person.Kind.TEACHER, None),
    ]


@pytest.mark.django_db
def test_a_group_that_does_not_fit_is_an_error_of_its_row_and_nothing_is_written(import_day):
    college_rule(ENTRY)
    import_day(dt.date(2025, 9, 1))
    rows = [
        student(0, "ГР-241"),
        student(1, "Сварщики"),
        student(2, "ГР-261", **{"Дата рождения": "31.02.2008"}),
    ]
    report = run(xlsx_bytes(WITHOUT_COURSE, rows))
    assert not report.committed
    assert [str(issue) for issue in report.issues] == [
        "Строка 3, «Курс»: курс не указан, а по группе «Сварщики» его не узнать: в названии "
        "группы нет цифр (правило организации: «год набора — первые две цифры номера "
        "группы»); укажите курс в файле или исправьте группу",
        # every problem of a row is told at once
        "Строка 4, «Дата рождения»: даты «31.02.2008» не существует",
        "Строка 4, «Курс»: курс не указан, а по группе «ГР-261» его не узнать: выходит курс 0 "
        "(набор 2026 года, 2025/2026 учебный год), а курс бывает от 1 до 6 (правило "
        "организации: «год набора — первые две цифры номера группы»); укажите курс в файле "
        "или исправьте группу",
    ]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_the_college_setting_is_read_once_per_import_not_per_row(import_day):
    college_rule(ENTRY)
    import_day(dt.date(2025, 9, 1))
    rows = [student(n, f"ГР-2{n % 4 + 2}1") for n in range(40)]
    with CaptureQueriesContext(connection) as queries:
        report = run(xlsx_bytes(WITHOUT_COURSE, rows), commit=False)
    assert report.issues == [] and report.new == 40
    college_reads = [q for q in queries.captured_queries if '"people_college"' in q["sql"]]
    assert len(college_reads) == 1


@pytest.mark.django_db
def test_import_command_reads_the_course_from_the_group(import_day, tmp_path):
    college_rule(DIGIT)
    import_day(dt.date(2025, 9, 1))
    path = tmp_path / "список группы.xlsx"
    path.write_bytes(xlsx_bytes(WITHOUT_COURSE, [student(0, "ТМ-31")]))
    out = io.StringIO()
    call_command("import_xlsx", "people", str(path), "--commit", stdout=out, stderr=io.StringIO())
    assert "Записано." in out.getvalue()
    assert courses() == {"ТМ-31": 3}

    path.write_bytes(xlsx_bytes(WITHOUT_COURSE, [student(1, "ТМ")]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_xlsx", "people", str(path), stdout=io.StringIO(), stderr=err)
    assert "Строка 2, «Курс»: курс не указан, а по группе «ТМ» его не узнать" in err.getvalue()


# --- the college card ---------------------------------------------------------------------


@pytest.mark.django_db
def test_college_card_sets_the_rule_in_the_academic_year_fieldset(client_for, administrator):
    url = reverse("admin:people_college_change", args=[1])
    College.get()
    page = client_for(administrator).get(url).content.decode()
    academic_year = page[page.index("Учебный год") :]
    assert "Как из названия группы узнать курс" in academic_year
    assert "ГР-241 — набор 2024 года" in academic_year and "ТМ-21 — 2 курс" in academic_year
    assert "курс — первая цифра номера группы" in academic_year
    data = {
        "full_name": "ГБПОУ «Тестовый техникум»",
        "short_name": "ТТ",
        "city": "Кемерово",
        "director_position": "Директор",
        "director_name": "И.И. Иванов",
        "curator_name": "",
        "inactivity_days": "30",
        "default_programme_years": "4",
        "academic_year_start_month": "9",
        "course_from_group": ENTRY,
    }
    assert client_for(administrator).post(url, data).status_code == 302
    assert College.get().course_from_group == ENTRY
    refused = client_for(administrator).post(url, {**data, "course_from_group": "guess"})
    assert refused.status_code == 200
    assert "Выберите корректный вариант" in refused.content.decode()
    assert College.get().course_from_group == ENTRY
