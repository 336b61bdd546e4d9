"""The package as a file: .json for programs, .xlsx for people (the same content on readable
Russian sheets, and the machine copy on the hidden sheet «пакет»: format.add_machine_sheet).

Both are written from the one built dict, so the regional centre reads either back to the
same data and the same checksum (format.read_package). The readable sheets are written by
lib.xlsx.write_xlsx: every string a text cell, never a formula.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mentorship.lib.periods import ReportPeriod
from mentorship.lib.xlsx import Sheet, write_xlsx

from .build import build_package
from .format import SUPPRESSED, add_machine_sheet, json_bytes, seal, status_label

FORMATS = ("json", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

ROLE_LABELS = {"mentor": "наставники", "mentee": "наставляемые"}
DIMENSION_LABELS = {
    "total": "всего",
    "form": "форма наставничества",
    "kind": "категория участника",
    "category": "особая или социальная категория",
    "age": "возраст",
}
ROADMAP_LABELS = {
    "activities": "Мероприятия периода (кроме отменённых)",
    "activities_due": "Срок наступил",
    "activities_done": "Выполнены",
    "activities_on_time": "Выполнены в срок",
    "overdue": "Срок наступил, не выполнены",
}
FEDERAL_LABELS = {
    "mentees": "Наставляемые",
    "mentees_students": "из них обучающиеся",
    "mentees_minors": "из них несовершеннолетние на конец периода",
    "mentees_disability": "из них с ОВЗ / инвалидностью",
    "mentors": "Наставники",
    "mentors_teachers": "из них педагоги",
    "mentors_employees": "из них сотрудники предприятий",
    "mentors_students": "из них обучающиеся",
    "pairs": "Пары",
    "groups": "Группы",
    "partner_organisations": "Организации-партнёры, чьи сотрудники — наставники",
}


@dataclass(frozen=True)
class PackageFile:
    data: dict  # sealed: with its checksum
    content: bytes
    filename: str
    content_type: str


def filename(period: ReportPeriod, fmt: str) -> str:
    """«Пакет для РНЦ за 2025 год.json», «… за 2025-2026 учебный год.xlsx»."""
    return f"Пакет для РНЦ за {period.label.replace('/', '-')}.{fmt}"


def package_file(period: ReportPeriod, fmt: str, *, now: dt.datetime | None = None) -> PackageFile:
    """The period's package built and written as fmt ("json" or "xlsx")."""
    if fmt not in FORMATS:
        raise ValueError(f"Формат пакета — json или xlsx, не «{fmt}».")
    data = build_package(period, now=now)
    content = json_bytes(data) if fmt == "json" else xlsx_bytes(data)
    return PackageFile(seal(data), content, filename(period, fmt), CONTENT_TYPES[fmt])


# --- the readable workbook -----------------------------------------------------------------


def xlsx_bytes(data: dict) -> bytes:
    """A built package as .xlsx: the readable sheets, then the hidden machine copy."""
    data = seal(data)
    return write_xlsx(_sheets(data), finish=lambda workbook: add_machine_sheet(workbook, data))


def _cell(value: object) -> object:
    """A package value as a readable cell: a decimal's text as a number, «< 3» and other
    text as text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, str) and value != SUPPRESSED:
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _sheets(data: dict) -> list[Sheet]:
    period, college = data["period"], data["college"]
    created = dt.datetime.fromisoformat(data["created_at"])
    return [
        Sheet(
            "Колледж",
            ["Поле", "Значение"],
            [
                ["Полное наименование", college["full_name"]],
                ["Краткое наименование", college["short_name"]],
                ["ИНН", college["inn"]],
                ["Город", college["city"]],
                ["Субъект РФ", college["region"]],
                ["Отчётный период", period["label"]],
                ["Начало периода", _date(period["start"])],
                ["Конец периода", _date(period["end"])],
                ["Пакет выгружен", f"{created:%d.%m.%Y %H:%M}"],
                ["Версия программы", data["app_version"]],
                ["Версия схемы пакета", str(data["schema_version"])],
                [
                    "Правило раскрытия",
                    f"числа людей от 1 до {data['disclosure']['threshold'] - 1} записаны как "
                    f"«{data['disclosure']['suppressed']}»",
                ],
                ["Контрольная сумма", data["checksum"]],
            ],
        ),
        Sheet(
            "Участники",
            ["Роль", "Разрез", "Значение", "Число"],
            [
                [
                    ROLE_LABELS[line["role"]],
                    DIMENSION_LABELS[line["dimension"]],
                    line["label"],
                    line["count"],
                ]
                for line in data["participants"]
            ],
        ),
        Sheet(
            "Пары и группы",
            ["Форма наставничества", "Статус на конец периода", "Пары", "Группы", "Наставляемые"],
            [
                [line["form"], line["status_label"], line["pairs"], line["groups"], line["mentees"]]
                for line in data["pairs"]
            ],
        ),
        Sheet(
            "Показатели",
            [
                "Показатель",
                "Код расчёта",
                "Единица",
                "Цель",
                "Числитель",
                "Знаменатель",
                "Знаменатель внесён колледжем",
                "Региональный знаменатель",
                "Значение",
                "Статус",
            ],
            [
                [
                    kpi["name"],
                    kpi["code"] or "вводится вручную",
                    kpi["unit"],
                    _cell(kpi["target"]),
                    _cell(kpi["numerator"]),
                    _cell(kpi["denominator"]),
                    _cell(kpi["denominator_entered"]),
                    _cell(kpi["regional_denominator"]),
                    _cell(kpi["value"]),
                    status_label(kpi["status"]),
                ]
                for kpi in data["kpis"]
            ],
            wrap=True,
        ),
        Sheet(
            "Удовлетворённость",
            ["Роль", "Ответили", "Оценок", "Средний балл (1–10)", "Процент"],
            [
                [
                    ROLE_LABELS[line["role"]],
                    line["respondents"],
                    line["answers"],
                    _cell(line["mean"]),
                    _cell(line["percent"]),
                ]
                for line in data["satisfaction"]
            ],
        ),
        Sheet(
            "Дорожная карта",
            ["Мероприятия", "Число"],
            [[label, data["roadmap"][key]] for key, label in ROADMAP_LABELS.items()],
        ),
        Sheet(
            "Достижения",
            ["Уровень", "Достижения, полученные в периоде"],
            [[line["label"], line["count"]] for line in data["achievements"]],
        ),
        Sheet(
            "Статнаблюдение",
            ["Показатель", "Число"],
            [[label, data["federal_statistics"][key]] for key, label in FEDERAL_LABELS.items()],
        ),
        Sheet(
            "Кейсы",
            ["Название практики", "Краткое описание", "Форма наставничества"],
            [[case["title"], case["summary"], case["form"]] for case in data["cases"]],
        ),
    ]
