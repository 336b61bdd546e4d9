"""The xlsx reader refuses what is not a safe .xlsx, before openpyxl parses it."""

import datetime as dt
import io
import re
import struct
import tracemalloc
import zipfile

import openpyxl
import openpyxl.xml
import pytest
from openpyxl import Workbook, load_workbook

from mentorship.lib import xlsx
from mentorship.lib.xlsx import (
    FormulaProblem,
    SafeXLSX,
    Sheet,
    XlsxFileError,
    XlsxLimits,
    read_xlsx,
    write_xlsx,
)
from tests.lib.xlsx_files import Formula, rezip, xlsx_bytes

LIMITS = XlsxLimits(
    max_bytes=1024 * 1024,
    max_unpacked_bytes=10 * 1024 * 1024,
    max_shared_strings_bytes=2 * 1024 * 1024,
    max_rows=1000,
    max_columns=30,
)


def small_book() -> bytes:
    return xlsx_bytes(["Фамилия", "Имя"], [["Иванов", "Пётр"]])


@pytest.fixture
def no_load_workbook(monkeypatch):
    """Fails the test if openpyxl is ever asked to open the file."""

    def refuse(*args, **kwargs):
        raise AssertionError("load_workbook must not be reached")

    monkeypatch.setattr(xlsx, "load_workbook", refuse)


def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True
    xlsx.assert_defused_xml()


def test_read_xlsx_gives_headers_rows_and_excel_row_numbers():
    data = xlsx_bytes(
        ["Фамилия", "Дата"],
        [["Иванов", dt.date(2008, 9, 1)], [None, None], ["  Петров ", 39692]],
    )
    table = read_xlsx(data, LIMITS)
    assert table.headers == ["Фамилия", "Дата"]
    assert table.rows == [["Иванов", dt.datetime(2008, 9, 1)], ["  Петров ", 39692]]
    assert table.row_numbers == [2, 4]


def test_read_xlsx_keeps_text_starting_with_equals_as_text():
    table = read_xlsx(xlsx_bytes(["Группа"], [["=1+1"], ['=HYPERLINK("http://x")']]), LIMITS)
    assert table.rows == [["=1+1"], ['=HYPERLINK("http://x")']]


def test_read_xlsx_marks_formula_without_cached_value():
    table = read_xlsx(xlsx_bytes(["Фамилия", "Имя"], [["Иванов", Formula('=A2&"!"')]]), LIMITS)
    value = table.rows[0][1]
    assert isinstance(value, FormulaProblem)
    assert "формула без вычисленного значения" in value.message


def test_read_xlsx_uses_cached_value_of_a_computed_formula():
    sheet_xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kurs</t></is></c></row>'
        b'<row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row>'
        b'<row r="3"><c r="A3" t="str"><f>""</f><v></v></c></row>'
        b'<row r="4"><c r="A4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        b"</sheetData></worksheet>"
    )
    data = rezip(small_book(), {"xl/worksheets/sheet1.xml": sheet_xml})
    table = read_xlsx(data, LIMITS)
    assert table.rows[0] == [2]
    assert table.row_numbers == [2, 4]  # the formula that computed "" is a blank row
    assert table.rows[1][0] == FormulaProblem("=1/0", "#DIV/0!")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Фамилия;Имя\nИванов;Пётр\n".encode(), id="csv"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, id="xls-or-encrypted"),
        pytest.param(b"MZ\x90\x00" + bytes(range(256)) * 20, id="exe-renamed"),
        pytest.param(b"PK\x03\x04 not really a zip", id="broken-zip"),
    ],
)
def test_read_xlsx_refuses_other_formats(data, no_load_workbook):
    with pytest.raises(XlsxFileError, match=r"только формат \.xlsx"):
        read_xlsx(data, LIMITS)


def test_read_xlsx_refuses_ods(no_load_workbook):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(XlsxFileError, match=r"только формат \.xlsx.*\.ods"):
        read_xlsx(stream.getvalue(), LIMITS)


def test_read_xlsx_refuses_a_file_over_the_size_limit(no_load_workbook):
    limits = XlsxLimits(**{**LIMITS.__dict__, "max_bytes": 1000})
    with pytest.raises(XlsxFileError, match="Файл больше"):
        read_xlsx(small_book(), limits)


def test_read_xlsx_refuses_sheet_declaring_the_whole_grid(no_load_workbook):
    sheet_xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:XFD1048576"/><sheetData/></worksheet>'
    )
    data = rezip(small_book(), {"xl/worksheets/sheet1.xml": sheet_xml})
    assert len(data) < 1024 * 1024
    with pytest.raises(XlsxFileError, match="1048576 строк × 16384 колонок"):
        read_xlsx(data, LIMITS)


