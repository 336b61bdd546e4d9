"""A curator's spreadsheet as a table: headers, rows and each row's number in the file.

read_table() is the one entry for every import: it picks the reader by the file's kind and
gives an XlsxTable (headers, rows, row_numbers, header_rows, title) whatever the format:

- .xlsx through lib/xlsx.py, with every safety check there (defusedxml, zip bombs, sizes);
- .xls (Excel 97–2003, still common in offices) through xlrd: dates come as xlrd's day
  numbers and are turned into datetimes as openpyxl would, merged cells are read;
- .csv in UTF-8 (with or without BOM) or Windows-1251, separated by «;», «,» or tabs.

The kind is named by the file's extension and checked against its first bytes: a book saved
as .xls but named .xlsx (or the other way round) is still read right. Each format has the
same size, row and column limits, and the header row is found the same way for all three
(xlsx.table_from_grid: title rows, empty rows, merged cells, a two-row header).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import PurePath

import xlrd

from .xlsx import (
    _OLE_MAGIC,
    _ZIP_MAGIC,
    FormulaProblem,
    GridRows,
    SheetGrid,
    XlsxFileError,
    XlsxLimits,
    XlsxTable,
    check_xlsx_size,
    read_xlsx,
    table_from_grid,
)

FORMATS = "Поддерживаются файлы .xlsx, .xls и .csv."
EXTENSIONS = (".xlsx", ".xls", ".csv")
_RESAVE = "Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»."


def read_table(data: bytes, filename: str = "", limits: XlsxLimits | None = None) -> XlsxTable:
    """The first sheet of the file as a table. XlsxFileError (a Russian message) when the
    file cannot be read. Without a file name the kind is told by the content alone."""
    limits = limits or XlsxLimits.from_settings()
    extension = PurePath(filename).suffix.lower() if filename else ""
    if filename and extension not in EXTENSIONS:
        raise XlsxFileError(FORMATS)
    if not isinstance(data, bytes | bytearray):
        raise XlsxFileError(FORMATS)
    data = bytes(data)
    if not data:
        raise XlsxFileError("Файл пустой.")
    check_xlsx_size(len(data), limits)
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data, limits, only=FORMATS)
    if data.startswith(_OLE_MAGIC):
        return table_from_grid(read_xls_grid(data, limits), limits)
    if extension in (".xlsx", ".xls"):
        raise XlsxFileError(_not_a_workbook(data, extension))
    return table_from_grid(read_csv_grid(data, limits), limits)


def _not_a_workbook(data: bytes, extension: str) -> str:
    head = data[:2048].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        # Many programs «export to Excel» a web page named .xls.
        return (
            f"{FORMATS} Этот файл — веб-страница (HTML или XML), названная {extension}, а не "
            f"книга Excel. {_RESAVE}"
        )
    return f"{FORMATS} Этот файл назван {extension}, но не является книгой Excel. {_RESAVE}"


# --- .xls --------------------------------------------------------------------------------


def read_xls_grid(data: bytes, limits: XlsxLimits) -> SheetGrid:
    """The first sheet of an Excel 97–2003 book. Merged cells need formatting_info, which
    xlrd cannot read in some books written by other programs: those are read without it
    (the header is then found without knowing the merges)."""
    try:
        try:
            book = _open_xls(data, formatting_info=True)
        except XlsxFileError:
            raise
        except Exception:  # retried without formatting: a real fault shows again
            book = _open_xls(data, formatting_info=False)
        try:
            if book.nsheets == 0:
                raise XlsxFileError("В книге нет ни одного листа с данными.")
            sheet = book.sheet_by_index(0)
            return _xls_grid(book, sheet, limits)
        finally:
            book.release_resources()
    except XlsxFileError:
        raise
    except Exception:  # xlrd raises anything from XLRDError to struct.error on a bad file
        raise XlsxFileError(f"Не удалось прочитать файл .xls: он повреждён. {_RESAVE}") from None


def _open_xls(data: bytes, formatting_info: bool):
    try:
        return xlrd.open_workbook(
            file_contents=data,
            formatting_info=formatting_info,
            on_demand=True,
            logfile=io.StringIO(),  # xlrd prints its warnings to stdout otherwise
        )
    except xlrd.XLRDError as error:
        text = str(error).lower()
        if "encrypt" in text or "can't find workbook" in text:
            # Excel wraps a password-protected .xlsx in the same OLE container as .xls.
            raise XlsxFileError(
                "Файл защищён паролем (или это не книга Excel): снимите пароль и сохраните "
                "как «Книга Excel (*.xlsx)»."
            ) from None
        raise


def _xls_grid(book, sheet, limits: XlsxLimits) -> SheetGrid:
    rows = GridRows(limits)
    for index in range(sheet.nrows):
        types = sheet.row_types(index)
        values = sheet.row_values(index)
        rows.add(
            index + 1,
            {
                column + 1: _xls_value(kind, value, book.datemode)
                for column, (kind, value) in enumerate(zip(types, values, strict=True))
                if kind not in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
            },
        )
    merged = [
        (first_row + 1, first_col + 1, end_row, end_col)
        for first_row, end_row, first_col, end_col in sheet.merged_cells
    ]
    return SheetGrid(rows.rows, merged)


def _xls_value(kind: int, value, datemode: int) -> object:
    """A cell as openpyxl gives the same cell of an .xlsx: whole numbers as int, dates as
    datetime (a time of day alone as time), errors as a FormulaProblem."""
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return value
        return moment.time() if 0 <= value < 1 else moment
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return FormulaProblem("", xlrd.error_text_from_code.get(value, "#ERR!"))
    return value


# --- .csv --------------------------------------------------------------------------------

_DELIMITERS = (";", ",", "\t")
_SNIFF_LINES = 50


def read_csv_grid(data: bytes, limits: XlsxLimits) -> SheetGrid:
    """Every cell is text, stripped; an empty one is no cell. A row's number is its record's
    (what a spreadsheet program shows, even when a quoted cell spans several lines)."""
    text = _decode_csv(data)
    delimiter = _delimiter(text)
    rows = GridRows(limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, 1):
            rows.add(number, {column: cell.strip() for column, cell in enumerate(record, 1)})
    except csv.Error:
        raise XlsxFileError(
            f"Не удалось прочитать файл CSV: строка {reader.line_num} оформлена неправильно "
            "(например, слишком длинная ячейка или незакрытые кавычки)."
        ) from None
    return SheetGrid(rows.rows)


def _decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM, tried strictly first), then Windows-1251; UTF-16 with a
    BOM is what Excel's «Текст Юникод» writes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise XlsxFileError(
        f"{FORMATS} Этот файл не похож на таблицу CSV: это не текст в кодировке UTF-8 или "
        "Windows-1251. Сохраните таблицу как «CSV UTF-8 (разделитель — точка с запятой)» "
        "или как «Книга Excel (*.xlsx)»."
    )


def _delimiter(text: str) -> str:
    """csv.Sniffer on the first lines; when it cannot decide — it cannot as soon as title
    rows or empty rows break the lines' likeness — the separator that splits most of those
    lines into the same number (two or more) of cells; «;» (what Russian Excel writes) when
    nothing tells."""
    sample = "\n".join(text.splitlines()[:_SNIFF_LINES])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        pass
    best, best_score = ";", 0
    for delimiter in _DELIMITERS:
        try:
            counts = Counter(
                len(record)
                for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                if len(record) > 1
            )
        except csv.Error:
            continue
        score = max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best
