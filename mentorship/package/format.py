"""The college's package to the regional centre: its file forms, its seal and its reading.

A package is one JSON object; SCHEMA.md beside this module documents every field of schema
version SCHEMA_VERSION. It is written either as .json (for machines) or as .xlsx (for people:
the same content on readable sheets, plus the machine copy on the hidden sheet «пакет», so
the regional centre reads either form back the same way).

The seal: "checksum" is «sha256:» and the SHA-256 of the package's canonical form — the
object without "checksum", keys sorted, no spaces, UTF-8 (canonical_bytes). A package
changed after the college wrote it no longer matches its checksum and is refused.

Versions. A package of a newer schema version, or with fields this version does not know,
is read with a warning that names the unknown fields (they are kept in the stored package
but not used); a package of an older version is read as it is. What this version needs and
cannot find is an error.

This module imports no app: the college side (the package's builder) and the regional centre
(its upload) both call it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from mentorship.lib.periods import ReportPeriod
from mentorship.lib.version import APP_VERSION
from mentorship.lib.xlsx import XlsxFileError, XlsxLimits, check_xlsx_bytes, load_workbook

SCHEMA_NAME = "mentorship.region-package"
SCHEMA_VERSION = 1

# The disclosure rule: a count of people from 1 to DISCLOSURE_THRESHOLD − 1 is written as
# SUPPRESSED, and so is anything that would give it back (a share over a known whole, a
# mean of fewer respondents). Zero identifies nobody and is written as 0.
DISCLOSURE_THRESHOLD = 3
SUPPRESSED = "< 3"

MACHINE_SHEET = "пакет"
_CHUNK = 30_000  # characters per cell of the machine sheet (Excel's limit is 32,767)
MAX_JSON_BYTES = 5 * 1024 * 1024

# KPI statuses as the package writes them (roadmap.kpi.KpiStatus values; None — no target)
# and how people read them. A status beside a hidden value is hidden too (SUPPRESSED:
# mentorship.package.disclosure).
STATUS_LABELS = {
    "met": "выполнен",
    "not_met": "не выполнен",
    "no_data": "нет данных",
    "no_regional_denominator": "нет регионального знаменателя",
    SUPPRESSED: "скрыт (< 3)",
}
STATUSES = frozenset(STATUS_LABELS)
NO_TARGET = "цель не задана"

# The fields schema version 1 knows, by where they stand: "" is the top level, "a" the
# object under key a, "a[]" each object of the list under key a.
KNOWN_FIELDS: dict[str, frozenset[str]] = {
    "": frozenset(
        {
            "schema",
            "schema_version",
            "app_version",
            "created_at",
            "period",
            "college",
            "disclosure",
            "participants",
            "pairs",
            "kpis",
            "satisfaction",
            "roadmap",
            "achievements",
            "federal_statistics",
            "cases",
            "checksum",
        }
    ),
    "period": frozenset({"key", "label", "start", "end", "academic"}),
    "college": frozenset({"inn", "full_name", "short_name", "city", "region"}),
    "disclosure": frozenset({"threshold", "suppressed"}),
    "participants[]": frozenset({"role", "dimension", "value", "label", "count"}),
    "pairs[]": frozenset({"form", "status", "status_label", "pairs", "groups", "mentees"}),
    "kpis[]": frozenset(
        {
            "code",
            "name",
            "unit",
            "target",
            "numerator",
            "denominator",
            "denominator_entered",
            "regional_denominator",
            "value",
            "status",
        }
    ),
    "satisfaction[]": frozenset({"role", "respondents", "answers", "mean", "percent"}),
    "roadmap": frozenset(
        {"activities", "activities_due", "activities_done", "activities_on_time", "overdue"}
    ),
    "achievements[]": frozenset({"level", "label", "count"}),
    "federal_statistics": frozenset(
        {
            "mentees",
            "mentees_students",
            "mentees_minors",
            "mentees_disability",
            "mentors",
            "mentors_teachers",
            "mentors_employees",
            "mentors_students",
            "pairs",
            "groups",
            "partner_organisations",
        }
    ),
    "cases[]": frozenset({"title", "summary", "form"}),
}

_INN = re.compile(r"^\d{10}(\d{2})?$")


class PackageError(ValueError):
    """A package that cannot be read or accepted; the message is the user's, in Russian."""