def test_read_xlsx_refuses_zip_bomb_by_declared_size(no_load_workbook):
    # 50 MB of one repeated byte compresses to ~50 KB: far beyond any real sheet's ratio.
    bomb = b"<row/>" * (50 * 1024 * 1024 // 6)
    data = rezip(small_book(), {"xl/worksheets/sheet2.xml": bomb})
    del bomb
    assert len(data) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(XlsxFileError, match="слишком велик после распаковки"):
            read_xlsx(data, LIMITS)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # nothing was unpacked


def test_read_xlsx_refuses_zip_whose_sizes_lie(no_load_workbook):
    """A central directory claiming a tiny member is caught when that member is read."""
    data = bytearray(small_book())
    # Patch the declared uncompressed size of every central directory entry to 1 byte.
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:
        struct.pack_into("<I", data, position + 24, 1)
        position += 4
    with pytest.raises(XlsxFileError):
        read_xlsx(bytes(data), LIMITS)


def test_read_xlsx_refuses_billion_laughs_in_shared_strings():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol3;</t></si></sst>"
    )
    workbook = Workbook()
    workbook.active.append(["Фамилия"])
    stream = io.BytesIO()
    workbook.save(stream)
    content_types = (
        zipfile.ZipFile(stream)
        .read("[Content_Types].xml")
        .replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    )
    data = rezip(
        stream.getvalue(),
        {"xl/sharedStrings.xml": laughs, "[Content_Types].xml": content_types},
    )
    with pytest.raises(XlsxFileError, match="недопустимые конструкции XML"):
        read_xlsx(data, LIMITS)


def test_read_xlsx_refuses_more_rows_than_allowed_by_dimension(no_load_workbook):
    # 3 data rows may sit under a two-row header and HEADER_SEARCH_ROWS rows of title.
    limits = XlsxLimits(**{**LIMITS.__dict__, "max_rows": 3})
    allowed = 3 + xlsx.HEADER_SEARCH_ROWS + 1
    data = xlsx_bytes(["Фамилия"], [[f"Иванов{n}"] for n in range(allowed)])
    with pytest.raises(XlsxFileError, match=f"размером {allowed + 1} строк × 1 колонок"):
        read_xlsx(data, limits)


def test_read_xlsx_counts_rows_of_a_sheet_without_dimension():
    limits = XlsxLimits(**{**LIMITS.__dict__, "max_rows": 3})
    data = xlsx_bytes(["Фамилия"], [[f"Иванов{n}"] for n in range(4)])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb"<dimension[^>]*/>", b"", sheet)
    with pytest.raises(XlsxFileError, match="больше 3 строк данных"):
        read_xlsx(rezip(data, {"xl/worksheets/sheet1.xml": sheet}), limits)


def test_read_xlsx_refuses_data_under_an_empty_header():
    data = xlsx_bytes(["Фамилия", None, "Имя"], [["Иванов", "лишнее", "Пётр"]])
    with pytest.raises(XlsxFileError, match="В колонке B есть данные, но нет заголовка"):
        read_xlsx(data, LIMITS)


def test_read_xlsx_drops_empty_unnamed_columns():
    data = xlsx_bytes(["Фамилия", None, "Имя"], [["Иванов", None, "Пётр"]])
    assert read_xlsx(data, LIMITS).headers == ["Фамилия", "Имя"]


def test_safe_xlsx_dataset_carries_excel_row_numbers():
    data = xlsx_bytes(["Фамилия"], [["Иванов"], [None], ["Петров"]])
    dataset = SafeXLSX().create_dataset(data)
    assert dataset.headers == ["Фамилия"]
    assert dataset.excel_row_numbers == [2, 4]


@pytest.mark.parametrize(
    "text", ["=1+1", '=HYPERLINK("http://evil","клик")', "+79001234567", "-5", "@SUM(A1)", "#N/A"]
)
def test_write_xlsx_writes_formula_looking_strings_as_text(text):
    data = write_xlsx([Sheet("Люди", ["Колонка"], [[text]])])
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s"
    assert cell.value == text


def test_write_xlsx_header_bold_frozen_dates_as_dates():
    data = write_xlsx(
        [Sheet("Люди", ["Фамилия", "Дата рождения"], [["Иванов", dt.date(2008, 9, 1)]])]
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].value == dt.datetime(2008, 9, 1)
    assert sheet["B2"].number_format == "DD.MM.YYYY"
    assert sheet.column_dimensions["B"].width >= len("Дата рождения")


