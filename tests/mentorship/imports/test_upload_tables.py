"""An upload's table as read waits beside it: the mapping step, the preview and the
confirmation use it instead of parsing the file again, and it goes with the upload."""

import datetime as dt
import os
import time

import pytest

from mentorship.imports import uploads
from mentorship.imports.uploads import ImportTempStorage, import_tables_dir, import_tmp_purge
from mentorship.lib.xlsx import FormulaProblem, XlsxTable
from tests.lib.xlsx_files import people_rows, people_xlsx


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def _table(*values) -> XlsxTable:
    return XlsxTable(
        headers=["Фамилия", "Дата"],
        rows=[list(values)],
        row_numbers=[3],
        header_rows=[1, 2],
        title="Список",
    )


def test_a_kept_table_comes_back_as_it_was_read():
    values = (
        "=не формула", 7, 2.5, 3.0, True, None,
        dt.datetime(2024, 5, 1, 10, 30, 15, 7), dt.date(2008, 2, 29), dt.time(8, 15),
        dt.timedelta(days=2, seconds=5), FormulaProblem("=A1/0", "#DIV/0!"),
        FormulaProblem("=B2"), "",
    )  # fmt: skip
    storage = ImportTempStorage()
    storage.save(b"PK not read: the table is kept")
    storage.save_table(_table(*values))
    table = storage.read_table("люди.xlsx")
    assert table == _table(*values)
    assert [type(value) for value in table.rows[0]] == [type(value) for value in values]


def test_a_table_with_a_value_of_another_kind_is_not_kept_and_the_file_is_read(monkeypatch):
    data = people_xlsx(people_rows(2))
    storage = ImportTempStorage()
    storage.save(data)
    storage.save_table(_table(object(), 1))
    assert not (import_tables_dir() / (storage.name + ".table")).exists()
    read = []
    real = uploads.read_table
    monkeypatch.setattr(uploads, "read_table", lambda *a: read.append(a) or real(*a))
    table = storage.read_table("люди.xlsx")
    assert len(read) == 1 and len(table.rows) == 2
    storage.read_table("люди.xlsx")  # kept now
    assert len(read) == 1


def test_the_table_goes_with_its_upload(upload_dir):
    storage = ImportTempStorage()
    storage.save(people_xlsx(people_rows(1)))
    storage.read_table("люди.xlsx")
    assert len(list(import_tables_dir().iterdir())) == 1
    assert os.listdir(upload_dir) == [storage.name]  # the upload directory holds uploads only
    storage.remove()
    assert list(import_tables_dir().iterdir()) == []


def test_purge_removes_an_abandoned_upload_with_its_table(upload_dir):
    abandoned, fresh = ImportTempStorage(), ImportTempStorage()
    for storage in (abandoned, fresh):
        storage.save(people_xlsx(people_rows(1)))
        storage.read_table("люди.xlsx")
    stale = time.time() - 3 * 3600
    os.utime(upload_dir / abandoned.name, (stale, stale))
    assert import_tmp_purge() == 1
    assert os.listdir(upload_dir) == [fresh.name]
    assert [path.name for path in import_tables_dir().iterdir()] == [fresh.name + ".table"]