def package_head(
    period: ReportPeriod, college: Mapping[str, str], created_at: dt.datetime
) -> dict[str, Any]:
    """The fields every package opens with: the schema and the version that wrote it, the
    moment, the period, the college (SCHEMA.md's «college»: inn, full_name, short_name,
    city, region) and the disclosure rule it was written by."""
    return {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "app_version": APP_VERSION,
        "created_at": created_at.isoformat(timespec="seconds"),
        "period": {
            "key": period.key,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "academic": period.academic,
        },
        "college": dict(college),
        "disclosure": {"threshold": DISCLOSURE_THRESHOLD, "suppressed": SUPPRESSED},
    }


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    """The package without its checksum, keys sorted, no spaces, UTF-8: what is sealed."""
    body = {key: value for key, value in data.items() if key != "checksum"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def compute_checksum(data: Mapping[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical_bytes(data)).hexdigest()


def seal(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the package with its checksum set."""
    sealed = {key: value for key, value in data.items() if key != "checksum"}
    sealed["checksum"] = compute_checksum(sealed)
    return sealed


def json_bytes(data: Mapping[str, Any]) -> bytes:
    """The sealed package as a readable .json file (indented; the seal does not depend on
    the layout)."""
    return json.dumps(seal(data), ensure_ascii=False, indent=2).encode()


def add_machine_sheet(workbook: Workbook, data: Mapping[str, Any]) -> None:
    """Put the sealed package on the hidden sheet «пакет» of an .xlsx being written: a note
    in A1, then the canonical JSON with its checksum in chunks down column A."""
    sealed = seal(data)
    text = json.dumps(sealed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sheet = workbook.create_sheet(MACHINE_SHEET)
    sheet.append(["Машиночитаемая копия пакета для РНЦ. Не изменяйте этот лист."])
    for start in range(0, len(text), _CHUNK):
        sheet.append([_text_cell(sheet, text[start : start + _CHUNK])])
    sheet.sheet_state = "hidden"


def _text_cell(sheet, text: str):
    """A cell that holds text whatever it starts with: openpyxl would write a chunk that
    happens to start with «=» as a formula, and read it back empty."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


@dataclass(frozen=True)
class ReadPackage:
    """A package read and checked: its data as written, and the warnings for the user."""

    data: dict[str, Any]
    warnings: tuple[str, ...] = ()

    @property
    def inn(self) -> str:
        return self.data["college"]["inn"]

    @property
    def period_key(self) -> str:
        return self.data["period"]["key"]

    @property
    def checksum(self) -> str:
        return self.data["checksum"]

    @property
    def created_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data["created_at"])


def read_package(content: bytes, name: str) -> ReadPackage:
    """Read a package file (.json or .xlsx, by the name's extension) and check it: its form,
    its seal, the fields this version needs. PackageError with a Russian message otherwise."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        data = _parse_json(content)
    elif suffix == ".xlsx":
        data = _parse_json(_machine_text(content).encode())
    else:
        raise PackageError(
            f"Файл «{PurePath(name).name}» — не пакет для РНЦ: пакет загружается в формате "
            ".json или .xlsx, как его выгрузил колледж."
        )
    return check_package(data)


def check_package(data: object) -> ReadPackage:
    """Check a parsed package: its schema, its seal, then the fields; PackageError if it
    cannot be accepted, warnings for what is accepted but not understood."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
        raise PackageError(
            "Файл — не пакет для РНЦ: в нём нет отметки схемы пакета. Выгрузите пакет в "
            "колледже кнопкой «Пакет для РНЦ» или командой region_package."
        )
    checksum = data.get("checksum")
    if not isinstance(checksum, str) or not checksum:
        raise PackageError("В пакете нет контрольной суммы: такой пакет не принимается.")
    if compute_checksum(data) != checksum:
        raise PackageError(
            "Контрольная сумма пакета не совпадает: файл изменён после выгрузки из колледжа. "
            "Такой пакет не принимается — попросите колледж выгрузить пакет заново и "
            "прислать файл без изменений."
        )
    warnings: list[str] = []
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackageError("В пакете не указана версия схемы.")
    if version > SCHEMA_VERSION:
        warnings.append(
            f"Пакет выгружен более новой версией программы ({data.get('app_version', '?')}, "
            f"схема {version}; здесь — схема {SCHEMA_VERSION}). Известные поля приняты."
        )
    unknown = sorted(_unknown_fields(data))
    if unknown:
        warnings.append(
            "Поля, которых эта версия не знает, сохранены, но не используются: "
            + ", ".join(unknown)
            + "."
        )
    _check_fields(data)
    return ReadPackage(data=data, warnings=tuple(warnings))


def status_label(status: object) -> str:
    """A KPI's status in Russian: None — no target; a status of a newer version — «—»."""
    if status is None:
        return NO_TARGET
    return STATUS_LABELS.get(status, "—")


def count_value(value: object) -> int | None:
    """A count cell as a number: an int, or None for SUPPRESSED (or no value)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def decimal_value(value: object) -> Decimal | None:
    """A decimal cell («72.5», a string with a point) as a Decimal; None for no value or
    SUPPRESSED."""
    if not isinstance(value, str) or value == SUPPRESSED:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def decimal_text(value: Decimal | int | None) -> str | None:
    """A decimal as the package writes it: a string with a point, or None."""
    return None if value is None else str(value)


# --- reading ---------------------------------------------------------------------------


def _parse_json(content: bytes) -> object:
    if len(content) > MAX_JSON_BYTES:
        raise PackageError(
            f"Файл больше {MAX_JSON_BYTES // (1024 * 1024)} МБ — это не пакет для РНЦ."
        )
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError(
            "Файл не читается как пакет: это не JSON в кодировке UTF-8 (возможно, файл "
            "повреждён или сохранён другой программой)."
        ) from None


def _machine_text(content: bytes) -> str:
    try:
        check_xlsx_bytes(content, XlsxLimits.from_settings())
        workbook = load_workbook(io.BytesIO(content))
    except XlsxFileError as error:
        raise PackageError(str(error)) from None
    except Exception:  # openpyxl raises anything from KeyError to TypeError
        raise PackageError("Файл .xlsx повреждён и не читается.") from None
    try:
        if MACHINE_SHEET not in workbook.sheetnames:
            raise PackageError(
                "В книге нет листа «пакет» с машиночитаемой копией: это не пакет для РНЦ "
                "или лист удалён. Выгрузите пакет в колледже заново."
            )
        cells = (row[0] for row in workbook[MACHINE_SHEET].iter_rows(min_row=2, values_only=True))
        return "".join(str(value) for value in cells if value)
    finally:
        workbook.close()


def _unknown_fields(data: Mapping[str, Any]) -> Iterable[str]:
    for path, known in KNOWN_FIELDS.items():
        if path == "":
            objects = [data]
        elif path.endswith("[]"):
            items = data.get(path[:-2])
            objects = items if isinstance(items, list) else []
        else:
            objects = [data.get(path)]
        for found in objects:
            if isinstance(found, dict):
                for key in found.keys() - known:
                    yield f"{path}.{key}" if path else key


def _refuse(what: str) -> PackageError:
    return PackageError(f"Пакет неполон или повреждён: {what}.")


def _check_fields(data: Mapping[str, Any]) -> None:
    """What the regional centre relies on: the college, the period, the date, the KPIs and
    the lists it sums."""
    college = data.get("college")
    if not isinstance(college, dict):
        raise _refuse("нет раздела «college» (колледж)")
    inn = college.get("inn")
    if not isinstance(inn, str) or not _INN.match(inn):
        raise _refuse("ИНН колледжа не указан или указан неверно (10 или 12 цифр)")
    if not isinstance(college.get("short_name"), str) or not college["short_name"].strip():
        raise _refuse("не указано краткое наименование колледжа")
    period = data.get("period")
    if not isinstance(period, dict) or not isinstance(period.get("key"), str):
        raise _refuse("не указан отчётный период")
    try:
        ReportPeriod.parse(period["key"])
    except ValueError as error:
        raise _refuse(f"отчётный период «{period['key']}» не читается: {error}") from None
    created = data.get("created_at")
    try:
        moment = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _refuse("не указано время выгрузки пакета")
    for section in ("participants", "pairs", "kpis", "satisfaction", "achievements", "cases"):
        if not isinstance(data.get(section, []), list):
            raise _refuse(f"раздел «{section}» должен быть списком")
    for number, kpi in enumerate(data.get("kpis", []), start=1):
        _check_kpi(number, kpi)


def _check_kpi(number: int, kpi: object) -> None:
    if not isinstance(kpi, dict) or not isinstance(kpi.get("name"), str):
        raise _refuse(f"показатель № {number} без наименования")
    if not isinstance(kpi.get("code", ""), str):
        raise _refuse(f"показатель № {number}: код — не строка")
    for field in ("numerator", "denominator"):
        value = kpi.get(field)
        if value is not None and value != SUPPRESSED and count_value(value) is None:
            if decimal_value(value) is None:
                raise _refuse(f"показатель «{kpi['name']}»: «{field}» — не число")
    for field in ("target", "value"):
        value = kpi.get(field)
        if value is not None and value != SUPPRESSED and decimal_value(value) is None:
            raise _refuse(f"показатель «{kpi['name']}»: «{field}» — не число")
    # A status this version does not know (a newer version's) is kept and shown as «—».
