"""Uploads that wait for «Подтвердить импорт»: a private directory, owner-only files with
unguessable names, removed after the import, after a failed preview, or when abandoned."""

import logging
import os
import re
import time
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from import_export.tmp_storages import BaseStorage

logger = logging.getLogger(__name__)

_TMP_NAME = re.compile(r"^[0-9a-f]{32}\.(?:xlsx|xls|csv|json)$")
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
            self._path().unlink(missing_ok=True)

    def _path(self) -> Path:
        if not self.name or not _TMP_NAME.match(self.name):
            raise FileNotFoundError("not an import upload name")
        return import_tmp_dir() / self.name


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
    if removed:
        logger.info("Removed %s abandoned import uploads", removed)
    return removed