def test_write_xlsx_dates_and_quoted_texts_keep_their_own_values_row_after_row():
    """write_xlsx reuses a column's styled cell for its dates and quoted texts: each row
    still holds its own values, two such columns of one row stay apart, and a plain value
    between them is still written plain."""
    rows = [
        [dt.date(2008, 9, 1), "+7 900 1", dt.date(2001, 1, 2), "=A1", "текст"],
        [dt.date(2009, 10, 3), "-5", None, "@x", 7],
        [None, "обычный", dt.date(2010, 11, 4), "", "+1"],
    ]
    data = write_xlsx([Sheet("Люди", ["a", "b", "c", "d", "e"], rows)])
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        [dt.datetime(2008, 9, 1), "+7 900 1", dt.datetime(2001, 1, 2), "=A1", "текст"],
        [dt.datetime(2009, 10, 3), "-5", None, "@x", 7],
        [None, "обычный", dt.datetime(2010, 11, 4), None, "+1"],
    ]
    assert [sheet[ref].number_format for ref in ("A2", "A3", "C2", "C4")] == ["DD.MM.YYYY"] * 4
    assert all(sheet[ref].quotePrefix for ref in ("B2", "B3", "D2", "D3", "E4"))
    assert not sheet["B4"].quotePrefix and sheet["D2"].data_type == "s"


def test_safe_xlsx_export_round_trips_through_import():
    import tablib

    dataset = tablib.Dataset(["=1+1", "+7 900"], headers=["Группа", "Телефон"])
    data = SafeXLSX().export_data(dataset)
    assert read_xlsx(data, LIMITS).rows == [["=1+1", "+7 900"]]


def test_openpyxl_version_is_the_pinned_one():
    # _CellParser relies on openpyxl's private worksheet parser: re-check it on upgrades.
    assert openpyxl.__version__ == "3.1.5"


def test_shared_strings_read_as_openpyxl_reads_them():
    """The faster shared-strings reader gives exactly openpyxl's strings: plain text,
    rich-text runs joined, phonetic hints left out, «_x005F_» unescaped, spaces kept."""
    from openpyxl.reader.strings import read_string_table

    table = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>Иванов</t></si>"
        '<si><t xml:space="preserve">  Пётр  </t></si>'
        '<si><r><rPr><b/></rPr><t>Семён</t></r><r><t xml:space="preserve"> ов</t></r></si>'
        '<si><t>東京</t><rPh sb="0" eb="2"><t>とうきょう</t></rPh></si>'
        "<si><t>a_x005F_x000D_b</t></si>"
        "<si><t/></si>"
        "<si></si>"
        "</sst>"
    ).encode()
    ours = xlsx._read_string_table(io.BytesIO(table))
    assert ours == list(read_string_table(io.BytesIO(table)))
    assert ours[:3] == ["Иванов", "  Пётр  ", "Семён ов"]


def test_inline_text_cells_read_as_openpyxl_reads_them():
    sheet_xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>"
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xd0\xa4\xd0\xb0\xd0\xbc\xd0\xb8\xd0\xbb'
        b'\xd0\xb8\xd1\x8f</t></is></c><c r="B1" t="inlineStr"><is><t>B</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><r><t>Pe</t></r>'
        b'<r><rPr><b/></rPr><t xml:space="preserve">tr </t></r></is></c>'
        b'<c r="B2" t="inlineStr"><is><t xml:space="preserve"> x </t>'
        b'<rPh sb="0" eb="1"><t>y</t></rPh></is></c></row>'
        b"</sheetData></worksheet>"
    )
    data = rezip(small_book(), {"xl/worksheets/sheet1.xml": sheet_xml})
    table = read_xlsx(data, LIMITS)
    book = load_workbook(io.BytesIO(data), read_only=True)
    theirs = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    assert [table.headers, *table.rows] == [[str(v) for v in theirs[0]], theirs[1]]
    assert table.rows == [["Petr ", " x "]]


def test_read_xlsx_parses_a_sheet_without_dimension_only_once(monkeypatch):
    """openpyxl would scan a sheet without <dimension> (files written by scripts) to the
    end just to open it; its idea of the size is not needed, the rows are counted."""
    from openpyxl.worksheet._reader import WorkSheetParser

    def refuse(self):
        raise AssertionError("the sheet is scanned for its size")

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", refuse)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Фамилия"])
    sheet.append(["Иванов"])
    stream = io.BytesIO()
    workbook.save(stream)
    assert b"<dimension" not in zipfile.ZipFile(stream).read("xl/worksheets/sheet1.xml")
    assert read_xlsx(stream.getvalue(), LIMITS).rows == [["Иванов"]]
