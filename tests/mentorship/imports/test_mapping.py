"""The mapping rule (mapping.py): automatic matching, «ФИО», duplicates, remembered
mappings, constants and ignored columns — and what applying it gives the import."""

import datetime as dt

import pytest

from mentorship.imports.mapping import (
    FULL_NAME,
    ColumnMapping,
    How,
    MappingError,
    Targets,
    automatic_mapping,
    header_key,
    headers_key,
    mapping_from_json,
    remember,
    with_constants,
)
from mentorship.imports.models import RememberedMapping
from mentorship.imports.registry import xlsx_bases
from mentorship.imports.services import xlsx_import
from mentorship.lib.names import split_full_name
from mentorship.lib.tables import read_table
from mentorship.people.models import Person
from mentorship.people.resources import PersonResource
from tests.lib.xlsx_files import PEOPLE_HEADERS, people_xlsx, person_row, xlsx_bytes

pytestmark = pytest.mark.django_db

STUDENT_HEADERS = ["Ф.И.О.", "дата рожд.", "ГРУППА", "Телефон сотовый"]


@pytest.fixture(autouse=True)
def people_base():
    return xlsx_bases()["people"]


def targets(headers=()) -> Targets:
    return Targets(PersonResource(), list(headers))


def student_file(rows) -> bytes:
    return xlsx_bytes(STUDENT_HEADERS, rows)


def students(*names):
    return [[name, "15.03.2007", "ГЭ-24-1", "+7 900 111-22-33"] for name in names]


def test_header_key_ignores_case_yo_punctuation_and_spacing():
    assert header_key("Ф.И.О.") == header_key("фио") == header_key(" Ф И О ")
    assert header_key("Дата рожд.") == header_key("дата  РОЖД")
    assert header_key("Одарённый") == header_key("ОДАРЕННЫЙ")
    assert header_key("Стаж, лет") == header_key("Стаж лет")
    assert header_key("Группа") != header_key("Группы")


def test_each_column_says_how_it_was_found_and_extras_are_not_loaded():
    found = targets(STUDENT_HEADERS)
    mapping = automatic_mapping("people", found, STUDENT_HEADERS)
    assert mapping.targets == [FULL_NAME, "Дата рождения", "Группа", None]
    assert mapping.how == [How.SYNONYM, How.SYNONYM, How.TEMPLATE, None]
    assert mapping.lines(found) == [
        "Ф.И.О. → Фамилия, Имя, Отчество (по синониму)",
        "дата рожд. → Дата рождения (по синониму)",
        "ГРУППА → Группа (по заголовку шаблона)",
        "Телефон сотовый — не загружается",
    ]
    assert not mapping.is_exact(found)


@pytest.mark.parametrize("header", ["ФИО", "Ф.И.О.", "Фамилия, имя, отчество", "фио"])
def test_full_name_headers_are_offered_only_where_the_base_has_the_three_columns(
    header, monkeypatch
):
    found = targets([header])
    assert found.automatic(header) in [(FULL_NAME, How.SYNONYM), (FULL_NAME, How.TEMPLATE)]
    assert (FULL_NAME, "ФИО (фамилия, имя, отчество)") in found.choices()
    monkeypatch.setattr(PersonResource, "full_name_columns", ())
    plain = targets([header])
    assert plain.automatic(header) == (None, None)
    assert FULL_NAME not in dict(plain.choices())


def test_the_template_itself_is_an_exact_match():
    found = targets(PEOPLE_HEADERS)
    mapping = automatic_mapping("people", found, PEOPLE_HEADERS)
    assert mapping.targets == PEOPLE_HEADERS
    assert mapping.is_exact(found)
    # One template column missing: not exact any more (the step shows it).
    partial = automatic_mapping("people", found, PEOPLE_HEADERS[:-1])
    assert not partial.is_exact(found)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (
            ["ФИО", "Фамилия", "Дата рождения", "Категория"],
            "Колонки файла «ФИО» и «Фамилия» обе указаны для поля «Фамилия». Оставьте "
            "одну, у другой выберите «— не загружать —».",
        ),
        (
            ["ФИО", "Группа", "группа.", "Дата рождения", "Категория"],
            "Колонки файла «Группа» и «группа.» обе указаны для поля «Группа».",
        ),
    ],
)
def test_two_file_columns_on_one_field_is_an_error(headers, message):
    found = targets(headers)
    mapping = automatic_mapping("people", found, headers)
    assert any(message in problem for problem in mapping.problems(found))
    with pytest.raises(MappingError, match="обе указаны"):
        mapping.check(found)


