"""Building .xlsx files for the import tests, the way curators' files look."""

import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook

PEOPLE_HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Категория",
    "Группа",
    "Курс",
    "Форма обучения",
    "Специальность",
    "Должность",
    "Стаж, лет",
    "Организация",
    "Телефон",
    "Email",
    "ОВЗ",
    "Одарённый",
    "ТЖС",
    "Малоимущая семья",
    "Сельская местность",
    "Сирота",
]
MENTOR_HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Статус",
    "Формы наставничества",
    "Компетенции",
    "Чем могу быть полезен",
    "Количество наставляемых",
]
MENTEE_HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Статус",
    "Форма наставничества",
    "Запросы",
]
ORGANISATION_HEADERS = [
    "Название",
    "ИНН",
    "Номер соглашения",
    "Дата соглашения",
    "Контактное лицо",
    "Телефон",
    "Email",
    "Адрес",
]


@dataclass(frozen=True)
class Formula:
    """A real formula cell (written by openpyxl, so without a cached value)."""

    text: str


def xlsx_bytes(headers, rows) -> bytes:
    """rows: lists, or dicts by column name. Strings are text cells even when they start
    with «=»; Formula(...) makes a formula cell."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for number, row in enumerate(rows, 2):
        values = [row.get(h) for h in headers] if isinstance(row, dict) else list(row)
        sheet.append([v.text if isinstance(v, Formula) else v for v in values])
        for column, value in enumerate(values, 1):
            if isinstance(value, str) and value.startswith("="):
                # (sheet.max_row would scan every cell: thousands of rows get slow)
                sheet.cell(number, column).data_type = "s"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def person_row(number: int = 0, **overrides) -> dict:
    row = {
        "Фамилия": f"Иванов{_letters(number)}",
        "Имя": "Пётр",
        "Отчество": "Сергеевич",
        "Дата рождения": "15.03.2007",
        "Категория": "обучающийся",
        "Группа": "ГЭ-24-1",
        "Курс": 1,
        "Специальность": "Горное дело",
        "Телефон": "+7 900 000-00-00",
        "ОВЗ": "нет",
    }
    row.update(overrides)
    return row


def people_xlsx(rows) -> bytes:
    return xlsx_bytes(PEOPLE_HEADERS, rows)


def people_rows(count: int) -> list[dict]:
    return [person_row(n) for n in range(count)]


def _letters(number: int) -> str:
    """Distinct Cyrillic suffixes: surnames stay names (no digits)."""
    alphabet = "абвгдежзиклмнопрстуфхцчшэюя"
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, len(alphabet))
        text = alphabet[rest] + text
    return text


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same workbook with some parts replaced (crafted attacks)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return stream.getvalue()
