"""Headers of the curators' own lists (education department, HR) that name a column of the
people bases: each goes to exactly one column, and the bases with the three name columns
say a «ФИО» column fills them."""

import re

import pytest

from mentorship.imports.registry import xlsx_bases
from mentorship.imports.widgets import match_key

BASES = ("people", "mentors", "mentees", "organisations")


def columns_of(code: str):
    return xlsx_bases()[code].resource_class().template_columns()


def strict_key(header: str) -> str:
    """match_key with punctuation ignored too, as the mapping step may compare headers."""
    return re.sub(r"[^\w]", "", match_key(header))


def column_for(code: str, header: str, key=match_key) -> list[str]:
    """Every column of the base whose header or synonym the header matches."""
    return [
        column.column_name
        for column in columns_of(code)
        if key(header) in {key(name) for name in (column.column_name, *column.synonyms)}
    ]


@pytest.mark.parametrize(
    ("code", "header", "column"),
    [
        ("people", "Дата рожд.", "Дата рождения"),
        ("people", "Д.р.", "Дата рождения"),
        ("people", "Д/р", "Дата рождения"),
        ("people", "Дата рождения (дд.мм.гггг)", "Дата рождения"),
        ("people", "Дата рождения (ДД.ММ.ГГГГ)", "Дата рождения"),
        ("people", "Отчество (при наличии)", "Отчество"),
        ("people", "Группа", "Группа"),
        ("people", "Учебная группа", "Группа"),
        ("people", "№ группы", "Группа"),
        ("people", "Номер группы", "Группа"),
        ("people", "Курс", "Курс"),
        ("people", "Курс обучения", "Курс"),
        ("people", "Форма обучения", "Форма обучения"),
        ("people", "Форма получения образования", "Форма обучения"),
        ("people", "Специальность/профессия", "Специальность"),
        ("people", "Специальность / профессия", "Специальность"),
        ("people", "Профессия", "Специальность"),
        ("people", "Код и наименование специальности", "Специальность"),
        ("people", "Должность", "Должность"),
        ("people", "Занимаемая должность", "Должность"),
        ("people", "Стаж", "Стаж, лет"),
        ("people", "Педагогический стаж, лет", "Стаж, лет"),
        ("people", "Педагогический стаж", "Стаж, лет"),
        ("people", "Место работы", "Организация"),
        ("people", "Наименование организации", "Организация"),
        ("people", "Телефон", "Телефон"),
        ("people", "Моб. телефон", "Телефон"),
        ("people", "Мобильный телефон", "Телефон"),
        ("people", "Контактный телефон", "Телефон"),
        ("people", "E-mail", "Email"),
        ("people", "e-mail", "Email"),
        ("people", "Е-mail", "Email"),  # Cyrillic «Е»
        ("people", "Эл. почта", "Email"),
        ("people", "Электронная почта", "Email"),
        ("people", "Категория участника", "Категория"),
        ("people", "ОВЗ / инвалидность", "ОВЗ"),
        ("people", "Одаренность", "Одарённый"),
        ("people", "Трудная жизненная ситуация", "ТЖС"),
        ("people", "Малообеспеченная семья", "Малоимущая семья"),
        ("people", "Проживает в сельской местности", "Сельская местность"),
        ("people", "Сирота/ОБПР", "Сирота"),
        ("mentors", "Дата рожд.", "Дата рождения"),
        ("mentors", "Д.р.", "Дата рождения"),
        ("mentors", "Статус наставника", "Статус"),
        ("mentors", "Форма наставничества", "Формы наставничества"),
        ("mentors", "Компетенция", "Компетенции"),
        ("mentors", "Чем может быть полезен", "Чем могу быть полезен"),
        ("mentors", "Кол-во наставляемых", "Количество наставляемых"),
        ("mentees", "Дата рожд.", "Дата рождения"),
        ("mentees", "Статус наставляемого", "Статус"),
        ("mentees", "Желаемая форма наставничества", "Форма наставничества"),
        ("mentees", "Темы запросов", "Запросы"),
        ("mentees", "Запрос", "Запросы"),
        ("organisations", "Наименование организации", "Название"),
        ("organisations", "Организация", "Название"),
        ("organisations", "ИНН организации", "ИНН"),
        ("organisations", "№ соглашения", "Номер соглашения"),
        ("organisations", "Номер договора", "Номер соглашения"),
        ("organisations", "Дата договора", "Дата соглашения"),
        ("organisations", "ФИО контактного лица", "Контактное лицо"),
        ("organisations", "Моб. телефон", "Телефон"),
        ("organisations", "E-mail", "Email"),
        ("organisations", "Эл. почта", "Email"),
        ("organisations", "Юридический адрес", "Адрес"),
    ],
)
def test_curators_header_goes_to_its_column(code, header, column):
    assert column_for(code, header) == [column]
    assert column_for(code, header, key=strict_key) == [column]
    # whatever the spelling of case, ё/е and spaces
    assert column_for(code, f"  {header.upper()}\xa0") == [column]


@pytest.mark.parametrize("code", BASES)
@pytest.mark.parametrize("key", [match_key, strict_key], ids=["match_key", "strict_key"])
def test_no_header_names_two_columns_of_a_base(code, key):
    owner: dict[str, str] = {}
    clashes = []
    for column in columns_of(code):
        for header in (column.column_name, *column.synonyms):
            first = owner.setdefault(key(header), column.column_name)
            if first != column.column_name:
                clashes.append((header, first, column.column_name))
    assert clashes == []


@pytest.mark.parametrize("code", BASES)
def test_every_synonym_is_a_real_header(code):
    for column in columns_of(code):
        for header in column.synonyms:
            assert header == header.strip() and strict_key(header), (column.column_name, header)


@pytest.mark.parametrize("code", ["people", "mentors", "mentees"])
def test_bases_with_the_three_name_columns_take_a_full_name_column(code):
    resource = xlsx_bases()[code].resource_class()
    assert resource.full_name_columns == ("Фамилия", "Имя", "Отчество")
    assert set(resource.full_name_columns) <= set(resource.template_headers())


def test_organisations_take_no_full_name_column():
    resource = xlsx_bases()["organisations"].resource_class()
    assert getattr(resource, "full_name_columns", ()) == ()


def test_a_full_name_header_is_left_to_the_full_name_mapping():
    """«ФИО» is split into three columns, never matched to one of them."""
    for code in ("people", "mentors", "mentees"):
        assert column_for(code, "ФИО") == []
        assert column_for(code, "Ф.И.О.", key=strict_key) == []