def test_required_fields_still_missing_are_named():
    found = targets(STUDENT_HEADERS)
    mapping = automatic_mapping("people", found, STUDENT_HEADERS)
    assert mapping.problems(found) == [
        "Файл не принят: нет колонок «Категория». Укажите для них колонку файла или "
        "значение для всех строк."
    ]
    report = xlsx_import(
        base=xlsx_bases()["people"], data=student_file(students("Иванов Пётр")),
        commit=True, mapping=mapping,
    )  # fmt: skip
    assert [str(issue) for issue in report.issues] == [" ".join(mapping.problems(found))]
    assert Person.objects.count() == 0


def test_a_constant_fills_every_row_and_the_file_keeps_its_row_numbers(people_base):
    data = student_file(students("Иванов Пётр Сергеевич", "Петрова Анна"))
    table = read_table(data, "students.xlsx")
    found = targets(table.headers)
    mapping = with_constants(
        automatic_mapping("people", found, table.headers), found, ["категория=обучающийся"]
    )
    assert mapping.constants == {"Категория": "обучающийся"}
    dataset = mapping.apply(table, found)
    assert dataset.headers == [
        "Фамилия", "Имя", "Отчество", "Дата рождения", "Группа", "Категория",
    ]  # fmt: skip
    assert dataset.excel_row_numbers == [2, 3]
    report = xlsx_import(base=people_base, data=data, commit=True, mapping=mapping)
    assert report.issues == [] and report.new == 2
    anna = Person.objects.get(last_name="Петрова")
    assert (anna.first_name, anna.middle_name, anna.kind) == ("Анна", "", Person.Kind.STUDENT)
    assert anna.birth_date == dt.date(2007, 3, 15)
    assert anna.phone == ""  # «Телефон сотовый» was not loaded
    assert Person.objects.get(last_name="Иванов").middle_name == "Сергеевич"


def test_a_constant_is_checked_by_the_columns_widget_row_by_row(people_base):
    data = student_file(students("Иванов Пётр", "Петрова Анна"))
    table = read_table(data, "students.xlsx")
    found = targets(table.headers)
    mapping = with_constants(
        automatic_mapping("people", found, table.headers), found, ["Категория=инопланетянин"]
    )
    report = xlsx_import(base=people_base, table=table, commit=True, mapping=mapping)
    messages = [str(issue) for issue in report.issues]
    assert len(messages) == 2
    assert messages[0].startswith("Строка 2, «Категория»: «инопланетянин»")
    assert messages[1].startswith("Строка 3, «Категория»: «инопланетянин»")
    assert Person.objects.count() == 0


def test_a_full_name_that_cannot_be_split_is_an_error_of_its_row_and_column(people_base):
    data = student_file(students("Иванов Пётр", "Сидоров", "Петрова Анна"))
    table = read_table(data, "students.xlsx")
    found = targets(table.headers)
    mapping = with_constants(
        automatic_mapping("people", found, table.headers), found, ["Категория=обучающийся"]
    )
    with pytest.raises(ValueError) as refused:
        split_full_name("Сидоров")
    reason = str(refused.value).rstrip(".")
    report = xlsx_import(base=people_base, table=table, commit=True, mapping=mapping)
    messages = [str(issue) for issue in report.issues]
    # One problem of one cell, told once, under the file's own column.
    assert len(messages) == 1
    assert messages[0].startswith("Строка 3, «Ф.И.О.»: ")
    assert messages[0].lower().endswith(reason.lower()[1:])
    assert Person.objects.count() == 0


