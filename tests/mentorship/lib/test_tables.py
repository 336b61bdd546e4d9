"""read_table(): .xlsx, .xls and .csv read into one table, the header row found by itself."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from mentorship.lib import xlsx
from mentorship.lib.tables import FORMATS, read_table, read_xls_grid
from mentorship.lib.xlsx import NO_HEADER, SafeXLSX, XlsxFileError, XlsxLimits

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "tables"

LIMITS = XlsxLimits(
    max_bytes=1024 * 1024,
    max_unpacked_bytes=10 * 1024 * 1024,
    max_shared_strings_bytes=2 * 1024 * 1024,
    max_rows=1000,
    max_columns=30,
)


def limits(**changes) -> XlsxLimits:
    return XlsxLimits(**{**LIMITS.__dict__, **changes})


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def book(rows, merged=()) -> bytes:
    """An .xlsx whose first sheet has these rows from row 1 (None: an empty cell; [] an
    empty row) and these merged ranges."""
    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(number, column, value)
    for cells in merged:
        sheet.merge_cells(cells)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


PEOPLE_ROWS = [
    ["Список обучающихся 1 курса на 01.09.2024", None, None, None],
    [],
    ["ФИО", "Дата рожд.", "Группа", "Курс"],
    ["Иванов Иван Иванович", dt.date(2008, 3, 14), "ГР-241", 1],
    [],
    ["Петрова Анна Сергеевна", dt.date(2007, 12, 1), "ГР-241", 1],
]

# Seed 004, «Таблица 5. Целевые индикаторы»: «Сроки реализации» over three years.
KPI_ROWS = [
    ["Таблица 5. Целевые индикаторы реализации программы"],
    [],
    ["Показатели", "Ед.изм.", "Сроки реализации", None, None],
    [None, None, 2022, 2023, 2024],
    ["Уровень удовлетворенности наставников участием в программах наставничества", "%"]
    + [50, 60, 65],
    ["Уровень удовлетворенности наставляемых участием в программах наставничества", "%"]
    + [50, 60, 65],
]


# --- .xlsx: the header found by itself -------------------------------------------------


def test_xlsx_title_merged_over_the_width_and_an_empty_row_above_the_header():
    data = book(PEOPLE_ROWS, merged=["A1:D1"])
    table = read_table(data, "список.xlsx", LIMITS)
    assert table.headers == ["ФИО", "Дата рожд.", "Группа", "Курс"]
    assert table.header_rows == [3]
    assert table.title == "Список обучающихся 1 курса на 01.09.2024"
    assert table.rows == [
        ["Иванов Иван Иванович", dt.datetime(2008, 3, 14), "ГР-241", 1],
        ["Петрова Анна Сергеевна", dt.datetime(2007, 12, 1), "ГР-241", 1],
    ]
    # The file's own row numbers, as the curator sees them in Excel.
    assert table.row_numbers == [4, 6]


def test_xlsx_title_in_two_rows_not_merged_is_kept_as_two_lines():
    rows = [["ГБПОУ КГТТ"], ["Список наставников"], [], ["Фамилия", "Имя"], ["Иванов", "Пётр"]]
    table = read_table(book(rows), "x.xlsx", LIMITS)
    assert table.title == "ГБПОУ КГТТ\nСписок наставников"
    assert table.header_rows == [4]
    assert table.row_numbers == [5]


def test_xlsx_header_in_row_one_is_read_as_before():
    table = read_table(book([["Фамилия", "Имя"], ["Иванов", "Пётр"]]), "x.xlsx", LIMITS)
    assert (table.headers, table.header_rows, table.title) == (["Фамилия", "Имя"], [1], "")
    assert table.row_numbers == [2]


def test_xlsx_two_row_header_columns_under_a_merged_top_cell_take_the_years():
    data = book(KPI_ROWS, merged=["A1:E1", "A3:A4", "B3:B4", "C3:E3"])
    table = read_table(data, "kpi.xlsx", LIMITS)
    assert table.headers == ["Показатели", "Ед.изм.", "2022", "2023", "2024"]
    assert table.header_rows == [3, 4]
    assert table.title == "Таблица 5. Целевые индикаторы реализации программы"
    assert table.rows[0][1:] == ["%", 50, 60, 65]
    assert table.row_numbers == [5, 6]


def test_xlsx_two_row_header_without_merges_top_cells_followed_by_empty_ones():
    """Merges lost on copying (or never made): «Сроки реализации» followed by two empty
    header cells still spans them; «Показатели» with nothing below keeps its text."""
    table = read_table(book(KPI_ROWS), "kpi.xlsx", LIMITS)
    assert table.headers == ["Показатели", "Ед.изм.", "2022", "2023", "2024"]
    assert table.header_rows == [3, 4]


def test_xlsx_a_top_cell_merged_over_five_years_is_as_wide_as_its_columns():
    """Two header cells over seven columns: not a caption line above a wider table, as the
    merge tells (without it the row would look half as wide as the years under it)."""
    rows = [
        ["Наименование показателя", "Значения по годам", None, None, None, None],
        [None, 2020, 2021, 2022, 2023, 2024],
        ["Доля наставляемых", 10, 20, 30, 40, 50],
    ]
    table = read_table(book(rows, merged=["A1:A2", "B1:F1"]), "seed000.xlsx", LIMITS)
    assert table.headers == ["Наименование показателя", "2020", "2021", "2022", "2023", "2024"]
    assert table.header_rows == [1, 2]
    assert table.row_numbers == [3]


def test_xlsx_first_data_row_is_not_taken_for_a_second_header_row():
    """A data row right under the header fills columns of single-column headers: data."""
    rows = [["Показатели", "Ед.изм.", "2022", "2023"], ["Доля", "%", 20, 40]]
    table = read_table(book(rows), "x.xlsx", LIMITS)
    assert table.header_rows == [1]
    assert table.rows == [["Доля", "%", 20, 40]]


def test_xlsx_seed_000_single_row_header_with_years_as_numbers():
    headers = ["№ п/п", "Наименование показателя", 2020, 2021, 2022, 2023, 2024]
    headers.append("Результат на выходе из программы")
    rows = [headers, [1, "Доля наставляемых", 10, 20, 30, 40, 50, "Рост вовлечённости"]]
    table = read_table(book(rows), "seed000.xlsx", LIMITS)
    assert table.headers == [
        "№ п/п",
        "Наименование показателя",
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
        "Результат на выходе из программы",
    ]
    assert table.header_rows == [1]
    assert table.row_numbers == [2]


def test_a_header_of_one_text_and_years_as_numbers_is_found_under_a_title():
    """The KPI targets template: «Показатель | 2020 | 2021», the years number cells; a
    title with a date beside it is no header (a date is no heading)."""
    rows = [
        ["Целевые значения", dt.date(2024, 9, 1)],
        ["Показатель", 2020, 2021],
        ["Доля наставляемых", 10, 20],
    ]
    table = read_table(book(rows), "kpi.xlsx", LIMITS)
    assert table.headers == ["Показатель", "2020", "2021"]
    assert table.header_rows == [2]
    assert table.title == "Целевые значения 01.09.2024"


def test_a_caption_line_above_a_wider_table_is_not_its_header():
    rows = [
        ["Группа: ГР-241", None, "Куратор: Иванова"],
        ["Фамилия", "Имя", "Отчество", "Дата рождения", "Группа", "Курс"],
        ["Иванов", "Пётр", "Сергеевич", dt.date(2008, 1, 2), "ГР-241", 1],
    ]
    table = read_table(book(rows), "x.xlsx", LIMITS)
    assert table.header_rows == [2]
    assert table.title == "Группа: ГР-241 Куратор: Иванова"


def test_a_file_with_only_the_header_has_no_rows():
    table = read_table(book([["Список"], ["Фамилия", "Имя"]]), "x.xlsx", LIMITS)
    assert (table.headers, table.rows, table.header_rows) == (["Фамилия", "Имя"], [], [2])


def test_a_sheet_of_one_column_has_its_first_row_as_the_header():
    table = read_table(book([["Группа"], ["ГР-241"], ["ГР-242"]]), "x.xlsx", LIMITS)
    assert (table.headers, table.rows, table.row_numbers) == (
        ["Группа"],
        [["ГР-241"], ["ГР-242"]],
        [2, 3],
    )


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([["Итого"], [1, 2, 3], [4, 5, 6]], id="numbers-only"),
        pytest.param([[f"Строка {n}"] for n in range(40)] + [["a", "b"]], id="header-too-low"),
    ],
)
def test_a_sheet_without_a_recognisable_header_says_what_was_expected(rows):
    with pytest.raises(XlsxFileError) as caught:
        read_table(book(rows), "x.xlsx", LIMITS)
    assert str(caught.value) == NO_HEADER
    assert "Не найдена строка заголовков" in NO_HEADER and "первых 30" in NO_HEADER
    assert "текстом или годами" in NO_HEADER


def test_data_under_no_header_names_the_column_and_the_found_header_row():
    rows = [["Список"], [], ["Фамилия", "Имя"], ["Иванов", "Пётр", "уточнить"]]
    with pytest.raises(XlsxFileError) as caught:
        read_table(book(rows), "x.xlsx", LIMITS)
    assert str(caught.value).startswith(
        "В колонке C есть данные, но нет заголовка в строке заголовков (строка 3)."
    )


def test_data_under_no_header_of_a_two_row_header_names_both_rows():
    rows = [*KPI_ROWS[:4], ["Доля", "%", 1, 2, 3, "лишнее"]]
    with pytest.raises(XlsxFileError, match=r"В колонке F .*\(строки 3 и 4\)"):
        read_table(book(rows, merged=["C3:E3"]), "x.xlsx", LIMITS)


def test_xlsx_title_rows_do_not_count_against_the_row_limit():
    rows = [["Список"], [], ["Фамилия", "Имя"], *[[f"Иванов{n}", "Пётр"] for n in range(3)]]
    assert len(read_table(book(rows), "x.xlsx", limits(max_rows=3)).rows) == 3
    rows.append(["Петров", "Иван"])
    with pytest.raises(XlsxFileError, match="больше 3 строк данных"):
        read_table(book(rows), "x.xlsx", limits(max_rows=3))


def test_admin_dataset_has_the_found_header_and_the_files_row_numbers():
    dataset = SafeXLSX().create_dataset(book(PEOPLE_ROWS, merged=["A1:D1"]))
    assert dataset.headers == ["ФИО", "Дата рожд.", "Группа", "Курс"]
    assert dataset.excel_row_numbers == [4, 6]


# --- .xls ------------------------------------------------------------------------------


def test_xls_people_list_with_title_dates_and_row_numbers():
    table = read_table(fixture("people_title.xls"), "список.xls", LIMITS)
    assert table.headers == ["ФИО", "Дата рожд.", "Группа", "Курс"]
    assert table.header_rows == [3]
    assert table.title == "Список обучающихся 1 курса на 01.09.2024"
    # Excel's day numbers, typed as dates, come as datetimes (as openpyxl gives them);
    # whole numbers as int.
    assert table.rows[:2] == [
        ["Иванов Иван Иванович", dt.datetime(2008, 3, 14), "ГР-241", 1],
        ["Петрова Анна Сергеевна", dt.datetime(2007, 12, 1), "ГР-241", 1],
    ]
    assert type(table.rows[0][3]) is int
    assert table.row_numbers[:3] == [4, 5, 7]  # row 6 is blank
    assert len(table.rows) == 40


def test_xls_two_row_header_from_merged_cells():
    table = read_table(fixture("kpi_two_row_header.xls"), "kpi.xls", LIMITS)
    assert table.headers == ["Показатели", "Ед.изм.", "2022", "2023", "2024"]
    assert table.header_rows == [3, 4]
    assert table.rows[1][2:] == [50, 60, 65.5]
    assert table.rows[2][:2] == ["Проверено", True]
    assert table.row_numbers == [5, 6, 7]


def test_xls_merged_cells_are_read():
    grid = read_xls_grid(fixture("kpi_two_row_header.xls"), LIMITS)
    assert set(grid.merged) == {(1, 1, 1, 5), (3, 1, 4, 1), (3, 2, 4, 2), (3, 3, 3, 5)}


def test_xls_data_under_no_header_names_column_and_header_row():
    with pytest.raises(XlsxFileError) as caught:
        read_table(fixture("unnamed_column.xls"), "наставники.xls", LIMITS)
    assert "В колонке C есть данные, но нет заголовка в строке заголовков (строка 2)" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max_rows": 39}, "В файле больше 39 строк данных"),
        ({"max_rows": 3}, "В файле больше 3 строк данных"),  # stops while reading
        ({"max_columns": 3}, "Данные в колонке D — дальше допустимых 3 колонок"),
        ({"max_bytes": 4096}, "Файл больше 0 МБ"),
    ],
)
def test_xls_limits(changes, message):
    with pytest.raises(XlsxFileError, match=message):
        read_table(fixture("people_title.xls"), "список.xls", limits(**changes))


def test_a_broken_xls_gets_a_russian_message():
    data = fixture("people_title.xls")[:1536]  # the OLE header survives, the rest is gone
    with pytest.raises(XlsxFileError, match=r"Не удалось прочитать файл \.xls: он повреждён"):
        read_table(data, "список.xls", LIMITS)


# --- the kind: extension checked against the content ------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("список.xlsx", fixture("people_title.xls"), id="xls-named-xlsx"),
        pytest.param("список.XLS", fixture("people_title.xls"), id="xls-upper-case"),
        pytest.param("список.xls", book(PEOPLE_ROWS), id="xlsx-named-xls"),
        pytest.param("список.csv", book(PEOPLE_ROWS), id="xlsx-named-csv"),
        pytest.param("", fixture("people_title.xls"), id="xls-no-name"),
        pytest.param("", book(PEOPLE_ROWS), id="xlsx-no-name"),
    ],
)
def test_the_content_decides_between_xlsx_and_xls(name, data):
    table = read_table(data, name, LIMITS)
    assert table.headers == ["ФИО", "Дата рожд.", "Группа", "Курс"]
    assert table.rows[0][:2] == ["Иванов Иван Иванович", dt.datetime(2008, 3, 14)]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("список.ods", book(PEOPLE_ROWS), FORMATS),
        ("список.pdf", b"%PDF-1.4", FORMATS),
        ("список", "Фамилия;Имя".encode(), FORMATS),
        ("список.xlsx", b"MZ\x90\x00" + bytes(range(256)) * 4, "не является книгой Excel"),
        ("список.xls", "Фамилия;Имя\nИванов;Пётр\n".encode(), "не является книгой Excel"),
        ("выгрузка.xls", b"<html><body><table><tr><td>1</td></tr></table>", "веб-страница"),
        ("список.csv", b"MZ\x90\x00\x00" + bytes(range(256)) * 4, "не похож на таблицу CSV"),
        ("список.xlsx", b"", "Файл пустой"),
    ],
)
def test_anything_else_is_refused_in_russian(name, data, message, monkeypatch):
    monkeypatch.setattr(xlsx, "load_workbook", pytest.fail)
    with pytest.raises(XlsxFileError) as caught:
        read_table(data, name, LIMITS)
    assert message in str(caught.value)
    if message != "Файл пустой":
        assert str(caught.value).startswith(FORMATS)


def test_an_ods_renamed_xlsx_names_the_formats_read_table_accepts():
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(XlsxFileError) as caught:
        read_table(stream.getvalue(), "список.xlsx", LIMITS)
    assert str(caught.value).startswith(f"{FORMATS} Этот файл — таблица OpenDocument (.ods).")


def test_every_format_has_the_size_limit():
    for name, data in [("a.xlsx", book(PEOPLE_ROWS)), ("a.csv", b"a;b\n" * 400)]:
        with pytest.raises(XlsxFileError, match="Файл больше"):
            read_table(data, name, limits(max_bytes=1000))


# --- .csv ------------------------------------------------------------------------------

PEOPLE_CSV = (
    "Список обучающихся 1 курса;;;\n"
    ";;;\n"
    "ФИО;Дата рожд.;Группа;Курс\n"
    "Иванов Иван Иванович;14.03.2008;ГР-241;1\n"
    ";;;\n"
    " Петрова Анна Сергеевна ;01.12.2007;ГР-241;\n"
)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ";"),
        ("utf-8-sig", ";"),
        ("utf-8", ","),
        ("utf-8-sig", "\t"),
        ("cp1251", ";"),
        ("cp1251", ","),
    ],
)
def test_csv_in_utf8_or_windows_1251_with_any_separator(encoding, delimiter):
    text = PEOPLE_CSV.replace(";", delimiter)
    table = read_table(text.encode(encoding), "список.csv", LIMITS)
    assert table.headers == ["ФИО", "Дата рожд.", "Группа", "Курс"]
    assert table.header_rows == [3]
    assert table.title == "Список обучающихся 1 курса"
    # Text, stripped; an empty cell is None.
    assert table.rows == [
        ["Иванов Иван Иванович", "14.03.2008", "ГР-241", "1"],
        ["Петрова Анна Сергеевна", "01.12.2007", "ГР-241", None],
    ]
    assert table.row_numbers == [4, 6]


def test_csv_title_without_separators_above_a_comma_table():
    """Sniffer cannot decide when a title breaks the lines' likeness: the separator that
    splits the rows alike is taken — here «,», though the title has none."""
    text = "Список обучающихся 1 курса\n\nФИО,Группа\nИванов Иван,ГР-241\nПетров Пётр,ГР-242\n"
    table = read_table(text.encode("cp1251"), "список.csv", LIMITS)
    assert table.headers == ["ФИО", "Группа"]
    assert table.rows == [["Иванов Иван", "ГР-241"], ["Петров Пётр", "ГР-242"]]


def test_csv_quoted_cells_keep_separators_and_line_breaks_rows_count_records():
    text = 'Фамилия;Адрес\n"Иванов";"г. Киров; ул. Ленина, 1"\n"Петров";"строка 1\nстрока 2"\n'
    text += "Сидоров;Слободской\n"
    table = read_table(text.encode(), "a.csv", LIMITS)
    assert table.rows == [
        ["Иванов", "г. Киров; ул. Ленина, 1"],
        ["Петров", "строка 1\nстрока 2"],
        ["Сидоров", "Слободской"],
    ]
    assert table.row_numbers == [2, 3, 4]


def test_csv_two_row_header_of_seed_004():
    text = (
        "Показатели;Ед.изм.;Сроки реализации;;\n"
        ";;2022;2023;2024\n"
        "Доля детей в возрасте от 10 до 19 лет;%;20;40;60\n"
    )
    table = read_table(text.encode("cp1251"), "kpi.csv", LIMITS)
    assert table.headers == ["Показатели", "Ед.изм.", "2022", "2023", "2024"]
    assert table.header_rows == [1, 2]
    assert table.rows == [["Доля детей в возрасте от 10 до 19 лет", "%", "20", "40", "60"]]
    assert table.row_numbers == [3]


def test_csv_without_a_name_is_read_by_its_content():
    table = read_table("Фамилия;Имя\nИванов;Пётр\n".encode(), "", LIMITS)
    assert table.rows == [["Иванов", "Пётр"]]


def test_csv_data_under_no_header_names_the_column_and_row():
    text = "Список\nФамилия;Имя\nИванов;Пётр;лишнее\n"
    with pytest.raises(XlsxFileError, match=r"В колонке C .*\(строка 2\)"):
        read_table(text.encode(), "a.csv", LIMITS)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"max_rows": 2}, "В файле больше 2 строк данных"),
        ({"max_columns": 3}, "Данные в колонке D — дальше допустимых 3 колонок"),
        ({"max_bytes": 100}, "Файл больше 0 МБ"),
    ],
)
def test_csv_limits(changes, message):
    text = "Фамилия;Имя;Отчество;Курс\n" + "Иванов;Пётр;Сергеевич;1\n" * 3
    with pytest.raises(XlsxFileError, match=message):
        read_table(text.encode(), "a.csv", limits(**changes))


def test_csv_too_many_rows_stops_while_reading():
    text = "Фамилия;Имя\n" + "Иванов;Пётр\n" * 10_000
    with pytest.raises(XlsxFileError, match="В файле больше 2 строк данных"):
        read_table(text.encode(), "a.csv", limits(max_rows=2, max_bytes=10**7))


def test_csv_in_an_unknown_encoding_is_refused():
    data = "Фамилия;Имя\n".encode("cp1251") + b"\x98\xff\n"  # 0x98 is no letter in cp1251
    with pytest.raises(XlsxFileError, match="не текст в кодировке UTF-8 или Windows-1251"):
        read_table(data, "a.csv", LIMITS)
