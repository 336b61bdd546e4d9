"""The mapping step: which column of a curator's own file fills which column of a base.

One rule for the admin's mapping step and the import_xlsx command:
- each file column is matched automatically by its header — the template's header or one
  of the column's synonyms (Column.synonyms), case, ё/е, punctuation and spacing aside;
  «ФИО» fills the three name columns of a base that has them (full_name_columns);
  a mapping a curator confirmed for the same headers (RememberedMapping) wins;
- every match says how it was found; a column matched to nothing is «не загружается»;
- a template column the file lacks may get one value for every row (a constant), checked
  by the column's own widget during the import like any cell;
- a mapped file must give the base's required columns; any other column it lacks changes
  nothing (the resource's check_headers is the last guard);
- applied to a table (mentorship.lib.tables.read_table) it gives the Dataset the
  resources take: template headers, the file's row numbers, «ФИО» split.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum

import tablib

from mentorship.lib.names import split_full_name
from mentorship.lib.text import clean_spaces
from mentorship.lib.xlsx import FormulaProblem, XlsxTable, cell_text

FULL_NAME = "ФИО"
FULL_NAME_HEADERS = ("ФИО", "Ф.И.О.", "Фамилия, имя, отчество", "Фамилия Имя Отчество")
NOT_LOADED = "— не загружать —"
SAMPLE_COUNT = 3
_SAMPLE_LENGTH = 40


class How(StrEnum):
    """How a file column found its field (shown on the step and printed by the command)."""

    TEMPLATE = "по заголовку шаблона"
    SYNONYM = "по синониму"
    REMEMBERED = "запомнено"
    CHOSEN = "выбрано вручную"


class MappingError(ValueError):
    """A mapping that cannot be used; the message is Russian and safe to show."""


def header_key(value: object) -> str:
    """A header as the mapping compares it: case, ё/е, punctuation and spacing aside
    («Ф.И.О.» = «ФИО», «Дата рожд.» = «дата  рожд»)."""
    text = clean_spaces(value).lower().replace("ё", "е")
    return "".join(char for char in text if char.isalnum())


def headers_key(headers: list[str]) -> str:
    """The key of a file's header row: its normalised headers, in order."""
    joined = "\n".join(header_key(header) for header in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


@dataclass(frozen=True)
class UnreadableCell(FormulaProblem):
    """A cell the mapping could not turn into the template's cells (a «ФИО» that does not
    split): every widget refuses it with this reason, as it refuses a broken formula, so
    it is an error of its row and column."""

    reason: str = ""

    @property
    def message(self) -> str:
        return self.reason

    def __str__(self) -> str:
        return self.reason


class Targets:
    """What a base's resource offers a file's columns: its template columns (with their
    synonyms), «ФИО» when it has the three name columns, and columns it reads as the file
    names them (resource.file_column, e.g. a KPI table's years)."""

    def __init__(self, resource, file_headers: list[str] = ()):
        self.resource = resource
        columns = resource.mapping_columns()
        self.headers: list[str] = [column.column_name for column in columns]
        self.full_name: tuple[str, ...] = tuple(resource.full_name_columns)
        self._by_key = {header_key(name): name for name in self.headers}
        self._synonyms: dict[str, str] = {}
        for column in columns:
            for synonym in getattr(column, "synonyms", ()):
                self._synonyms.setdefault(header_key(synonym), column.column_name)
        if self.full_name:
            for synonym in FULL_NAME_HEADERS:
                self._synonyms.setdefault(header_key(synonym), FULL_NAME)
        self._required = [column.column_name for column in columns if column.required]
        self._optional = {header_key(name) for name in resource.optional_columns}
        # Columns the base reads as the file names them (not in the template).
        self.file_columns: dict[str, str] = {}
        for header in file_headers:
            own = resource.file_column(header)
            if own:
                self.file_columns[header_key(header)] = own

    # --- what a column may be mapped to ---------------------------------------------------

    def choices(self) -> list[tuple[str, str]]:
        """(value, label) of every target, in template order."""
        found = []
        if self.full_name:
            found.append((FULL_NAME, f"ФИО ({', '.join(n.lower() for n in self.full_name)})"))
        found.extend((name, name) for name in self.headers)
        seen = {value for value, _ in found}
        for own in self.file_columns.values():
            if own not in seen:
                seen.add(own)
                found.append((own, own))
        return found

    def valid(self, target: str | None) -> bool:
        return target is None or target in {value for value, _ in self.choices()}

    def by_name(self, text: object) -> str | None:
        """A target named by a person (the --mapping file, --set): its header, any spelling."""
        key = header_key(text)
        for value, _label in self.choices():
            if header_key(value) == key:
                return value
        return None

    def fills(self, target: str) -> tuple[str, ...]:
        """The template columns a target fills."""
        return self.full_name if target == FULL_NAME else (target,)

    def describe(self, target: str) -> str:
        return ", ".join(self.fills(target))

    # --- matching ------------------------------------------------------------------------

    def automatic(self, header: str) -> tuple[str | None, How | None]:
        key = header_key(header)
        if not key:
            return None, None
        if key in self._by_key:
            return self._by_key[key], How.TEMPLATE
        if key in self._synonyms:
            return self._synonyms[key], How.SYNONYM
        if key in self.file_columns:
            return self.file_columns[key], How.TEMPLATE
        return None, None

    def absent(self, covered: set[str]) -> list[str]:
        """Template columns not covered, the ones a file may always leave out aside."""
        return [
            name
            for name in self.headers
            if name not in covered and header_key(name) not in self._optional
        ]

    def missing(self, covered: set[str]) -> list[str]:
        """Columns a mapped file must give and does not: the base's required ones."""
        return [
            name
            for name in self._required
            if name not in covered and header_key(name) not in self._optional
        ]


@dataclass
class ColumnMapping:
    """Which file column fills which field (by position), and the constants."""

    headers: list[str]
    targets: list[str | None]
    how: list[How | None]
    # Template header → the text every row gets.
    constants: dict[str, str] = field(default_factory=dict)

    # --- building -------------------------------------------------------------------------

    @classmethod
    def automatic(cls, targets: Targets, headers: list[str], remembered=None) -> ColumnMapping:
        """Each column matched by its header; a remembered mapping of the same headers
        (a RememberedMapping, or None) wins where it still names a field of the base."""
        chosen, how = [], []
        stored = list(remembered.targets) if remembered is not None else []
        for index, header in enumerate(headers):
            if index < len(stored) and targets.valid(stored[index]):
                chosen.append(stored[index])
                how.append(How.REMEMBERED)
                continue
            target, found = targets.automatic(header)
            chosen.append(target)
            how.append(found)
        mapping = cls(list(headers), chosen, how)
        if remembered is not None:
            covered = mapping.covered(targets)
            mapping.constants = {
                name: text
                for name, text in (remembered.constants or {}).items()
                if name in targets.headers and name not in covered
            }
        return mapping

    def with_choices(self, chosen: list[str | None], constants: dict[str, str]) -> ColumnMapping:
        """This (automatic) mapping changed by a person: a changed column is «выбрано
        вручную», an unchanged one keeps how it was found."""
        how = [
            old_how if new == old else How.CHOSEN
            for new, old, old_how in zip(chosen, self.targets, self.how, strict=True)
        ]
        return ColumnMapping(list(self.headers), list(chosen), how, dict(constants))

    # --- what it says ---------------------------------------------------------------------

    def covered(self, targets: Targets) -> set[str]:
        names = set()
        for target in self.targets:
            if target is not None:
                names.update(targets.fills(target))
        return names

    def is_exact(self, targets: Targets) -> bool:
        """The file's headers are the template's own (every column, by its template
        header, none twice): nothing for a person to confirm."""
        return (
            bool(self.headers)
            and all(how == How.TEMPLATE for how in self.how)
            and not self.constants
            and not targets.absent(self.covered(targets))
            and not self.problems(targets)
        )

    def problems(self, targets: Targets) -> list[str]:
        """Why this mapping cannot be used (Russian), or []."""
        found = []
        owner: dict[str, str] = {}
        for header, target in zip(self.headers, self.targets, strict=True):
            if target is None:
                continue
            if not targets.valid(target):
                found.append(f"Колонку «{header}» некуда загрузить: поля «{target}» в базе нет.")
                continue
            for name in targets.fills(target):
                if name in owner:
                    found.append(
                        f"Колонки файла «{owner[name]}» и «{header}» обе указаны для поля "
                        f"«{name}». Оставьте одну, у другой выберите «{NOT_LOADED}»."
                    )
                else:
                    owner[name] = header
        for name in self.constants:
            if name not in targets.headers:
                found.append(f"Поля «{name}» в базе нет.")
            elif name in owner:
                found.append(
                    f"Поле «{name}» уже берётся из колонки файла «{owner[name]}»: значение "
                    "для всех строк ему не нужно."
                )
        missing = [name for name in targets.missing(set(owner)) if name not in self.constants]
        if missing:
            found.append(
                "Файл не принят: нет колонок "
                + ", ".join(f"«{name}»" for name in missing)
                + ". Укажите для них колонку файла или значение для всех строк."
            )
        return found

    def check(self, targets: Targets) -> None:
        problems = self.problems(targets)
        if problems:
            raise MappingError(" ".join(problems))

    def lines(self, targets: Targets) -> list[str]:
        """«колонка файла → поле базы (как найдено)», one per column, then the constants."""
        found = []
        for header, target, how in zip(self.headers, self.targets, self.how, strict=True):
            shown = header or "(без названия)"
            if target is None:
                note = f" ({how})" if how else ""
                found.append(f"{shown} — не загружается{note}")
            else:
                found.append(f"{shown} → {targets.describe(target)} ({how})")
        found.extend(f"{name} = «{text}» во всех строках" for name, text in self.constants.items())
        return found

    # --- carried between the steps --------------------------------------------------------

    def to_data(self) -> dict:
        return {
            "headers": list(self.headers),
            "targets": list(self.targets),
            "how": [str(how) if how else None for how in self.how],
            "constants": dict(self.constants),
        }

    @classmethod
    def from_data(cls, data: dict) -> ColumnMapping:
        return cls(
            list(data["headers"]),
            list(data["targets"]),
            [How(how) if how else None for how in data["how"]],
            dict(data["constants"]),
        )

    def digest(self) -> str:
        text = json.dumps(self.to_data(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    # --- applying -------------------------------------------------------------------------

    def apply(self, table: XlsxTable, targets: Targets) -> tablib.Dataset:
        """The table as the base's resource reads it: template headers, the file's row
        numbers (resources report errors with them), «ФИО» split, constants in every row."""
        if list(table.headers) != list(self.headers):
            raise MappingError(
                "Сопоставление колонок составлено для другого файла. Загрузите файл ещё раз."
            )
        self.check(targets)
        picks = [(i, t) for i, t in enumerate(self.targets) if t is not None]
        headers = []
        for _index, target in picks:
            headers.extend(targets.fills(target))
        headers.extend(self.constants)
        fixed = tuple(self.constants.values())
        rows = []
        for row in table.rows:
            values = []
            for index, target in picks:
                value = row[index] if index < len(row) else None
                if target == FULL_NAME:
                    values.extend(_split(value))
                else:
                    values.append(value)
            rows.append((*values, *fixed))
        dataset = tablib.Dataset(*rows, headers=headers)
        dataset.excel_row_numbers = list(table.row_numbers)
        dataset.mapped = True
        # An error is named by the column as the file names it («Дата рожд.», not the
        # template's «Дата рождения»); the split names are errors of the file's «ФИО».
        dataset.column_labels = {
            name: self.headers[index]
            for index, target in picks
            if target == FULL_NAME or header_key(self.headers[index]) != header_key(target)
            for name in targets.fills(target)
        }
        return dataset


def _split(value: object) -> tuple:
    if value is None or (isinstance(value, str) and not clean_spaces(value)):
        return (None, None, None)
    if isinstance(value, FormulaProblem):
        return (value, value, value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        name = split_full_name(clean_spaces(value))
    except ValueError as error:
        problem = UnreadableCell("", reason=str(error))
        return (problem, problem, problem)
    return (name.last_name, name.first_name, name.middle_name)


def samples(table: XlsxTable, index: int, count: int = SAMPLE_COUNT) -> list[str]:
    """A few filled cells of a column, as text, for the mapping step."""
    found = []
    for row in table.rows:
        text = cell_text(row[index] if index < len(row) else None)
        if text:
            found.append(text if len(text) <= _SAMPLE_LENGTH else text[: _SAMPLE_LENGTH - 1] + "…")
        if len(found) >= count:
            break
    return found


# --- remembered mappings -----------------------------------------------------------------


def remembered_for(base_code: str, headers: list[str]):
    from .models import RememberedMapping

    return RememberedMapping.objects.filter(
        base_code=base_code, headers_key=headers_key(headers)
    ).first()


def automatic_mapping(base_code: str, targets: Targets, headers: list[str]) -> ColumnMapping:
    """The mapping a file starts with: remembered for these headers, else by header."""
    return ColumnMapping.automatic(targets, headers, remembered_for(base_code, headers))


def remember(base_code: str, mapping: ColumnMapping, user=None) -> None:
    """Keep a mapping a curator confirmed, for the next file with the same headers."""
    from .models import RememberedMapping

    RememberedMapping.objects.update_or_create(
        base_code=base_code,
        headers_key=headers_key(mapping.headers),
        defaults={
            "headers": list(mapping.headers),
            "targets": list(mapping.targets),
            "constants": dict(mapping.constants),
            "saved_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )


def mapping_from_json(text: str, targets: Targets, auto: ColumnMapping) -> ColumnMapping:
    """The --mapping file: {"file header": "template header" | "ФИО" | null}. Columns it
    names are «выбрано вручную»; the others keep the automatic match."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MappingError(
            f"Файл сопоставления — не JSON (строка {error.lineno}, позиция {error.colno})."
        ) from None
    if not isinstance(data, dict):
        raise MappingError(
            'Файл сопоставления должен быть объектом JSON: {"колонка файла": "поле базы" '
            "или null, …}."
        )
    by_key = {header_key(header): index for index, header in enumerate(auto.headers)}
    chosen = list(auto.targets)
    how = list(auto.how)
    for header, target in data.items():
        index = by_key.get(header_key(header))
        if index is None:
            raise MappingError(f"В файле нет колонки «{header}» (она указана в --mapping).")
        if target is None:
            chosen[index], how[index] = None, How.CHOSEN
            continue
        found = targets.by_name(target) if isinstance(target, str) else None
        if found is None:
            raise MappingError(
                f"Поля «{target}» нет в базе (колонка «{header}» в --mapping). Поля: "
                + ", ".join(f"«{value}»" for value, _ in targets.choices())
                + "."
            )
        chosen[index], how[index] = found, How.CHOSEN
    return ColumnMapping(list(auto.headers), chosen, how, dict(auto.constants))


def with_constants(mapping: ColumnMapping, targets: Targets, pairs: list[str]) -> ColumnMapping:
    """--set FIELD=VALUE (the field as its template header), repeatable."""
    constants = dict(mapping.constants)
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not clean_spaces(name):
            raise MappingError(f"--set {pair}: ожидается ПОЛЕ=ЗНАЧЕНИЕ, например Категория=…")
        found = targets.by_name(name)
        if found is None or found not in targets.headers:
            raise MappingError(
                f"--set: поля «{clean_spaces(name)}» в базе нет. Поля: "
                + ", ".join(f"«{header}»" for header in targets.headers)
                + "."
            )
        if clean_spaces(text):
            constants[found] = clean_spaces(text)
        else:
            constants.pop(found, None)
    return ColumnMapping(list(mapping.headers), list(mapping.targets), list(mapping.how), constants)