def test_a_remembered_mapping_wins_over_the_automatic_one(curator):
    headers = ["ФИО", "Дата рожд.", "Группа", "Для связи"]
    found = targets(headers)
    auto = automatic_mapping("people", found, headers)
    assert auto.targets[3] is None
    chosen = auto.with_choices(
        [FULL_NAME, "Дата рождения", "Специальность", "Телефон"],
        {"Категория": "обучающийся"},
    )
    assert chosen.how == [How.SYNONYM, How.SYNONYM, How.CHOSEN, How.CHOSEN]
    remember("people", chosen, curator)
    stored = RememberedMapping.objects.get()
    assert (stored.base_code, stored.saved_by) == ("people", curator)

    # The next file with the same headers (spelled a little differently).
    again = ["фио", "Дата рожд", "ГРУППА", "для  связи"]
    mapping = automatic_mapping("people", targets(again), again)
    assert mapping.targets == [FULL_NAME, "Дата рождения", "Специальность", "Телефон"]
    assert mapping.how == [How.REMEMBERED] * 4
    assert mapping.constants == {"Категория": "обучающийся"}
    assert "ГРУППА → Специальность (запомнено)" in mapping.lines(targets(again))
    # Other headers, or another base: nothing remembered.
    assert automatic_mapping("people", targets(headers[:3]), headers[:3]).how[0] == How.SYNONYM
    mentors = Targets(xlsx_bases()["mentors"].resource(None), headers)
    assert How.REMEMBERED not in automatic_mapping("mentors", mentors, headers).how


def test_a_remembered_field_the_base_no_longer_has_falls_back_to_the_header():
    headers = ["ФИО", "Группа"]
    RememberedMapping.objects.create(
        base_code="people",
        headers_key=headers_key(headers),
        headers=headers,
        targets=["ФИО", "Класс"],
        constants={"Класс": "1", "Категория": "обучающийся"},
    )
    mapping = automatic_mapping("people", targets(headers), headers)
    assert mapping.targets == [FULL_NAME, "Группа"]
    assert mapping.how == [How.REMEMBERED, How.TEMPLATE]
    assert mapping.constants == {"Категория": "обучающийся"}


def test_a_constant_for_a_field_the_file_gives_is_refused():
    headers = ["ФИО", "Дата рождения", "Категория"]
    found = targets(headers)
    mapping = with_constants(automatic_mapping("people", found, headers), found, ["Категория=x"])
    assert mapping.problems(found) == [
        "Поле «Категория» уже берётся из колонки файла «Категория»: значение для всех строк "
        "ему не нужно."
    ]


def test_mapping_json_overrides_the_columns_it_names():
    found = targets(STUDENT_HEADERS)
    auto = automatic_mapping("people", found, STUDENT_HEADERS)
    mapping = mapping_from_json('{"телефон сотовый": "телефон", "ГРУППА": null}', found, auto)
    assert mapping.targets == [FULL_NAME, "Дата рождения", None, "Телефон"]
    assert mapping.how == [How.SYNONYM, How.SYNONYM, How.CHOSEN, How.CHOSEN]
    assert "ГРУППА — не загружается (выбрано вручную)" in mapping.lines(found)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{не json", "Файл сопоставления — не JSON (строка 1, позиция 2)."),
        ('["ФИО"]', "Файл сопоставления должен быть объектом JSON"),
        ('{"Отчество": "Отчество"}', "В файле нет колонки «Отчество» (она указана в --mapping)."),
        ('{"ГРУППА": "Класс"}', "Поля «Класс» нет в базе (колонка «ГРУППА» в --mapping)."),
    ],
)
def test_a_bad_mapping_json_is_refused_in_russian(text, message):
    found = targets(STUDENT_HEADERS)
    with pytest.raises(MappingError) as refused:
        mapping_from_json(text, found, automatic_mapping("people", found, STUDENT_HEADERS))
    assert message in str(refused.value)


def test_a_mapping_carried_between_steps_is_the_same_mapping():
    found = targets(STUDENT_HEADERS)
    mapping = with_constants(
        automatic_mapping("people", found, STUDENT_HEADERS), found, ["Категория=обучающийся"]
    )
    again = ColumnMapping.from_data(mapping.to_data())
    assert again == mapping and again.digest() == mapping.digest()
    changed = with_constants(again, found, ["Категория=сотрудник колледжа"])
    assert changed.digest() != mapping.digest()


def test_applying_a_mapping_to_another_file_is_refused():
    found = targets(STUDENT_HEADERS)
    mapping = automatic_mapping("people", found, STUDENT_HEADERS)
    other = read_table(people_xlsx([person_row()]), "x.xlsx")
    with pytest.raises(MappingError, match="составлено для другого файла"):
        mapping.apply(other, found)
