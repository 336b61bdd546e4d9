"""Reading and writing .xlsx safely, and finding the table in a sheet of any format.

An uploaded file is untrusted: before openpyxl sees it we check that it is a real .xlsx
(a zip holding xl/workbook.xml), that it is not too big packed or unpacked (zip bombs)
and that no sheet declares an absurd size. openpyxl must parse XML through defusedxml
(entity expansion, «billion laughs»); we refuse to read anything if it does not.

Cells are read in one streaming pass with the cached values of formulas (what Excel
showed); a formula without a cached value, or one that evaluated to an error, is kept
as a FormulaProblem so the import can report it against its row and column instead of
silently reading an empty cell. Text that merely starts with «=» stays text.

A curator's own sheet rarely starts with its header: a title («Список обучающихся…»), empty
rows, sometimes a two-row header whose top cells span years. table_from_grid() finds the
header row by itself, for .xlsx here and for .xls and .csv (lib/tables.py) alike.

Writing goes through openpyxl directly: every string is written as a text cell, never
as a formula (openpyxl would otherwise turn «=1+1» or «=HYPERLINK(…)» into a live
formula in the exported file).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import openpyxl.xml
import tablib
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, VALUE_TAG, WorkSheetParser
from openpyxl.xml import functions as openpyxl_xml_functions
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from mentorship.lib.text import clean_spaces

ONLY_XLSX = "Поддерживается только формат .xlsx (книга Excel)."
_RESAVE_HINT = "Откройте файл в Excel и сохраните как «Книга Excel (*.xlsx)»."

_ZIP_MAGIC = b"PK\x03\x04"
# Compound File Binary: old .xls, and also any password-protected .xlsx (Excel wraps the
# encrypted package in an OLE container).
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# A member this much smaller packed than unpacked is a zip bomb, not a spreadsheet (real
# sheets compress 5-30 times); only members big enough to matter are checked.
_MAX_RATIO = 150
_RATIO_CHECK_FROM = 1024 * 1024
_MAX_MEMBERS = 500


class XlsxFileError(ValueError):
    """The whole file is refused; the message is Russian and safe to show."""


@dataclass(frozen=True)
class XlsxLimits:
    max_bytes: int
    max_unpacked_bytes: int
    max_shared_strings_bytes: int
    max_rows: int
    max_columns: int

    @classmethod
    def from_settings(cls) -> XlsxLimits:
        return cls(
            max_bytes=settings.IMPORT_MAX_BYTES,
            max_unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
            max_shared_strings_bytes=settings.IMPORT_MAX_SHARED_STRINGS_BYTES,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_columns=settings.IMPORT_MAX_COLUMNS,
        )


@dataclass(frozen=True)
class FormulaProblem:
    """A formula cell whose value cannot be used: no cached value, or an Excel error."""

    formula: str
    error_code: str = ""

    @property
    def message(self) -> str:
        if self.error_code:
            return f"формула вернула ошибку {self.error_code}"
        return (
            "формула без вычисленного значения — откройте файл в Excel, дайте ему "
            "пересчитать формулы и сохраните (или вставьте значения вместо формул)"
        )

    def __str__(self) -> str:
        return self.formula or self.error_code


@dataclass
class XlsxTable:
    headers: list[str]
    rows: list[list[object]]
    # The file's own row number of each entry of rows (what Excel shows; blank rows skipped).
    row_numbers: list[int]
    # The file's row numbers of the header: one row, or two when the top cells span
    # sub-headings (years) in the row below.
    header_rows: list[int] = field(default_factory=lambda: [1])
    # The text found above the header (the table's title), one line per row; "" if none.
    title: str = ""


@dataclass
class SheetGrid:
    """A sheet as read, before its header is found: the non-blank rows as (the file's row
    number, {column from 1: value}) and the merged ranges as (first row, first column, last
    row, last column)."""

    rows: list[tuple[int, dict[int, object]]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def assert_defused_xml() -> None:
    """openpyxl parses XML through defusedxml only if it is installed and not switched off."""
    parser_module = openpyxl_xml_functions.iterparse.__module__
    if openpyxl.xml.DEFUSEDXML is not True or not parser_module.startswith("defusedxml"):
        raise ImproperlyConfigured(
            "openpyxl does not use defusedxml: install defusedxml and do not set "
            "OPENPYXL_DEFUSEDXML=False; untrusted .xlsx files are not read without it."
        )


def check_xlsx_size(size: int, limits: XlsxLimits | None = None) -> None:
    """Refuse a file over the size limit by its size alone — the same limit for .xlsx, .xls
    and .csv: an upload or a file on disk is turned away before it is read."""
    limits = limits or XlsxLimits.from_settings()
    if size > limits.max_bytes:
        raise XlsxFileError(
            f"Файл больше {limits.max_bytes // (1024 * 1024)} МБ. Разбейте его на части."
        )


def check_xlsx_bytes(data: bytes, limits: XlsxLimits | None = None, only: str = ONLY_XLSX) -> None:
    """Refuse anything that is not a plausible, reasonably sized .xlsx — before parsing it.
    only: the sentence that says which formats are accepted, at the head of a refusal."""
    limits = limits or XlsxLimits.from_settings()
    if not isinstance(data, bytes | bytearray):
        raise XlsxFileError(only)
    if not data:
        raise XlsxFileError("Файл пустой.")
    check_xlsx_size(len(data), limits)
    if data.startswith(_OLE_MAGIC):
        raise XlsxFileError(
            f"{only} Этот файл — старый формат .xls или книга, защищённая паролем: "
            "снимите пароль и сохраните как «Книга Excel (*.xlsx)»."
        )
    if not data.startswith(_ZIP_MAGIC):
        raise XlsxFileError(f"{only} Этот файл не является книгой Excel. {_RESAVE_HINT}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise XlsxFileError(f"{only} Файл повреждён. {_RESAVE_HINT}") from None
    with archive:
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names:
            kind = "таблица OpenDocument (.ods)" if "content.xml" in names else "не книга Excel"
            raise XlsxFileError(f"{only} Этот файл — {kind}. {_RESAVE_HINT}")
        _check_members(members, limits, only)
        try:
            _check_sheet_dimensions(archive, limits)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
            if isinstance(error, XlsxFileError):
                raise
            raise XlsxFileError(f"Файл повреждён. {_RESAVE_HINT}") from None


def _check_members(
    members: Sequence[zipfile.ZipInfo], limits: XlsxLimits, only: str = ONLY_XLSX
) -> None:
    too_big = XlsxFileError(
        "Файл слишком велик после распаковки — это не похоже на обычную таблицу. "
        "Сохраните в новый файл только лист с данными по шаблону."
    )
    if len(members) > _MAX_MEMBERS:
        raise too_big
    if sum(member.file_size for member in members) > limits.max_unpacked_bytes:
        raise too_big
    for member in members:
        if member.flag_bits & 0x1:
            raise XlsxFileError(f"{only} Файл зашифрован: снимите пароль и сохраните заново.")
        if member.file_size > _RATIO_CHECK_FROM and member.file_size > _MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise too_big
        if (
            member.filename == "xl/sharedStrings.xml"
            and member.file_size > limits.max_shared_strings_bytes
        ):
            raise too_big


def _check_sheet_dimensions(archive: zipfile.ZipFile, limits: XlsxLimits) -> None:
    """A sheet declaring A1:XFD1048576 is refused before a single row is read."""
    for name in archive.namelist():
        if not _SHEET_PART.match(name):
            continue
        with archive.open(name) as part:
            head = part.read(64 * 1024)
        match = _DIMENSION.search(head)
        if not match:
            continue  # rows are counted while streaming instead
        first_col, first_row, last_col, last_row = (
            g.decode() if g else None for g in match.groups()
        )
        last_col = last_col or first_col
        last_row = last_row or first_row
        rows = int(last_row) if last_row else 1
        columns = column_index_from_string(last_col) if last_col else 1
        if rows > max_sheet_rows(limits) or columns > limits.max_columns:
            raise XlsxFileError(
                f"В файле есть лист размером {rows} строк × {columns} колонок — больше "
                f"допустимого ({limits.max_rows} строк данных, {limits.max_columns} колонок). "
                "Оставьте в книге только лист с данными по шаблону; большой список "
                "разбейте на части."
            )


def read_xlsx(data: bytes, limits: XlsxLimits | None = None, only: str = ONLY_XLSX) -> XlsxTable:
    """The first sheet as headers + non-blank rows, with each row's Excel number; the header
    row is found by itself (table_from_grid)."""
    limits = limits or XlsxLimits.from_settings()
    check_xlsx_bytes(data, limits, only)
    assert_defused_xml()
    try:
        workbook = load_workbook(io.BytesIO(data))
        try:
            if not workbook.worksheets:
                raise XlsxFileError("В книге нет ни одного листа с данными.")
            return _read_sheet(workbook, workbook.worksheets[0], limits)
        finally:
            workbook.close()
    except XlsxFileError:
        raise
    except Exception as error:  # openpyxl raises anything from KeyError to TypeError
        if _caused_by(error, DefusedXmlException):
            raise XlsxFileError(
                "Файл содержит недопустимые конструкции XML (например, вложенные сущности) "
                f"и не может быть прочитан. {_RESAVE_HINT}"
            ) from None
        raise XlsxFileError(f"Не удалось прочитать файл: он повреждён. {_RESAVE_HINT}") from None


_SI = f"{{{SHEET_MAIN_NS}}}si"
_T = f"{{{SHEET_MAIN_NS}}}t"
_R = f"{{{SHEET_MAIN_NS}}}r"


def _read_string_table(xml_source) -> list[str]:
    """openpyxl's read_string_table(), without building a Text object per string (a third
    of the time of reading a 5,000-row sheet): the same parser (defusedxml's), the same
    text — the plain part and every run's text, phonetic hints left out — and the same
    «x005F_» unescaping."""
    strings = []
    for _event, node in openpyxl_xml_functions.iterparse(xml_source):
        if node.tag != _SI:
            continue
        strings.append(_text_content(node).replace("x005F_", ""))
        node.clear()
    return strings


def _text_content(node) -> str:
    """openpyxl's Text.from_tree(node).content: the plain text and every run's text."""
    parts = []
    plain = node.find(_T)
    if plain is not None and plain.text:
        parts.append(plain.text)
    for run in node.iterfind(_R):
        text = run.find(_T)
        if text is not None and text.text:
            parts.append(text.text)
    return "".join(parts)


def load_workbook(source) -> Workbook:
    """openpyxl's load_workbook(source, read_only=True, data_only=True, keep_links=False),
    through _Reader."""
    reader = _Reader(source, read_only=True, keep_vba=False, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


class _Sheet(ReadOnlyWorksheet):
    def _get_size(self) -> None:
        """openpyxl looks for a sheet's <dimension> with «end» events, so a sheet without
        one (files written by scripts) is parsed to the end once more on opening. Nothing
        here uses openpyxl's idea of the size: rows are counted while reading them (and a
        declared <dimension> checked before opening)."""


class _Reader(ExcelReader):
    """openpyxl's read-only loading, with our string table reader and sheets that skip the
    size scan — subclassed, not patched into openpyxl's modules (safe across threads)."""

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = _read_string_table(source)

    def read_worksheets(self):
        # What ExcelReader.read_worksheets() does when read_only: one lazy sheet per
        # worksheet part (chart sheets have no cells: left out).
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            worksheet = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def _caused_by(error: BaseException, kind: type) -> bool:
    """openpyxl wraps parser errors in a ValueError; look down the chain."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _read_sheet(workbook, sheet, limits: XlsxLimits) -> XlsxTable:
    # openpyxl's read-only sheet gives either cached values (data_only) or formulas, never
    # both; its parser, extended by one method, gives both in a single streaming pass.
    # Private attributes: openpyxl is pinned (3.1.5) and a test covers this path.
    with sheet._get_source() as source:
        parser = _CellParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        rows = GridRows(limits)
        for row_number, cells in parser.parse():
            rows.add(row_number, {cell["column"]: cell["value"] for cell in cells})
        # <mergeCells> follows <sheetData>: known once every row is read.
        merged = []
        if parser.merged_cells is not None:
            for merge in parser.merged_cells.mergeCell:
                first_col, first_row, last_col, last_row = range_boundaries(merge.ref)
                merged.append((first_row, first_col, last_row, last_col))
    return table_from_grid(SheetGrid(rows.rows, merged), limits)


# --- finding the table in a sheet (every format) -----------------------------------------

# The header is looked for among this many non-blank rows at the top of the sheet.
HEADER_SEARCH_ROWS = 30


def max_sheet_rows(limits: XlsxLimits) -> int:
    """Rows a sheet may hold in all: the data, a two-row header and a title above it."""
    return limits.max_rows + HEADER_SEARCH_ROWS + 1


class GridRows:
    """The non-blank rows of a sheet as they are read, within the column and row limits."""

    def __init__(self, limits: XlsxLimits):
        self.limits = limits
        self.rows: list[tuple[int, dict[int, object]]] = []

    def add(self, row_number: int, cells: dict[int, object]) -> None:
        values = {}
        for column, value in cells.items():
            if _is_blank(value):
                continue
            if column > self.limits.max_columns:
                raise XlsxFileError(
                    f"Данные в колонке {get_column_letter(column)} — дальше "
                    f"допустимых {self.limits.max_columns} колонок."
                )
            values[column] = value
        if not values:
            return
        if len(self.rows) >= max_sheet_rows(self.limits):
            raise _too_many_rows(self.limits)
        self.rows.append((row_number, values))


def _too_many_rows(limits: XlsxLimits) -> XlsxFileError:
    return XlsxFileError(f"В файле больше {limits.max_rows} строк данных. Разбейте его на части.")


NO_HEADER = (
    "Не найдена строка заголовков таблицы. Ожидается строка с названиями колонок — "
    "не меньше двух ячеек с текстом или годами (например, «Фамилия», «Имя» или "
    "«Показатель», «2024») — в первых "
    f"{HEADER_SEARCH_ROWS} заполненных строках листа, а под ней данные. Название таблицы "
    "и пустые строки над заголовками допускаются."
)


def table_from_grid(grid: SheetGrid, limits: XlsxLimits) -> XlsxTable:
    """The table in a sheet: title rows and empty rows skipped, the header found by itself
    (one row, or two when its top cells span sub-headings such as years), then the data.

    The header is the first of the top HEADER_SEARCH_ROWS non-blank rows that has at least
    two headings — text, or years kept as numbers («Показатель | 2020 | 2021»), one of them
    text — and is not a caption line above a much wider table; a title — one cell, or one
    cell merged across the width — never qualifies. A sheet of one column has
    its first row as the header."""
    rows = grid.rows
    if not rows:
        raise XlsxFileError("Лист пустой: нет ни заголовков, ни данных.")
    across = {(r1, c1): c2 for r1, c1, _r2, c2 in grid.merged if c2 > c1}
    found = _find_header(rows, across)
    header_number, top = rows[found]
    header_rows = [header_number]
    header_cells = dict(top)
    body_from = found + 1
    if body_from < len(rows):
        below_number, below = rows[body_from]
        if below_number == header_number + 1 and _is_sub_header(header_number, top, below, across):
            # Each column under a spanning top cell takes its own sub-heading; a top cell
            # merged down, or with nothing below it, keeps its text.
            header_cells.update(below)
            header_rows.append(below_number)
            body_from += 1
    body = rows[body_from:]
    if len(body) > limits.max_rows:
        raise _too_many_rows(limits)
    title = "\n".join(
        " ".join(cell_text(cells[column]) for column in sorted(cells))
        for _number, cells in rows[:found]
    )
    return _as_table(header_cells, body, header_rows, title)


def _find_header(rows, across: dict[tuple[int, int], int]) -> int:
    def width(number: int, cells: dict[int, object]) -> int:
        return sum(across.get((number, column), column) - column + 1 for column in cells)

    for index, (number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = sum(isinstance(value, str) for value in cells.values())
        if texts < 1 or sum(_is_heading(value) for value in cells.values()) < 2:
            continue
        if index + 1 < len(rows) and 2 * width(number, cells) < width(*rows[index + 1]):
            continue  # «Группа: ГР-241 … Куратор: …» above a table twice as wide
        return index
    if len({column for _number, cells in rows for column in cells}) == 1:
        return 0
    raise XlsxFileError(NO_HEADER)


def _is_heading(value: object) -> bool:
    """Text, or a year typed as a number: what a header cell holds (a date does not)."""
    if isinstance(value, str):
        return True
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


def _is_sub_header(number: int, top: dict[int, object], below: dict[int, object], across) -> bool:
    """Whether the row below the header holds sub-headings of its spanning cells: every
    value of it sits under a top cell that spans several columns — merged across, or
    followed by empty header cells (a .csv has no merges) — and some value sits under the
    spanned part, where the top row itself has nothing."""
    columns = sorted(top)
    last = max(max(columns), max(below))
    group_of: dict[int, int] = {}
    for index, column in enumerate(columns):
        end = across.get((number, column))
        if end is None:
            end = columns[index + 1] - 1 if index + 1 < len(columns) else last
        if end > column:
            for spanned in range(column, end + 1):
                group_of[spanned] = column
    return all(column in group_of for column in below) and any(
        group_of[column] != column for column in below
    )


def _as_table(header_cells: dict[int, object], body, header_rows=(1,), title="") -> XlsxTable:
    used = set(header_cells)
    for _number, values in body:
        used.update(values)
    columns = sorted(used)
    unnamed = [c for c in columns if c not in header_cells]
    if unnamed:
        letters = ", ".join(get_column_letter(c) for c in unnamed)
        where = " и ".join(str(n) for n in header_rows)
        raise XlsxFileError(
            f"В колонк{'е' if len(unnamed) == 1 else 'ах'} {letters} есть данные, но нет "
            f"заголовка в строке заголовков (строк{'а' if len(header_rows) == 1 else 'и'} "
            f"{where}). Впишите заголовок или удалите эти данные."
        )
    headers = [cell_text(header_cells[c]) for c in columns]
    rows = [[values.get(c) for c in columns] for _number, values in body]
    return XlsxTable(
        headers=headers,
        rows=rows,
        row_numbers=[number for number, _ in body],
        header_rows=list(header_rows),
        title=title,
    )


def cell_text(value: object) -> str:
    """A cell as a person reads it: a year typed as a number «2022», a date ДД.ММ.ГГГГ,
    «Да»/«Нет», spaces cleaned (a header, or a sample value shown on the mapping step)."""
    if isinstance(value, FormulaProblem):
        return str(value)
    if isinstance(value, bool):
        return "Да" if value else "Нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year typed as a number: «2022», not «2022.0»
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    return clean_spaces(value)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean_spaces(value))


class _CellParser(WorkSheetParser):
    """Cached values, plus a FormulaProblem for a formula that has no usable one."""

    def parse_cell(self, element):
        if element.get("t") == "inlineStr" and not self.rich_text:
            cell = self._inline_string_cell(element)
        else:
            cell = super().parse_cell(element)
        formula = element.find(FORMULA_TAG)
        if cell["data_type"] == "e":
            text = formula.text if formula is not None and formula.text else ""
            cell["value"] = FormulaProblem(f"={text}" if text else "", str(cell["value"]))
        elif formula is not None and cell["value"] is None:
            # Excel stores a formula that computed "" as t="str" with an empty <v>;
            # any other formula without a value was never calculated (files written by
            # scripts, or by Excel with calculation switched off).
            if element.get("t") == "str" and element.find(VALUE_TAG) is not None:
                cell["value"] = ""
            else:
                cell["value"] = FormulaProblem(f"={formula.text}" if formula.text else "")
        return cell

    def _inline_string_cell(self, element):
        """WorkSheetParser.parse_cell() for a text cell stored in the sheet (openpyxl and
        many scripts write text so), without building a Text object per cell."""
        coordinate = element.get("r")
        style_id = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        value, data_type = None, "inlineStr"
        child = element.find(INLINE_STRING)
        if child is not None:
            value, data_type = _text_content(child), "s"
        return {
            "row": row,
            "column": column,
            "value": value,
            "data_type": data_type,
            "style_id": style_id,
        }


# --- writing -----------------------------------------------------------------------------


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]] = ()
    widths: Sequence[int] | None = None
    wrap: bool = False
    number_formats: dict[int, str] = field(default_factory=dict)


DATE_FORMAT = "DD.MM.YYYY"


def write_xlsx(
    sheets: Iterable[Sheet], *, finish: Callable[[Workbook], None] | None = None
) -> bytes:
    """A workbook where every string is a text cell: nothing written can run as a formula.
    finish — called with the (write-only) workbook after the sheets, before it is saved: to
    add a sheet of another shape (the package's hidden machine copy)."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(spec.title))
        rows = [list(row) for row in spec.rows]
        widths = spec.widths or _auto_widths(spec.headers, rows)
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"

        header = []
        for title in spec.headers:
            cell = _text_cell(WriteOnlyCell(sheet), str(title))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        # A write-only sheet writes a row when it is appended: a column's styled cell
        # serves that column's dates (or quoted texts) row after row — 9,400 dates and
        # 5,400 phones of the people base were a new cell and a style lookup each.
        dates: dict[int, WriteOnlyCell] = {}
        quoted: dict[int, WriteOnlyCell] = {}
        for row in rows:
            out = []
            for column, value in enumerate(row):
                if not spec.wrap:
                    if _plain(value):
                        # openpyxl writes it as it is: text as text, a number as a number;
                        # an empty cell not at all (a reader sees it empty either way).
                        out.append(value if value != "" else None)
                        continue
                    kind = type(value)
                    if kind is dt.date:
                        cell = dates.get(column)
                        if cell is None:
                            cell = dates[column] = WriteOnlyCell(sheet)
                            cell.number_format = DATE_FORMAT
                        cell.value = value
                        out.append(cell)
                        continue
                    if kind is str and value.startswith(_FORMULA_START):
                        cell = quoted.get(column) or quoted.setdefault(
                            column, WriteOnlyCell(sheet)
                        )
                        out.append(_text_cell(cell, value))
                        continue
                cell = WriteOnlyCell(sheet)
                if isinstance(value, str):
                    _text_cell(cell, value)
                else:
                    cell.value = value
                    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                        cell.number_format = DATE_FORMAT
                if spec.wrap:
                    cell.alignment = wrap
                out.append(cell)
            sheet.append(out)
    if finish is not None:
        finish(workbook)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# Excel and LibreOffice may run a cell starting with any of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value) -> bool:
    """A value openpyxl's write-only sheet writes as is, just as a styled cell would hold it:
    no cell of our own, no style (a cell per value was half of an export of 9,400 people).
    Dates need their format; text that could run as a formula, reads as an error value or
    holds characters a sheet may not hold goes through _text_cell."""
    if value is None:
        return True
    kind = type(value)
    if kind is str:
        return not (
            value.startswith(_FORMULA_START)
            or value in ERROR_CODES
            or ILLEGAL_CHARACTERS_RE.search(value)
        )
    return kind is int or kind is float or kind is bool


def _text_cell(cell, value: str):
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    # openpyxl makes «=…» a formula and «#N/A» an error value; text it is.
    cell.data_type = "s"
    if value.startswith(_FORMULA_START):
        # Excel keeps the cell text even when someone edits it later.
        cell.quotePrefix = True
    return cell


def _auto_widths(headers: Sequence[str], rows: list[list[object]]) -> list[int]:
    widths = [len(str(h)) for h in headers]
    for row in rows[:500]:
        for index, value in enumerate(row[: len(widths)]):
            text = value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value or "")
            widths[index] = max(widths[index], len(text))
    return [min(max(width + 2, 10), 60) for width in widths]


def _sheet_title(title: str) -> str:
    return re.sub(r"[\\*?:/\[\]]", "-", title or "Данные")[:31]


# --- django-import-export format ----------------------------------------------------------


class SafeXLSX(base_formats.XLSX):
    """The only import/export format: checked reading, formula-proof writing."""

    def get_title(self):
        return "xlsx"

    def create_dataset(self, in_stream):
        table = read_xlsx(bytes(in_stream) if isinstance(in_stream, bytearray) else in_stream)
        dataset = tablib.Dataset(*[tuple(row) for row in table.rows], headers=table.headers)
        # Resources report errors with the row numbers the user sees in Excel.
        dataset.excel_row_numbers = table.row_numbers
        return dataset

    def export_data(self, dataset, **kwargs):
        return write_xlsx([Sheet(dataset.title or "Данные", dataset.headers or [], dataset)])
