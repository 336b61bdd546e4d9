"""Uploads that wait for «Подтвердить импорт»: a private directory, owner-only files with
unguessable names, removed after the import, after a failed preview, or when abandoned.

Beside an upload its table may wait as read (save_table): the mapping step, the preview
and the confirmation then use the table the upload step read instead of parsing the file
again each time (reading a 5,000-row sheet through defusedxml was a third of an import).
The table is kept as JSON, its dates and formula problems tagged: nothing is unpickled,
and a value of any other kind keeps no table at all (the file is read again)."""

import datetime as dt
import json
import logging
import os
import re
import time
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from import_export.tmp_storages import BaseStorage

from mentorship.lib.tables import read_table
from mentorship.lib.xlsx import FormulaProblem, XlsxTable

logger = logging.getLogger(__name__)

_TMP_NAME = re.compile(r"^[0-9a-f]{32}\.(?:xlsx|xls|csv|json)$")
# An upload's table as read, in import_tables_dir() (removed and purged with it).
_TABLE_SUFFIX = ".table"
_TABLE_NAME = re.compile(r"^[0-9a-f]{32}\.(?:xlsx|xls|csv|json)\.table$")
# json: the regional centre's packages wait here between their preview and the confirmation.
KINDS = ("xlsx", "xls", "csv", "json")


def upload_kind(filename: str) -> str:
    """The kind an upload is kept as: its own extension when it is one we read."""
    suffix = Path(filename or "").suffix.lower().lstrip(".")
    return suffix if suffix in KINDS else "xlsx"


def import_tmp_dir() -> Path:
    directory = Path(settings.IMPORT_TMP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def import_tables_dir() -> Path:
    """Where the uploads' tables as read wait: beside IMPORT_TMP_DIR, «…-tables» (the
    same private kind of directory; not inside it, which holds the uploads alone)."""
    directory = Path(settings.IMPORT_TMP_DIR)
    return directory.with_name(directory.name + "-tables")


class ImportTempStorage(BaseStorage):
    """An upload between preview and «Подтвердить импорт»: a private directory, owner-only
    files with unguessable names (the confirm form cannot point anywhere else), removed
    after the import, after a failed preview, or by import_tmp_purge(). The file keeps
    its kind (.xlsx, .xls, .csv, .json) in its name."""

    def __init__(self, kind: str = "xlsx", **kwargs):
        super().__init__(**kwargs)
        self.kind = kind if kind in KINDS else "xlsx"

    def save(self, data):
        self.name = f"{uuid4().hex}.{self.kind}"
        descriptor = os.open(self._path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def read(self):
        return self._path().read_bytes()

    def remove(self):
        if self.name and _TMP_NAME.match(self.name):
            self._table_path().unlink(missing_ok=True)
            self._path().unlink(missing_ok=True)

    def read_table(self, filename: str) -> XlsxTable:
        """The upload's table: as kept beside it (save_table), else read from the file and
        kept. XlsxFileError when the file cannot be read, OSError when it is gone."""
        data = self.read()  # the upload itself must still be there
        try:
            return _table_from_json(self._table_path().read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        table = read_table(data, filename)
        self.save_table(table)
        return table

    def save_table(self, table: XlsxTable) -> None:
        """Keep the table as read beside the upload (nothing kept if a value is of a kind
        the JSON form does not carry)."""
        try:
            text = _table_to_json(table)
        except (TypeError, ValueError):  # a kind not kept; NaN
            return
        path = self._table_path()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)

    def _path(self) -> Path:
        if not self.name or not _TMP_NAME.match(self.name):
            raise FileNotFoundError("not an import upload name")
        return import_tmp_dir() / self.name

    def _table_path(self) -> Path:
        return import_tables_dir() / (self._path().name + _TABLE_SUFFIX)


# Cell values JSON carries as they are; dates, times and formula problems are tagged.
_PLAIN = (str, int, float, bool, type(None))
_TAG = "$"


def _encode(value):
    kind = type(value)
    if kind is dt.datetime and value.tzinfo is None:
        return {_TAG: "datetime", "v": value.isoformat()}
    if kind is dt.date:
        return {_TAG: "date", "v": value.isoformat()}
    if kind is dt.time and value.tzinfo is None:
        return {_TAG: "time", "v": value.isoformat()}
    if kind is dt.timedelta:
        return {_TAG: "timedelta", "v": [value.days, value.seconds, value.microseconds]}
    if kind is FormulaProblem:
        return {_TAG: "formula", "v": [value.formula, value.error_code]}
    raise TypeError(f"not kept: {kind.__name__}")


def _decode(obj: dict):
    tag, value = obj[_TAG], obj["v"]
    if tag == "datetime":
        return dt.datetime.fromisoformat(value)
    if tag == "date":
        return dt.date.fromisoformat(value)
    if tag == "time":
        return dt.time.fromisoformat(value)
    if tag == "timedelta":
        return dt.timedelta(days=value[0], seconds=value[1], microseconds=value[2])
    if tag == "formula":
        return FormulaProblem(value[0], value[1])
    raise ValueError(tag)


def _table_to_json(table: XlsxTable) -> str:
    for row in table.rows:
        for value in row:
            if type(value) not in _PLAIN:
                _encode(value)  # TypeError for a kind not kept
    return json.dumps(
        {
            "headers": list(table.headers),
            "rows": [list(row) for row in table.rows],
            "row_numbers": list(table.row_numbers),
            "header_rows": list(table.header_rows),
            "title": table.title,
        },
        default=_encode,
        ensure_ascii=False,
        allow_nan=False,
    )


def _table_from_json(text: str) -> XlsxTable:
    data = json.loads(text, object_hook=lambda obj: _decode(obj) if _TAG in obj else obj)
    return XlsxTable(
        headers=data["headers"],
        rows=data["rows"],
        row_numbers=data["row_numbers"],
        header_rows=data["header_rows"],
        title=data["title"],
    )


def import_tmp_purge(max_age: timedelta | None = None) -> int:
    """Remove uploads whose confirmation was abandoned; returns how many were removed."""
    if max_age is None:
        max_age = timedelta(hours=settings.IMPORT_TMP_MAX_AGE_HOURS)
    cutoff = time.time() - max_age.total_seconds()
    removed = 0
    for path in import_tmp_dir().iterdir():
        if _TMP_NAME.match(path.name) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    tables = import_tables_dir()
    if tables.is_dir():
        uploads = import_tmp_dir()
        for path in tables.iterdir():
            if not _TABLE_NAME.match(path.name):
                continue
            upload = uploads / path.name.removesuffix(_TABLE_SUFFIX)
            if not upload.exists() or path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    if removed:
        logger.info("Removed %s abandoned import uploads", removed)
    return removed
